"""A rate limiter that counts in this process and adds its hits to the shared counters
(the database or Redis) in batches, so a request does not write to the shared store.

Each counter keeps the total the shared store last returned (`known`, every process's
hits) and the hits of this process not sent yet. A hit is decided on `known` plus those.
The batch goes out at most `flush_seconds` after a hit, and at once, with the request
waiting for it, when a counter's unsent hits would reach its *sync share*:
`sync_every(quota) = max(1, floor(limit * share))` hits. So every process admits at most
`sync_every - 1` hits the others cannot see yet, and with W processes a key can pass its
quota by at most `W * (sync_every - 1)` hits in a window. At `sync_every == 1` (small
quotas such as sign-up and log-in) every hit waits for the store: exact, as before.
Denials need no round trip: within a window a count only grows."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from application.ports.rate_limits import (
    Counter,
    Decision,
    Quota,
    SharedCounters,
    decide,
    fixed_window,
)
from application.ports.system import Clock

FLUSH_SECONDS = 0.2
SYNC_SHARE = 0.05
logger = logging.getLogger("chirp.rate_limits")


@dataclass
class _Local:
    known: int = 0  # the shared total after this process's last batch
    unsent: int = 0  # hits waiting for the next batch
    sending: int = 0  # hits in the batch on its way
    counted: int = 0  # this process's hits so far: each hit's number
    sent: int = 0  # this process's hits in batches the store has answered


class BatchedRateLimiter:
    def __init__(
        self,
        store: SharedCounters,
        clock: Clock,
        *,
        flush_seconds: float = FLUSH_SECONDS,
        share: float = SYNC_SHARE,
    ) -> None:
        self._store, self._clock = store, clock
        self._flush_seconds, self._share = flush_seconds, share
        self._locals: dict[tuple[str, int, int], _Local] = {}
        self._sending = asyncio.Lock()
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def sync_every(self, quota: Quota) -> int:
        return max(1, int(quota.limit * self._share))

    async def hit(self, key: str, quota: Quota) -> Decision:
        now = self._clock.now().timestamp()
        start, reset = fixed_window(now, quota.window_seconds)
        # A plain tuple names the counter here: this runs on every request.
        name = (key, quota.window_seconds, start)
        local = self._locals.get(name)
        if local is None:
            local = self._locals[name] = _Local()
        local.unsent += 1
        local.counted += 1
        number = local.counted
        estimate = local.known + local.sending + local.unsent
        if estimate > quota.limit or local.sending + local.unsent < self.sync_every(quota):
            self._flush_soon()
            return decide(estimate, quota, reset)
        # This hit would make too many the others cannot see: send them and decide on
        # the store's answer, less this process's hits that came after this one.
        await self.flush()
        return decide(local.known - (local.sent - number), quota, reset)

    async def flush(self) -> None:
        """Send every unsent hit in one batch; one batch at a time, so a caller that
        returns from here knows its hits were added."""
        async with self._sending:
            batch = {Counter(*n): local for n, local in self._locals.items() if local.unsent}
            for local in batch.values():
                local.sending, local.unsent = local.unsent, 0
            try:
                hits = {counter: local.sending for counter, local in batch.items()}
                totals = await self._store.add(hits) if hits else {}
            except BaseException:
                for local in batch.values():
                    local.sending, local.unsent = 0, local.unsent + local.sending
                raise
            for counter, total in totals.items():
                local = batch[counter]
                local.known, local.sent = max(local.known, total), local.sent + local.sending
                local.sending = 0
            self._forget_ended(self._clock.now().timestamp())

    async def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        try:
            await self.flush()
        except Exception:
            logger.warning("rate-limit hits not added at shutdown", exc_info=True)
        close = getattr(self._store, "close", None)
        if close is not None:
            await close()

    def _flush_soon(self) -> None:
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(
                self._flush_seconds, self._flush_in_background
            )

    def _flush_in_background(self) -> None:
        self._timer = None
        task = asyncio.get_running_loop().create_task(self._flush_logged())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _flush_logged(self) -> None:
        try:
            await self.flush()
        except Exception:
            # The hits stay unsent and go with the next batch; requests are let through
            # meanwhile, as when the store answers nothing.
            logger.warning("rate-limit counters unavailable; hits kept for later", exc_info=True)
            self._flush_soon()

    def _forget_ended(self, now: float) -> None:
        ended = [
            name
            for name, local in self._locals.items()
            if name[1] + name[2] <= now and not local.unsent and not local.sending
        ]
        for name in ended:
            del self._locals[name]

    @property
    def counters_held(self) -> Mapping[tuple[str, int, int], _Local]:
        """What this process holds, by (key, window length, window start)."""
        return self._locals
