"""The Idempotency-Key header of POST /tweets, and what a repeat is compared by."""

from __future__ import annotations

import hashlib
from typing import Annotated

import msgspec
from litestar.params import HeaderParameter

from domain.idempotency import IDEMPOTENCY_KEY_FIELD, IDEMPOTENCY_KEY_PATTERN

IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name=IDEMPOTENCY_KEY_FIELD,
        required=False,
        pattern=f"^{IDEMPOTENCY_KEY_PATTERN.pattern}$",
        description=(
            "1-64 visible ASCII characters naming this write: a repeat by you within 24"
            " hours writes nothing and answers the first tweet (201); the same key with"
            " a different body is 422"
        ),
    ),
]


def body_digest(body: bytes) -> str:
    """Bodies are compared as parsed JSON: key order and spacing do not matter."""
    parsed = msgspec.json.decode(body)
    return hashlib.sha256(msgspec.json.encode(parsed, order="sorted")).hexdigest()
