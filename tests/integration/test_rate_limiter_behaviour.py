"""One behaviour suite for every rate limiter: in-process, SQLite, PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from adapters.persistence.memory.rate_limits import MemoryRateLimiter
from adapters.persistence.redis.rate_limits import RedisRateLimiter
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.rate_limits import SqlRateLimiter
from adapters.persistence.sql.tables import rate_limit_counters
from adapters.persistence.sql.unit_of_work_factory import sqlite_file_of
from adapters.persistence.sql.writes.sqlite import SqliteWritePath
from adapters.system.clock import FixedClock
from application.ports.rate_limits import Counter, Quota, RateLimiter
from tests.support import databases

REDIS_URL = os.environ.get("CHIRP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# "sqlite_write_path": the batches of a server on a SQLite file, on the write connection.
LIMITERS = ["memory", "sqlite", "sqlite_write_path", "postgres", "redis"]

pytestmark = pytest.mark.parametrize("limiter_backend", LIMITERS)


@pytest.fixture
async def limiter(
    request: pytest.FixtureRequest, limiter_backend: str, clock: FixedClock
) -> AsyncIterator[RateLimiter]:
    # Mid-window, so "seconds until reset" is not a whole window by accident.
    clock.advance(timedelta(seconds=15))
    if limiter_backend == "memory":
        yield MemoryRateLimiter(clock)
    elif limiter_backend == "redis":
        redis_limiter = RedisRateLimiter.from_url(REDIS_URL, clock)
        try:
            await redis_limiter.hit("ping", Quota(1, 1))
        except Exception as error:
            await redis_limiter.close()
            databases.unavailable(f"Redis at {REDIS_URL} is not reachable ({error})")
        yield redis_limiter
        await redis_limiter.close()
    else:
        url = request.getfixturevalue(
            "postgres_url" if limiter_backend == "postgres" else "sqlite_url"
        )
        engine = create_engine(url)
        if limiter_backend == "postgres":
            await databases.empty_all_tables(engine)
        write_path = None
        if limiter_backend == "sqlite_write_path":
            file = sqlite_file_of(engine)
            assert file is not None
            write_path = SqliteWritePath(file)
        yield SqlRateLimiter(engine, clock, write_path)
        if write_path is not None:
            await write_path.close()
        await engine.dispose()


@pytest.fixture
def key() -> str:
    """Unique per test, so runs sharing a Redis server never see each other's counters."""
    return f"test:{uuid.uuid4().hex}"


async def test_hits_within_the_quota_are_allowed_and_count_down(limiter, key):
    decisions = [await limiter.hit(key, Quota(3, 60)) for _ in range(3)]
    assert [d.allowed for d in decisions] == [True, True, True]
    assert [d.remaining for d in decisions] == [2, 1, 0]
    assert {d.limit for d in decisions} == {3}
    assert {d.reset_seconds for d in decisions} == {45}
    assert {d.retry_after_seconds for d in decisions} == {0}


async def test_the_hit_over_the_quota_is_denied_until_the_window_ends(limiter, key, clock):
    for _ in range(2):
        await limiter.hit(key, Quota(2, 60))
    denied = await limiter.hit(key, Quota(2, 60))
    assert (denied.allowed, denied.remaining, denied.retry_after_seconds) == (False, 0, 45)

    clock.advance(timedelta(seconds=44))
    still_denied = await limiter.hit(key, Quota(2, 60))
    assert (still_denied.allowed, still_denied.retry_after_seconds) == (False, 1)

    clock.advance(timedelta(seconds=1))
    fresh = await limiter.hit(key, Quota(2, 60))
    assert (fresh.allowed, fresh.remaining, fresh.reset_seconds) == (True, 1, 60)


