"""Removing what nothing uses: uploads no tweet took, and files that never got a record.

A file without a record is what a crash between storing bytes and committing leaves.
Only things older than a threshold go, so an upload in flight is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from application.media.storage import discard
from application.ports.media import MediaStore
from application.ports.system import Clock
from application.transaction import UnitOfWorkFactory, retry_on_conflict

DEFAULT_AGE = timedelta(hours=1)


@dataclass(frozen=True)
class SweepReport:
    records_removed: int
    files_removed: int


class SweepOrphans:
    def __init__(self, uow: UnitOfWorkFactory, store: MediaStore, clock: Clock) -> None:
        self._uow, self._store, self._clock = uow, store, clock

    async def __call__(self, older_than: timedelta = DEFAULT_AGE) -> SweepReport:
        moment = self._clock.now() - older_than
        released = await self._remove_unused_records(moment)
        await discard(self._store, released)
        candidates = await self._store.keys_older_than(moment)
        async with self._uow(read_only=True) as uow:
            known = await uow.media.known_storage_keys(candidates)
        orphans = [key for key in candidates if key not in known]
        await discard(self._store, orphans)
        return SweepReport(records_removed=len(released), files_removed=len(orphans))

    @retry_on_conflict
    async def _remove_unused_records(self, moment: datetime) -> list[str]:
        async with self._uow() as uow:
            unused = await uow.media.unused_older_than(moment)
            for media in unused:
                await uow.media.remove(media.id)
            await uow.commit()
        return [media.storage_key for media in unused]
