r"""Word characters (domain.text_entities.is_word_character: letters, decimal digits, `_`)
as regular-expression classes for the OpenAPI document and msgspec.

Spelt out as explicit ranges, never `\w`: ECMAScript (what clients and JSON Schema
validators run) reads `\w` as ASCII only, Python as Unicode, so a class written with it
would mean two different things. The ranges come from the domain's own rule, on this
Python's Unicode, so the document and the server cannot disagree."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator

from domain.text_entities import is_word_character


def _escaped(code: int) -> str:
    # Beyond the BMP the character itself: `\U` is Python's alone.
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


# Planes 4 and up hold no letters or digits (unassigned, tags, private use): the scan
# stops there, which keeps start-up quick; the exhaustive test covers every plane.
SCANNED_UP_TO = 0x3FFFF


def _ranges(member: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    start = None
    for code in range(SCANNED_UP_TO + 2):
        inside = code <= SCANNED_UP_TO and member(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            yield start, code - 1
            start = None


def _character_class(member: Callable[[str], bool]) -> str:
    parts = (
        _escaped(low) if low == high else f"{_escaped(low)}-{_escaped(high)}"
        for low, high in _ranges(member)
    )
    return f"[{''.join(parts)}]"


def _letter_or_underscore(ch: str) -> bool:
    return is_word_character(ch) and unicodedata.category(ch) != "Nd"


WORD_CHARACTER = _character_class(is_word_character)
# A word character that is not a decimal digit: a letter or `_`.
LETTER_OR_UNDERSCORE = _character_class(_letter_or_underscore)
