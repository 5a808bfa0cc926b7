"""Throwaway databases for the tests: a migrated SQLite file per test, and a PostgreSQL
database per test session that is created fresh and dropped at the end."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.sql.engine import create_engine, sqlalchemy_url
from adapters.persistence.sql.migrate import upgrade
from adapters.persistence.sql.tables import metadata

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_server_url() -> str:
    return os.environ.get("CHIRP_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    """Skip on a laptop without the server; fail in CI, where it must be there."""
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def off_loop(function: Callable[..., Any], *args: Any) -> Any:
    """Run blocking set-up (which may start its own event loop) outside the test's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _with_database(url: str, name: str) -> str:
    base, _, _ = sqlalchemy_url(url).rpartition("/")
    return f"{base}/{name}"


async def _admin_execute(server_url: str, statement: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT", pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def create_postgres_database(revision: str = "head") -> str:
    """A fresh database on the test server, migrated to `revision`; its URL."""
    server = postgres_server_url()
    name = f"chirp_test_{uuid.uuid4().hex[:12]}"
    try:
        off_loop(asyncio.run, _admin_execute(server, f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any connection failure means: no server here
        unavailable(f"PostgreSQL at {server} is not reachable ({type(error).__name__}: {error})")
    url = _with_database(server, name)
    off_loop(upgrade, url, revision)
    return url


def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    statement = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    off_loop(asyncio.run, _admin_execute(postgres_server_url(), statement))


def migrated_sqlite_template(directory: Path) -> Path:
    path = directory / "template.db"
    off_loop(upgrade, f"sqlite+aiosqlite:///{path}")
    return path


def sqlite_copy(template: Path, directory: Path) -> str:
    target = directory / f"{uuid.uuid4().hex}.db"
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"


async def empty_all_tables(engine: AsyncEngine) -> None:
    """Between tests on the shared PostgreSQL database: every table emptied, schema kept."""
    names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
