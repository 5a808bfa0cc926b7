"""Saying in one sentence why the database cannot be used, for people at a terminal.

Command-line tools show these instead of a driver's traceback when the cause is the
setup (a mistyped URL, a server that is down, a schema not migrated yet)."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    NoSuchTableError,
)

from adapters.persistence.sql.engine import create_engine, sqlalchemy_url

SUPPORTED = {"sqlite", "postgresql"}
_NETWORK_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED, errno.ETIMEDOUT}


class DatabaseProblem(Exception):
    """The database URL or the database itself is unusable; the message says why."""


def shown(url: str) -> str:
    """The URL with any password masked, fit to print."""
    try:
        return make_url(sqlalchemy_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


def parsed_url(url: str) -> URL:
    """The URL as SQLAlchemy reads it, or DatabaseProblem when Chirp cannot use it."""
    hint = "use sqlite:///path/to/file.db, postgresql://user:password@host/db or memory://"
    try:
        parsed = make_url(sqlalchemy_url(url))
    except ArgumentError:
        raise DatabaseProblem(f"CHIRP_DATABASE_URL is not a database URL ({hint})") from None
    if parsed.get_backend_name() not in SUPPORTED:
        raise DatabaseProblem(
            f"CHIRP_DATABASE_URL names {parsed.get_backend_name()!r}, which Chirp does not "
            f"support ({hint})"
        )
    return parsed


def explained(error: BaseException, url: str) -> DatabaseProblem | None:
    """A DatabaseProblem for an error caused by the setup, or None for anything else."""
    if isinstance(error, DatabaseProblem):
        return error
    if isinstance(error, ArgumentError | NoSuchModuleError | ModuleNotFoundError):
        try:
            parsed_url(url)
        except DatabaseProblem as problem:
            return problem
        return DatabaseProblem(f"CHIRP_DATABASE_URL {shown(url)} cannot be used: {error}")
    reason = _reason(error)
    if reason is None:
        return None
    cause = _postgres_cause(error, url, reason)
    if cause is not None:
        return DatabaseProblem(cause)
    if "no such table" in reason:
        return unmigrated(url)
    return DatabaseProblem(f"cannot use the database at {shown(url)}: {reason}")


def unmigrated(url: str) -> DatabaseProblem:
    return DatabaseProblem(
        f"the database at {shown(url)} has no Chirp tables yet: run `chirp migrate upgrade`"
    )


def _postgres_cause(error: BaseException, url: str, reason: str) -> str | None:
    """The setup mistake behind a PostgreSQL error code, in the words a person fixes it."""
    code = getattr(getattr(error, "orig", None), "pgcode", None)
    parsed = make_url(sqlalchemy_url(url))
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    fix_url = "fix it in CHIRP_DATABASE_URL"
    causes = {
        # A role that does not exist, or that pg_hba.conf does not let in.
        "28000": f"PostgreSQL at {where} refuses the role {parsed.username!r} ({reason}): "
        f"{fix_url}",
        "28P01": f"PostgreSQL at {where} refuses the password of the role "
        f"{parsed.username!r}: {fix_url}",
        "3D000": f"PostgreSQL at {where} has no database {parsed.database!r}: create it "
        f"(createdb {parsed.database}) or {fix_url}",
        "3F000": f"the schema the database at {shown(url)} is set to use does not exist "
        f"({reason}): create it or fix the search_path",
        "42501": f"the role {parsed.username!r} may not use the database at {shown(url)} "
        f"({reason}): grant it the privileges or connect as the owner",
        "42P01": str(unmigrated(url)),
    }
    return causes.get(code) if isinstance(code, str) else None


def _reason(error: BaseException) -> str | None:
    if isinstance(error, NoSuchTableError):
        return f"no such table: {error}"
    if isinstance(error, DBAPIError):
        text = str(error.orig).strip() or type(error.orig).__name__
        return text.splitlines()[0]
    if isinstance(error, socket.gaierror):
        return f"unknown host ({error.strerror})"
    network = isinstance(error, ConnectionError | TimeoutError) or (
        isinstance(error, OSError) and error.errno in _NETWORK_ERRNOS
    )
    if network:
        return str(error) or type(error).__name__
    return None


def missing_sqlite_file(url: str) -> str | None:
    """The path of a SQLite database file that does not exist (connecting would create
    an empty one), else None."""
    parsed = parsed_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return None if Path(database).exists() else database


async def probe(url: str, *, must_exist: bool = True) -> None:
    """Connects and runs one query; DatabaseProblem when that fails for a setup reason.

    With `must_exist`, a SQLite path with no file is refused instead of created: a
    mistyped path must not turn into a new, empty database."""
    parsed_url(url)
    missing = missing_sqlite_file(url) if must_exist else None
    if missing is not None:
        raise DatabaseProblem(
            f"there is no SQLite database at {missing}: check CHIRP_DATABASE_URL, or create "
            "it with `chirp migrate upgrade`"
        )
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:
        problem = explained(error, url)
        if problem is None:
            raise
        raise problem from None
    finally:
        await engine.dispose()
