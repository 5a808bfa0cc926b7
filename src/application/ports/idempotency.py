"""Port for idempotency keys, kept in the unit of work so a key and its write commit
together, and in storage, so they hold across processes and restarts."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.idempotency import IdempotencyRecord


class IdempotencyKeyRepository(Protocol):
    async def find(self, owner_id: str, key: str) -> IdempotencyRecord | None:
        """The record under the owner's key, expired or not."""
        ...

    async def claim(self, record: IdempotencyRecord, *, replacing_before: datetime) -> bool:
        """Stores the record unless the owner's key holds one created after
        `replacing_before`; an expired one (at or before it) is replaced. False when
        the key is taken. A concurrent claim of the same key waits for the other
        transaction to end."""
        ...

    async def sweep(self, before: datetime) -> int:
        """Removes every record (of anyone) created at or before `before`; how many went."""
        ...
