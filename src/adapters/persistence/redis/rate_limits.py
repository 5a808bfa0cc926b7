"""Rate-limit counters in Redis: one atomic script per request, keys that expire with
their window, so nothing needs sweeping."""

from __future__ import annotations

from redis.asyncio import Redis

from application.ports.rate_limits import Decision, Quota, decide, fixed_window
from application.ports.system import Clock

# INCR and the first EXPIRE run as one script, so a crash between them cannot leave a
# counter that never expires.
_COUNT_HIT = """
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return hits
"""


class RedisRateLimiter:
    def __init__(self, client: Redis, clock: Clock, *, prefix: str = "chirp:rate:") -> None:
        self._client, self._clock, self._prefix = client, clock, prefix
        self._count_hit = client.register_script(_COUNT_HIT)

    @classmethod
    def from_url(cls, url: str, clock: Clock) -> RedisRateLimiter:
        return cls(Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2), clock)

    async def hit(self, key: str, quota: Quota) -> Decision:
        now = self._clock.now().timestamp()
        start, reset = fixed_window(now, quota.window_seconds)
        counter = f"{self._prefix}{key}:{quota.window_seconds}:{start}"
        # A second of slack: a request at the very end of a window still finds its counter.
        count = int(await self._count_hit(keys=[counter], args=[reset + 1]))
        return decide(count, quota, reset)

    async def close(self) -> None:
        await self._client.aclose()
