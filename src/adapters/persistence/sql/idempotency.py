from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.tables import idempotency_keys as keys
from domain.idempotency import IdempotencyRecord


class SqlIdempotencyKeys:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection
        dialect = connection.dialect.name
        self._insert: Any = sqlite_insert if dialect == "sqlite" else postgresql_insert

    async def find(self, owner_id: str, key: str) -> IdempotencyRecord | None:
        row = (
            await self._c.execute(
                select(keys).where(and_(keys.c.owner_id == owner_id, keys.c.key == key))
            )
        ).first()
        if row is None:
            return None
        return IdempotencyRecord(
            owner_id=row.owner_id,
            key=row.key,
            request_digest=row.request_digest,
            tweet_id=row.tweet_id,
            created_at=row.created_at,
        )

    async def claim(self, record: IdempotencyRecord, *, replacing_before: datetime) -> bool:
        # One statement: on PostgreSQL a concurrent insert of the same key waits for the
        # other transaction, then sees its row; SQLite runs one writer at a time.
        values = {
            "request_digest": record.request_digest,
            "tweet_id": record.tweet_id,
            "created_at": record.created_at,
        }
        statement = (
            self._insert(keys)
            .values(owner_id=record.owner_id, key=record.key, **values)
            .on_conflict_do_update(
                index_elements=[keys.c.owner_id, keys.c.key],
                set_=values,
                where=keys.c.created_at <= replacing_before,
            )
        )
        result = await self._c.execute(statement)
        return bool(result.rowcount)

    async def sweep(self, before: datetime) -> int:
        result = await self._c.execute(delete(keys).where(keys.c.created_at <= before))
        return int(result.rowcount or 0)
