"""Saying in one sentence why the database cannot be used, for people at a terminal.

Command-line tools show these instead of a driver's traceback when the cause is the
setup (a mistyped URL, a server that is down, a schema not migrated yet)."""

from __future__ import annotations

import errno
import socket

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
_MISSING_SCHEMA = ("no such table", "UndefinedTableError", "does not exist")
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
    if any(marker in reason for marker in _MISSING_SCHEMA) and "database" not in reason:
        return DatabaseProblem(
            f"the database at {shown(url)} has no Chirp tables yet: run `chirp migrate upgrade`"
        )
    return DatabaseProblem(f"cannot use the database at {shown(url)}: {reason}")


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


async def probe(url: str) -> None:
    """Connects and runs one query; DatabaseProblem when that fails for a setup reason."""
    parsed_url(url)
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
