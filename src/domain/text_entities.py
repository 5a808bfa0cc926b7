"""Mentions (`@name`) and hashtags (`#tag`) found in a tweet's text, exactly as API.md
states them. The extractors are pure and never fail on any text."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from domain.errors import InvalidInput

MENTION_NAME_MAX = 30
MAX_MENTIONS = 10
HASHTAG_MAX = 50


def is_word_character(ch: str) -> bool:
    """A Unicode word character: a letter, a decimal digit, `_`, or a combining mark (which
    belongs to the letter before it, as in Devanagari, or in `i̇` from folding `İ`). What a
    tag is made of, and what may neither precede nor follow a mention or a tag."""
    category = unicodedata.category(ch)
    return ch == "_" or category[0] in "LM" or category == "Nd"


def _is_name_character(ch: str) -> bool:
    return ch == "_" or (ch.isascii() and ch.isalnum())


def _spans(
    text: str, sigil: str, accepts: Callable[[str], bool], longest: int
) -> list[tuple[int, int]]:
    """(start of the sigil, end of the run) of every run of accepted characters after
    `sigil` with legal boundaries: not preceded by a word character or the sigil, not
    followed by either."""
    found: list[tuple[int, int]] = []
    i = text.find(sigil)
    while i != -1:
        end = i + 1
        while end < len(text) and accepts(text[end]):
            end += 1
        before = text[i - 1] if i > 0 else " "
        after = text[end] if end < len(text) else " "
        legal = not any(is_word_character(ch) or ch == sigil for ch in (before, after))
        if legal and 1 <= end - i - 1 <= longest:
            found.append((i, end))
        i = text.find(sigil, max(end, i + 1))
    return found


def _mention_spans(text: str) -> list[tuple[int, int]]:
    return _spans(text, "@", _is_name_character, MENTION_NAME_MAX)


def _hashtag_spans(text: str) -> list[tuple[int, int]]:
    spans = _spans(text, "#", is_word_character, HASHTAG_MAX)
    return [(start, end) for start, end in spans if _is_hashtag(text[start + 1 : end])]


def _distinct(values: list[str], key: Callable[[str], str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(key(value), value)
    return list(seen.values())


def mention_names(text: str) -> list[str]:
    """The names after `@` as written, distinct case-insensitively, in order of first
    appearance. Which of them name a profile is for storage to say."""
    names = [text[start + 1 : end] for start, end in _mention_spans(text)]
    return _distinct(names, str.lower)


def case_fold(tag: str) -> str:
    """Unicode case folding (NFC around it, so equal texts compare equal): how a tag is
    stored, returned and matched, and how search words are compared."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", tag).casefold())


def _is_hashtag(run: str) -> bool:
    return not all(unicodedata.category(ch) == "Nd" for ch in run)


def hashtags(text: str) -> list[str]:
    """The tags after `#`, folded, distinct, in order of first appearance; `#123` is none."""
    tags = [case_fold(text[start + 1 : end]) for start, end in _hashtag_spans(text)]
    return _distinct(tags, str)


def without_entities(text: str) -> str:
    """The text with every mention and hashtag blanked out: what is left for words."""
    chars = list(text)
    for start, end in _mention_spans(text) + _hashtag_spans(text):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def valid_hashtag(tag: str, field: str = "tag") -> str:
    """A tag named on its own (a URL, a search term): the folded form, or InvalidInput."""
    if not (1 <= len(tag) <= HASHTAG_MAX and all(is_word_character(ch) for ch in tag)):
        raise InvalidInput.of(field, f"must be 1-{HASHTAG_MAX} letters, digits or underscores")
    if not _is_hashtag(tag):
        raise InvalidInput.of(field, "must not be only digits")
    return case_fold(tag)


def check_mention_count(mention_ids: list[str]) -> list[str]:
    if len(mention_ids) > MAX_MENTIONS:
        raise InvalidInput.of("text", f"must mention at most {MAX_MENTIONS} profiles")
    return mention_ids
