from __future__ import annotations

from datetime import datetime

from adapters.persistence.memory.store import MemoryTables
from domain.idempotency import IdempotencyRecord


class MemoryIdempotencyKeys:
    """Transactions run one at a time here (MemoryDatabase.lock), so a claim never waits."""

    def __init__(self, tables: MemoryTables) -> None:
        self._records: dict[tuple[str, str], IdempotencyRecord] = tables.extra.setdefault(
            "idempotency_keys", {}
        )

    async def find(self, owner_id: str, key: str) -> IdempotencyRecord | None:
        return self._records.get((owner_id, key))

    async def claim(self, record: IdempotencyRecord, *, replacing_before: datetime) -> bool:
        held = self._records.get((record.owner_id, record.key))
        if held is not None and held.created_at > replacing_before:
            return False
        self._records[(record.owner_id, record.key)] = record
        return True

    async def sweep(self, before: datetime) -> int:
        old = [name for name, record in self._records.items() if record.created_at <= before]
        for name in old:
            del self._records[name]
        return len(old)
