"""The migrations build exactly the schema the adapter's tables describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.tables import SEARCH_OBJECTS, metadata
from tests.conftest import BACKENDS

pytestmark = pytest.mark.parametrize("database_url", BACKENDS[1:], indirect=True)


def _outside_the_tables(name, type_, parent_names) -> bool:  # type: ignore[no-untyped-def]
    """Full-text search objects (and FTS5's shadow tables) are not in the metadata."""
    name = name or ""
    return not any(name == known or name.startswith(known + "_") for known in SEARCH_OBJECTS)


def _differences(connection) -> list:  # type: ignore[no-untyped-def]
    context = MigrationContext.configure(
        connection, opts={"compare_type": False, "include_name": _outside_the_tables}
    )
    return compare_metadata(context, metadata)


async def test_migrated_schema_matches_the_tables(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(_differences)
    finally:
        await engine.dispose()
    assert differences == []
