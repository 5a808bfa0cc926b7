"""Rate-limit counters in this process only: for tests and the memory:// demo backend
(and, as shared counters, for tests of the batching limiter)."""

from __future__ import annotations

from collections.abc import Mapping

from application.ports.rate_limits import Counter, Decision, Quota, decide, fixed_window
from application.ports.system import Clock

SWEEP_EVERY_SECONDS = 60


class MemoryRateLimiter:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._counts: dict[Counter, int] = {}
        self._next_sweep = 0.0

    async def hit(self, key: str, quota: Quota) -> Decision:
        now = self._clock.now().timestamp()
        start, reset = fixed_window(now, quota.window_seconds)
        counter = Counter(key, quota.window_seconds, start)
        return decide(self._count({counter: 1}, now)[counter], quota, reset)

    async def add(self, hits: Mapping[Counter, int]) -> dict[Counter, int]:
        return self._count(hits, self._clock.now().timestamp())

    def _count(self, hits: Mapping[Counter, int], now: float) -> dict[Counter, int]:
        # No await between reading and writing: the event loop makes this atomic.
        self._forget_ended(now)
        totals = {}
        for counter, added in hits.items():
            totals[counter] = self._counts[counter] = self._counts.get(counter, 0) + added
        return totals

    def _forget_ended(self, now: float) -> None:
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_EVERY_SECONDS
        for counter in [counter for counter in self._counts if counter.ends_at <= now]:
            del self._counts[counter]
