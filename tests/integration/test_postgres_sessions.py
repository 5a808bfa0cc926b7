"""PostgreSQL sessions of both paths run without JIT: a generic plan's cost estimate
would otherwise make every short indexed walk pay tens of milliseconds of compiling."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.reads.postgres import PostgresReadPath

pytestmark = pytest.mark.postgres


async def test_the_engine_s_connections_run_without_jit(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SHOW jit"))).scalar() == "off"
    finally:
        await engine.dispose()


async def test_read_connections_run_without_jit_or_parallel_workers(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    read_path = PostgresReadPath(engine)
    try:
        pool = await read_path.pool()
        async with pool.acquire() as connection:
            assert await connection.fetchval("SHOW jit") == "off"
            assert await connection.fetchval("SHOW max_parallel_workers_per_gather") == "0"
    finally:
        await read_path.close()
        await engine.dispose()
