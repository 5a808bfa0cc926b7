"""The integrity check behind `chirp check`: counts and follow lists against rows, media
against bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from application.ports.integrity import CountMismatch, IntegrityChecker
from application.ports.media import MediaStore
from application.ports.system import Clock

# Uploads store their bytes before committing the record, so very recent files and
# records are left out: an upload in flight is not a problem.
DEFAULT_GRACE = timedelta(minutes=10)


@dataclass(frozen=True)
class IntegrityReport:
    mismatches: list[CountMismatch]
    missing_bytes: list[str]
    orphaned_files: list[str]
    repaired: int = 0
    # Usernames whose list of followed profiles differs from their follow rows.
    stale_follow_lists: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (
            self.mismatches or self.missing_bytes or self.orphaned_files or self.stale_follow_lists
        )


class CheckIntegrity:
    def __init__(self, checker: IntegrityChecker, store: MediaStore | None, clock: Clock) -> None:
        """Without a store (one that keeps nothing between runs), media are not checked."""
        self._checker, self._store, self._clock = checker, store, clock

    async def __call__(
        self, *, repair: bool = False, grace: timedelta = DEFAULT_GRACE
    ) -> IntegrityReport:
        """With `repair`, counts and follow lists are set to their rows and the report
        lists what is still wrong afterwards (media problems are never repaired here);
        `repaired` counts the counts and lists that changed."""
        mismatches = await self._checker.count_mismatches()
        stale = await self._checker.stale_follow_lists()
        repaired = 0
        if repair and mismatches:
            repaired = await self._checker.repair_counts()
            mismatches = await self._checker.count_mismatches()
        if repair and stale:
            await self._checker.rebuild_follow_lists()
            repaired += len(stale)
            stale = await self._checker.stale_follow_lists()
        missing, orphaned = await self._media_problems(grace)
        return IntegrityReport(mismatches, missing, orphaned, repaired, stale)

    async def _media_problems(self, grace: timedelta) -> tuple[list[str], list[str]]:
        if self._store is None:
            return [], []
        store, now = self._store, self._clock.now()
        stored = set(await store.keys_older_than(now - grace))
        records = await self._checker.media_created()
        orphaned = sorted(stored - records.keys())
        # Files listed are only the old ones, and bytes written after their record's date
        # (seeded data, restored backups) are not among them: ask the store about those.
        unlisted = sorted(
            key for key, created in records.items() if created < now - grace and key not in stored
        )
        missing = [key for key in unlisted if await store.get(key) is None]
        return missing, orphaned
