"""`Idempotency-Key` on posting: the same key from the same person within an hour gets
the status the first request made, not a second one. Kept per process (as Mastodon
keeps it in its cache); a retry that lands on another worker can still post twice."""

from __future__ import annotations

import time
from collections import OrderedDict

LIFETIME_SECONDS = 3600
MAX_KEYS = 10_000


class IdempotencyKeys:
    def __init__(self) -> None:
        self._seen: OrderedDict[tuple[str, str], tuple[float, str]] = OrderedDict()

    def status_for(self, user_id: str, key: str) -> str | None:
        found = self._seen.get((user_id, key))
        if found is None or time.monotonic() - found[0] > LIFETIME_SECONDS:
            return None
        return found[1]

    def remember(self, user_id: str, key: str, status_id: str) -> None:
        self._seen[(user_id, key)] = (time.monotonic(), status_id)
        self._seen.move_to_end((user_id, key))
        while len(self._seen) > MAX_KEYS:
            self._seen.popitem(last=False)
