"""Rate-limit counters in this process only: for tests and the memory:// demo backend."""

from __future__ import annotations

from application.ports.rate_limits import Decision, Quota, decide, fixed_window
from application.ports.system import Clock

SWEEP_EVERY_SECONDS = 60


class MemoryRateLimiter:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._counts: dict[tuple[str, int, int], int] = {}
        self._ends: dict[tuple[str, int, int], float] = {}
        self._next_sweep = 0.0

    async def hit(self, key: str, quota: Quota) -> Decision:
        now = self._clock.now().timestamp()
        self._forget_ended(now)
        start, reset = fixed_window(now, quota.window_seconds)
        # The window length is part of the counter's name: two quotas on one key never mix.
        counter = (key, quota.window_seconds, start)
        # No await between reading and writing: the event loop makes this atomic.
        count = self._counts.get(counter, 0) + 1
        self._counts[counter] = count
        self._ends[counter] = start + quota.window_seconds
        return decide(count, quota, reset)

    def _forget_ended(self, now: float) -> None:
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_EVERY_SECONDS
        ended = [counter for counter, end in self._ends.items() if end <= now]
        for counter in ended:
            del self._counts[counter], self._ends[counter]
