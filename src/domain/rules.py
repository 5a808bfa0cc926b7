"""Small text rules shared by several entities."""

from __future__ import annotations

import unicodedata

from domain.errors import InvalidInput


def normalise_text(value: str) -> str:
    """NFC, then surrounding whitespace trimmed: what we store and what we count."""
    return unicodedata.normalize("NFC", value).strip()


def bounded_text(field: str, value: str, *, maximum: int, minimum: int = 0) -> str:
    text = normalise_text(value)
    if len(text) < minimum:
        raise InvalidInput.of(field, f"must be at least {minimum} characters")
    if len(text) > maximum:
        raise InvalidInput.of(field, f"must be at most {maximum} characters")
    if has_control_characters(text):
        raise InvalidInput.of(field, "must not contain control characters")
    return text


def has_control_characters(text: str) -> bool:
    """Control characters other than newline and tab (NUL among them, which storage refuses)."""
    return any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text)
