"""What one request's abuse-limit check costs, in process and without HTTP, so the figure
holds on a noisy machine: the batching limiter in front of SQLite (the default) and of
Redis, against a write to the shared store per request (the first release's way)."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from adapters.persistence.batched_rate_limits import BatchedRateLimiter
from adapters.persistence.redis.rate_limits import RedisRateLimiter
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.migrate import upgrade
from adapters.persistence.sql.rate_limits import SqlRateLimiter
from adapters.system.clock import SystemClock
from application.ports.rate_limits import Quota

QUOTA = Quota(1_000_000_000, 60)  # the benchmark's raised quota: nothing is refused
KEYS = 100  # a hundred users, as the benchmark's writers


async def _per_hit_us(hit: Callable[[str], Awaitable[object]], hits: int) -> float:
    started = time.perf_counter()
    for number in range(hits):
        await hit(f"read:user:{number % KEYS}")
    return (time.perf_counter() - started) / hits * 1e6


async def measure(redis_url: str = "redis://127.0.0.1:6379/15") -> list[tuple[str, float]]:
    clock = SystemClock()
    figures = []
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'limits.db'}"
        await asyncio.to_thread(upgrade, url)
        engine = create_engine(url)
        store = SqlRateLimiter(engine, clock)
        figures.append(
            ("SQLite, a write per request", await _per_hit_us(lambda k: store.hit(k, QUOTA), 500))
        )
        batched = BatchedRateLimiter(store, clock)
        figures.append(
            ("SQLite, batched", await _per_hit_us(lambda k: batched.hit(k, QUOTA), 100_000))
        )
        await batched.flush()
        await engine.dispose()
    redis = RedisRateLimiter.from_url(redis_url, clock)
    try:
        figures.append(
            ("Redis, a script per request", await _per_hit_us(lambda k: redis.hit(k, QUOTA), 5_000))
        )
        batched = BatchedRateLimiter(redis, clock)
        figures.append(
            ("Redis, batched", await _per_hit_us(lambda k: batched.hit(k, QUOTA), 100_000))
        )
        await batched.flush()
    except OSError:
        pass  # no Redis here: its rows are left out
    finally:
        await redis.close()
    return figures


def cost_table(figures: list[tuple[str, float]]) -> str:
    lines = ["| limiter | µs per request |", "|---|---:|"]
    lines += [f"| {name} | {us:.1f} |" for name, us in figures]
    return "\n".join(lines)


if __name__ == "__main__":
    print(cost_table(asyncio.run(measure())))
