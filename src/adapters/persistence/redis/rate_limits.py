"""Rate-limit counters in Redis: one atomic script per call (one hit, or a batch of them
from the batching limiter in front), keys that expire with their window, so nothing
needs sweeping."""

from __future__ import annotations

import math
from collections.abc import Mapping

from redis.asyncio import Redis

from application.ports.rate_limits import Counter, Decision, Quota, decide, fixed_window
from application.ports.system import Clock

# INCRBY and the first EXPIRE run as one script, so a crash between them cannot leave a
# counter that never expires. ARGV holds (hits, seconds to live) per key.
_ADD_HITS = """
local totals = {}
for index, name in ipairs(KEYS) do
    local added = tonumber(ARGV[2 * index - 1])
    local hits = redis.call('INCRBY', name, added)
    if hits == added then
        redis.call('EXPIRE', name, ARGV[2 * index])
    end
    totals[index] = hits
end
return totals
"""


class RedisRateLimiter:
    def __init__(self, client: Redis, clock: Clock, *, prefix: str = "chirp:rate:") -> None:
        self._client, self._clock, self._prefix = client, clock, prefix
        self._add_hits = client.register_script(_ADD_HITS)

    @classmethod
    def from_url(cls, url: str, clock: Clock) -> RedisRateLimiter:
        return cls(Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2), clock)

    async def hit(self, key: str, quota: Quota) -> Decision:
        now = self._clock.now().timestamp()
        start, reset = fixed_window(now, quota.window_seconds)
        counter = Counter(key, quota.window_seconds, start)
        count = (await self.add({counter: 1}))[counter]
        return decide(count, quota, reset)

    async def add(self, hits: Mapping[Counter, int]) -> dict[Counter, int]:
        if not hits:
            return {}
        now = self._clock.now().timestamp()
        counters = list(hits)
        names = [self._name(counter) for counter in counters]
        arguments: list[int] = []
        for counter in counters:
            # A second of slack: a hit at the very end of a window still finds its counter.
            arguments += [hits[counter], max(1, math.ceil(counter.ends_at - now)) + 1]
        totals = await self._add_hits(keys=names, args=arguments)
        return {counter: int(total) for counter, total in zip(counters, totals, strict=True)}

    def _name(self, counter: Counter) -> str:
        return f"{self._prefix}{counter.key}:{counter.window_seconds}:{counter.window_start}"

    async def close(self) -> None:
        await self._client.aclose()
