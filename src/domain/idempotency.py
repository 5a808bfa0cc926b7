"""Idempotency keys: a client names a write so that retrying it never writes twice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.errors import InvalidInput

IDEMPOTENCY_KEY_FIELD = "Idempotency-Key"
# 1-64 visible ASCII characters (no space, no control character).
IDEMPOTENCY_KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,64}")
IDEMPOTENCY_KEY_LIFETIME = timedelta(hours=24)


def valid_idempotency_key(key: str) -> str:
    if not IDEMPOTENCY_KEY_PATTERN.fullmatch(key):
        raise InvalidInput.of(IDEMPOTENCY_KEY_FIELD, "must be 1-64 visible ASCII characters")
    return key


@dataclass(frozen=True)
class IdempotencyRecord:
    """A write that succeeded under a key: the request it answered and what it wrote."""

    owner_id: str
    key: str
    request_digest: str
    tweet_id: str
    created_at: datetime

    def expired(self, now: datetime) -> bool:
        return now - self.created_at >= IDEMPOTENCY_KEY_LIFETIME

    def replay_for(self, request_digest: str) -> str:
        """The tweet to answer a repeat with; a different request under the key is 422."""
        if request_digest != self.request_digest:
            raise InvalidInput.of(
                IDEMPOTENCY_KEY_FIELD, "was already used with a different request body"
            )
        return self.tweet_id