async def test_keys_and_window_lengths_count_apart(limiter, key):
    await limiter.hit(key, Quota(1, 60))
    assert not (await limiter.hit(key, Quota(1, 60))).allowed
    assert (await limiter.hit(f"{key}:other", Quota(1, 60))).allowed
    assert (await limiter.hit(key, Quota(1, 3600))).allowed


async def test_concurrent_hits_are_each_counted_exactly_once(limiter, key):
    decisions = await asyncio.gather(*(limiter.hit(key, Quota(10, 60)) for _ in range(25)))
    assert sum(d.allowed for d in decisions) == 10
    assert sorted(d.remaining for d in decisions if d.allowed) == list(range(10))


async def test_counters_of_ended_windows_do_not_pile_up(limiter, key, clock):
    await limiter.hit(key, Quota(5, 60))
    if isinstance(limiter, RedisRateLimiter):
        # Redis forgets by itself, on its own clock: each counter expires with its window.
        client = limiter._client
        names = [name async for name in client.scan_iter(match=f"chirp:rate:{key}:*")]
        ttls = [await client.ttl(name) for name in names]
        assert len(ttls) == 1 and 0 < ttls[0] <= 46
        return
    clock.advance(timedelta(minutes=10))
    await limiter.hit(f"{key}:later", Quota(5, 60))
    assert await _stored_counters(limiter, key) == 0
    assert await _stored_counters(limiter, f"{key}:later") == 1


async def _stored_counters(limiter: RateLimiter, key: str) -> int:
    if isinstance(limiter, MemoryRateLimiter):
        return sum(1 for counter in limiter._counts if counter.key == key)
    assert isinstance(limiter, SqlRateLimiter)
    async with limiter._engine.connect() as connection:
        statement = select(func.count()).where(rate_limit_counters.c.key == key)
        return int((await connection.execute(statement)).scalar_one())


async def test_a_batch_of_hits_adds_to_each_counter_and_returns_the_totals(limiter, key):
    now = int(limiter._clock.now().timestamp())
    first, second = Counter(key, 60, now - now % 60), Counter(f"{key}:b", 60, now - now % 60)
    assert await limiter.add({first: 3, second: 1}) == {first: 3, second: 1}
    assert await limiter.add({first: 2}) == {first: 5}
    # A single hit and a batch count on the same counter.
    assert (await limiter.hit(key, Quota(10, 60))).remaining == 4


async def test_concurrent_batches_are_each_added_exactly_once(limiter, key):
    now = int(limiter._clock.now().timestamp())
    counters = [Counter(f"{key}:{n}", 60, now - now % 60) for n in range(3)]
    answers = await asyncio.gather(
        *(limiter.add({counter: n + 1 for counter in counters}) for n in range(10))
    )
    final = await limiter.add(dict.fromkeys(counters, 0))
    assert final == dict.fromkeys(counters, sum(range(1, 11)))
    # Every batch saw its own total: the totals of one counter are all different.
    assert len({answer[counters[0]] for answer in answers}) == 10


async def test_a_batch_of_many_counters_returns_every_total(limiter, key):
    """More counters than SQLAlchemy puts in one multi-row statement (1,000)."""
    now = int(limiter._clock.now().timestamp())
    counters = [Counter(f"{key}:{n}", 60, now - now % 60) for n in range(1_500)]
    await limiter.add(dict.fromkeys(counters, 1))
    totals = await limiter.add({counter: n for n, counter in enumerate(counters)})
    assert totals == {counter: n + 1 for n, counter in enumerate(counters)}


def test_a_server_on_a_sqlite_file_sends_its_batches_through_its_write_path(
    limiter_backend: str, sqlite_url: str
) -> None:
    if limiter_backend != "sqlite":
        pytest.skip("one wiring, checked once")
    from chirp.container import build_container
    from chirp.settings import Settings

    container = build_container(Settings(database_url=sqlite_url))
    store = container.core.rate_limiter()._store
    assert isinstance(store, SqlRateLimiter)
    assert store._sqlite is container.core.uow().write_path
