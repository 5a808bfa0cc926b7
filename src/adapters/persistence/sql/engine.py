"""Creating the async engine with the settings each backend needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

SQLITE_BUSY_TIMEOUT_MS = 5000
# While PostgreSQL is down or unreachable a request gives up (503) instead of hanging:
# opening a connection waits at most this long, and waiting for a free one of the pool
# at most POOL_WAIT_SECONDS.
CONNECT_TIMEOUT_SECONDS = 3
POOL_WAIT_SECONDS = 5


def sqlalchemy_url(url: str) -> str:
    """Accept the URLs people type (postgresql://, sqlite:///) and pick the async driver."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    return url


def create_engine(url: str, **options: Any) -> AsyncEngine:
    # Bound values (emails, token digests) must never reach a log through an error message.
    options.setdefault("hide_parameters", True)
    parsed = make_url(sqlalchemy_url(url))
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, **options)
    # Per process, at most 10 (and the read path's 5): every worker of both APIs has its
    # own pools, so large ones exhaust the server's max_connections (100 by default). A
    # write holds its connection through its commit's WAL flush, so a worker needs one per
    # write in flight (the benchmark's 16 connections are 8 per worker; measured in one
    # process, 5 or 4 connections for 8 lose 30-40% of the likes, more than 8 gain
    # nothing). They are kept (8), not overflow: an overflow connection is closed when
    # given back and opened again under load, which took 5% of a like's CPU with 5 + 5.
    options.setdefault("pool_size", 8)
    options.setdefault("max_overflow", 2)
    options.setdefault("pool_pre_ping", False)
    options.setdefault("pool_timeout", POOL_WAIT_SECONDS)
    connect_args = options.setdefault("connect_args", {})
    connect_args.setdefault("timeout", CONNECT_TIMEOUT_SECONDS)
    # Short statements only: JIT compiling (tens of ms) would cost more than it saves.
    connect_args.setdefault("server_settings", {"jit": "off"})
    return create_async_engine(parsed, **options)


def _sqlite_engine(parsed: Any, **options: Any) -> AsyncEngine:
    database = parsed.database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(parsed, **options)

    @event.listens_for(engine.sync_engine, "connect")
    def configure(dbapi_connection: Any, _record: Any) -> None:
        # Take transactions out of the sqlite3 module's hands: it would begin them
        # only before a write, so a read-then-write use case would not be atomic.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def begin(connection: Any) -> None:
        # A writer takes the write lock up front (waiting up to busy_timeout for it);
        # a deferred transaction that upgrades later could deadlock with another writer.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine
