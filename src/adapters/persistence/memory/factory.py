from __future__ import annotations

from adapters.persistence.memory.store import MemoryDatabase
from adapters.persistence.memory.unit_of_work import MemoryUnitOfWork


class MemoryUnitOfWorkFactory:
    def __init__(self, database: MemoryDatabase | None = None) -> None:
        self.database = database or MemoryDatabase()

    def __call__(self, *, read_only: bool = False) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self.database)
