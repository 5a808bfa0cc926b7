"""Databases as an earlier release left them, for the migration tests: empty and
migrated to a given revision only, on SQLite or PostgreSQL; and plain SQL run on them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.migrate import upgrade
from tests.support import databases


@contextmanager
def database_at(backend: str, revision: str, directory: Path) -> Iterator[str]:
    """The URL of an empty database at `revision` ("sqlite" under `directory`, or
    "postgres" on the test server, dropped afterwards)."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{directory / 'old.db'}"
        upgrade(url, revision)
        yield url
        return
    url = databases.create_postgres_database(revision)
    try:
        yield url
    finally:
        databases.drop_postgres_database(url)


async def execute(url: str, *statements: str) -> list[list[tuple]]:  # type: ignore[type-arg]
    """Each statement's rows as tuples ([] for a write), in one transaction."""
    engine = create_engine(url)
    found = []
    try:
        async with engine.begin() as connection:
            for statement in statements:
                result = await connection.execute(text(statement))
                found.append([tuple(row) for row in result] if result.returns_rows else [])
    finally:
        await engine.dispose()
    return found
