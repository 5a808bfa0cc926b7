"""The batching limiter: hits counted in process, added to the shared counters in
batches, and a limit that holds across processes within the stated bound."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.persistence.batched_rate_limits import BatchedRateLimiter
from adapters.persistence.memory.rate_limits import MemoryRateLimiter
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.rate_limits import SqlRateLimiter
from adapters.system.clock import FixedClock
from application.ports.rate_limits import Counter, Quota

QUOTA = Quota(100, 60)  # at the default share of 5%, a process syncs every 5 hits


class CountingStore:
    """Shared counters that remember every batch they were sent."""

    def __init__(self, clock: FixedClock) -> None:
        self.counters = MemoryRateLimiter(clock)
        self.batches: list[dict[Counter, int]] = []
        self.failing = False

    async def add(self, hits: Mapping[Counter, int]) -> dict[Counter, int]:
        if self.failing:
            raise ConnectionError("the counter store is down")
        self.batches.append(dict(hits))
        return await self.counters.add(hits)

    def total(self, key: str) -> int:
        return sum(n for counter, n in self.counters._counts.items() if counter.key == key)


def _mid_window(clock: FixedClock) -> FixedClock:
    clock.advance(timedelta(seconds=15))
    return clock


def _counter(key: str, clock: FixedClock) -> Counter:
    """The key's counter in the current one-minute window."""
    now = int(clock.now().timestamp())
    return Counter(key, 60, now - now % 60)


async def test_hits_below_the_sync_share_do_not_touch_the_store_until_the_batch(clock):
    store = CountingStore(_mid_window(clock))
    limiter = BatchedRateLimiter(store, clock, flush_seconds=0.05)
    decisions = [await limiter.hit(f"user:{n % 3}", QUOTA) for n in range(12)]

    assert all(d.allowed for d in decisions) and store.batches == []
    assert [d.remaining for d in decisions[:3]] == [99, 99, 99]
    await asyncio.sleep(0.15)
    assert len(store.batches) == 1, "one batch for every key"
    assert [store.total(f"user:{n}") for n in range(3)] == [4, 4, 4]


async def test_a_hit_reaching_the_sync_share_waits_for_the_store(clock):
    store = CountingStore(_mid_window(clock))
    limiter = BatchedRateLimiter(store, clock, flush_seconds=60)
    assert limiter.sync_every(QUOTA) == 5
    await store.add({_counter("ann", clock): 90})  # another process's hits

    for _ in range(4):
        assert (await limiter.hit("ann", QUOTA)).remaining == 100 - _ - 1
    fifth = await limiter.hit("ann", QUOTA)

    assert store.total("ann") == 95, "the fifth hit sent all five"
    assert (fifth.allowed, fifth.remaining) == (True, 5)


async def test_small_quotas_are_exact_across_processes(clock):
    store = CountingStore(_mid_window(clock))
    one, two = BatchedRateLimiter(store, clock), BatchedRateLimiter(store, clock)
    quota = Quota(10, 300)  # the log-in quota's size: every hit goes to the store
    assert one.sync_every(quota) == 1
    decisions = await asyncio.gather(*((one, two)[n % 2].hit("login:a", quota) for n in range(16)))
    assert sum(d.allowed for d in decisions) == 10
    await one.flush(), await two.flush()  # the denials went out with the next batch
    assert store.total("login:a") == 16


async def test_a_denial_needs_no_round_trip_and_retry_after_is_the_window_end(clock):
    store = CountingStore(_mid_window(clock))
    limiter = BatchedRateLimiter(store, clock, flush_seconds=60)
    await store.add({_counter("ben", clock): 100})
    for _ in range(4):
        await limiter.hit("ben", QUOTA)
    await limiter.hit("ben", QUOTA)  # the fifth syncs and learns the quota is spent
    batches = len(store.batches)

    denied = [await limiter.hit("ben", QUOTA) for _ in range(20)]

    assert not any(d.allowed for d in denied) and len(store.batches) == batches
    assert {(d.retry_after_seconds, d.reset_seconds, d.remaining) for d in denied} == {(45, 45, 0)}
    await limiter.flush()
    assert store.total("ben") == 125, "denied hits count too"


async def test_hits_are_kept_while_the_store_is_down_and_sent_later(clock):
    store = CountingStore(_mid_window(clock))
    limiter = BatchedRateLimiter(store, clock, flush_seconds=0.02)
    store.failing = True
    for _ in range(3):
        await limiter.hit("cat", QUOTA)
    await asyncio.sleep(0.05)
    store.failing = False
    await asyncio.sleep(0.1)
    assert store.total("cat") == 3


async def test_counters_of_ended_windows_are_forgotten_after_their_batch(clock):
    store = CountingStore(_mid_window(clock))
    limiter = BatchedRateLimiter(store, clock, flush_seconds=60)
    await limiter.hit("dan", QUOTA)
    clock.advance(timedelta(minutes=2))
    await limiter.flush()
    assert limiter.counters_held == {}
    assert store.total("dan") == 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2), st.booleans()), min_size=1, max_size=400),
    st.integers(1, 120),
)
async def test_three_processes_stay_within_the_stated_bound(steps, limit):
    """Any interleaving of hits (and batches) from three processes sharing one store:
    at least the quota is admitted when asked for, at most W * (sync_every - 1) more."""
    clock = _mid_window(FixedClock())
    store = CountingStore(clock)
    processes = [BatchedRateLimiter(store, clock, flush_seconds=60) for _ in range(3)]
    quota = Quota(limit, 60)
    admitted = 0
    for process, then_flush in steps:
        admitted += (await processes[process].hit("eve", quota)).allowed
        if then_flush:
            await processes[process].flush()
    slack = len(processes) * (processes[0].sync_every(quota) - 1)
    assert min(len(steps), limit) <= admitted <= limit + slack
    for process in processes:
        await process.flush()
    assert store.total("eve") == len(steps), "every hit reaches the store exactly once"


async def test_two_processes_on_one_sqlite_database_hold_the_limit(sqlite_url, clock):
    """Two engines, as two server workers have, hitting one key concurrently."""
    engines = [create_engine(sqlite_url), create_engine(sqlite_url)]
    _mid_window(clock)
    processes = [BatchedRateLimiter(SqlRateLimiter(e, clock), clock) for e in engines]
    quota = Quota(200, 60)
    try:
        decisions = await asyncio.gather(
            *(processes[n % 2].hit("read:user:u1", quota) for n in range(300))
        )
        for process in processes:
            await process.flush()
        stored = await processes[0]._store.add({_counter("read:user:u1", clock): 0})
    finally:
        for process in processes:
            await process.close()
        for engine in engines:
            await engine.dispose()
    admitted = sum(d.allowed for d in decisions)
    assert 200 <= admitted <= 200 + 2 * (processes[0].sync_every(quota) - 1)
    assert stored == {_counter("read:user:u1", clock): 300}
