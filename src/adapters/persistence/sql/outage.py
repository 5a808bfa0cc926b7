"""Telling a database that cannot be reached from every other driver error.

PostgreSQL restarting, a dropped connection or a refused one surface as different
types depending on where they hit (SQLAlchemy wraps the driver's, asyncpg's read path
does not, a connect attempt raises OSError or a timeout); all of them mean the same to
a client: try again shortly."""

from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# Connection exceptions (class 08), the server shutting down or starting up, and no
# connection slot left (53300): each passes by itself, so a client should try again.
_UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")
_UNAVAILABLE_TYPES: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncio.TimeoutError,
    PoolTimeout,
    asyncpg.PostgresConnectionError,
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.CannotConnectNowError,
    asyncpg.exceptions.AdminShutdownError,
)
_UNAVAILABLE_MARKERS = ("connection is closed", "connection was closed", "cannot perform operation")


def _causes(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or any(current is known for known in seen) or len(seen) > 10:
            continue
        seen.append(current)
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return seen


def is_unavailable(error: BaseException) -> bool:
    for cause in _causes(error):
        if isinstance(cause, DBAPIError) and cause.connection_invalidated:
            return True
        if isinstance(cause, _UNAVAILABLE_TYPES):
            return True
        sqlstate = str(getattr(cause, "sqlstate", "") or "")
        if sqlstate.startswith(_UNAVAILABLE_SQLSTATES):
            return True
        if isinstance(cause, asyncpg.InterfaceError) and any(
            marker in str(cause) for marker in _UNAVAILABLE_MARKERS
        ):
            return True
    return False
