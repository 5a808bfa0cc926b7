"""Applying the Alembic migrations from code (the CLI, `make run` and the tests use this).

Each command reports where the database stood before and after, so the CLI can say what
it did; a revision Alembic cannot find is a DatabaseProblem, one line for the user.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection

from adapters.persistence.sql.diagnostics import DatabaseProblem, probe, shown, unmigrated
from adapters.persistence.sql.engine import create_engine, sqlalchemy_url

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Revision:
    id: str
    title: str

    def __str__(self) -> str:
        return f"{self.id} ({self.title})"


@dataclass(frozen=True)
class MigrationRun:
    before: str | None
    after: str | None
    # Revisions run, in the order they ran (newest first when going down).
    ran: tuple[Revision, ...]


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", sqlalchemy_url(url).replace("%", "%%"))
    return config


def history() -> list[Revision]:
    """Every revision this code knows, oldest first (the history is one line)."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    newest_first = [Revision(r.revision, (r.doc or "").strip()) for r in script.walk_revisions()]
    return newest_first[::-1]


def head() -> str:
    return history()[-1].id


def current_revision(url: str) -> str | None:
    """The revision the database is at; None when it has none (never migrated)."""

    def read(connection: Connection) -> str | None:
        heads = MigrationContext.configure(connection).get_current_heads()
        return heads[0] if heads else None

    async def connect() -> str | None:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(read)
        finally:
            await engine.dispose()

    return asyncio.run(connect())


def _between(older: str | None, newer: str | None) -> list[Revision]:
    ids = [revision.id for revision in history()]
    start = ids.index(older) + 1 if older in ids else 0
    end = ids.index(newer) + 1 if newer in ids else 0
    return history()[start:end]


def _run(
    url: str, revision: str, action: Callable[[Config, str], None]
) -> tuple[str | None, str | None]:
    before = current_revision(url)
    try:
        action(alembic_config(url), revision)
    except CommandError as error:
        raise DatabaseProblem(f"cannot migrate to {revision!r}: {error}") from None
    return before, current_revision(url)


def upgrade(url: str, revision: str = "head") -> MigrationRun:
    asyncio.run(probe(url, must_exist=False))
    before, after = _run(url, revision, command.upgrade)
    return MigrationRun(before, after, tuple(_between(before, after)))


def downgrade(url: str, revision: str) -> MigrationRun:
    asyncio.run(probe(url))
    if current_revision(url) is None and (revision == "base" or revision.startswith("-")):
        return MigrationRun(None, None, ())  # nothing to undo (Alembic would say -1 failed)
    before, after = _run(url, revision, command.downgrade)
    return MigrationRun(before, after, tuple(reversed(_between(after, before))))


def current(url: str) -> str | None:
    asyncio.run(probe(url))
    return current_revision(url)


def ensure_current(url: str) -> None:
    """DatabaseProblem unless the database is at exactly this code's newest revision."""
    at, newest = current_revision(url), head()
    if at is None:
        raise unmigrated(url)
    if at == newest:
        return
    if at not in {revision.id for revision in history()}:
        raise DatabaseProblem(
            f"the database at {shown(url)} is at revision {at}, which this code does not "
            f"know (newest here: {newest}): run the code that migrated it"
        )
    raise DatabaseProblem(
        f"the database at {shown(url)} is at revision {at}, behind this code's {newest}: "
        "run `chirp migrate upgrade`"
    )
