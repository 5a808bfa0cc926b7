from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.sql.unit_of_work import SqlUnitOfWork


class SqlUnitOfWorkFactory:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def __call__(self, *, read_only: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, read_only=read_only)
