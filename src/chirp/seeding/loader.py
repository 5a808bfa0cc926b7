"""Writing a generated data set: bytes to the media store, rows through the bulk writer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from adapters.persistence.sql.bulk import SqlBulkWriter
from application.ports.media import MediaStore
from chirp.seeding.dataset import SeedDataset
from domain.errors import Conflict

PARALLEL_PUTS = 16


def total_rows(dataset: SeedDataset) -> int:
    """What a progress bar counts: every row, plus every picture's bytes."""
    return sum(dataset.sizes().values()) + len(dataset.pictures)


async def ensure_unused(usernames: list[str], writer: SqlBulkWriter) -> None:
    taken = await writer.existing_usernames(usernames)
    if taken:
        first = min(taken)
        raise Conflict("username", f"{len(taken)} seeded usernames exist already ({first}, ...)")


async def load(
    dataset: SeedDataset,
    writer: SqlBulkWriter,
    store: MediaStore | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Writes the data set in a few transactions (one per table); returns rows per table.
    Refuses, before writing anything, when a seeded username exists already. Picture
    bytes go first: if storing them fails no row exists yet (files without records are
    what `chirp sweep-media` removes). A failure later leaves the tables written so far."""
    await ensure_unused([p.username for p in dataset.profiles], writer)
    if dataset.pictures:
        if store is None:
            raise ValueError("pictures need a media store")
        await _put_pictures(dataset, store, progress)
    written = {"profiles": await writer.insert(dataset.profiles, progress)}
    if dataset.pictures:
        written["media"] = await writer.insert((p.media for p in dataset.pictures), progress)
    written["tweets"] = await writer.insert(dataset.tweets, progress)
    written.update(await writer.insert_entities(dataset.tweets, progress))
    written["follows"] = await writer.insert(dataset.follows(), progress)
    written["likes"] = await writer.insert(dataset.likes(), progress)
    written["retweets"] = await writer.insert(dataset.retweets(), progress)
    if dataset.plan.notifications:
        written["notifications"] = await writer.insert(dataset.notifications(), progress)
    return written


async def _put_pictures(
    dataset: SeedDataset, store: MediaStore, progress: Callable[[int], None] | None
) -> None:
    pictures = dataset.pictures
    for start in range(0, len(pictures), PARALLEL_PUTS):
        chunk = pictures[start : start + PARALLEL_PUTS]
        await asyncio.gather(
            *(store.put(p.media.storage_key, p.picture.data, p.media.content_type) for p in chunk)
        )
        if progress is not None:
            progress(len(chunk))
