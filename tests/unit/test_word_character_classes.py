"""The regular-expression classes the document states for hashtags and queries match
exactly the characters the domain counts as word characters, on this Python's Unicode."""

from __future__ import annotations

import re
import sys
import unicodedata

from adapters.http.schemas.word_characters import LETTER_OR_UNDERSCORE, WORD_CHARACTER
from domain.text_entities import is_word_character


def test_the_classes_match_exactly_the_domain_word_characters():
    word, letter = re.compile(WORD_CHARACTER), re.compile(LETTER_OR_UNDERSCORE)
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        expected = is_word_character(ch)
        assert bool(word.fullmatch(ch)) == expected, hex(code)
        is_letter = expected and unicodedata.category(ch) != "Nd"
        assert bool(letter.fullmatch(ch)) == is_letter, hex(code)
