"""The MediaStore behaviour suite, run on the filesystem store and the in-memory one."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.media.filesystem_store import FilesystemMediaStore
from adapters.media.memory_store import MemoryMediaStore
from application.ports.media import MediaStore

KEY = "k3yAbCdEfGhIjKlMnOp.png"
OTHER = "0therAbCdEfGhIjKlMn.jpg"


@pytest.fixture(params=["filesystem", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> MediaStore:
    if request.param == "filesystem":
        return FilesystemMediaStore(tmp_path / "media")
    return MemoryMediaStore()


async def test_bytes_put_under_a_key_come_back_unchanged(store):
    data = bytes(range(256)) * 10
    await store.put(KEY, data, "image/png")
    assert await store.get(KEY) == data


async def test_an_unknown_key_has_no_bytes(store):
    assert await store.get(KEY) is None


async def test_keys_are_independent(store):
    await store.put(KEY, b"first", "image/png")
    await store.put(OTHER, b"second", "image/jpeg")
    await store.delete(KEY)
    assert await store.get(KEY) is None
    assert await store.get(OTHER) == b"second"


async def test_delete_is_idempotent(store):
    await store.put(KEY, b"data", "image/png")
    await store.delete(KEY)
    await store.delete(KEY)
    await store.delete("neverStoredAtAll.gif")
    assert await store.get(KEY) is None


async def test_keys_older_than_lists_what_was_written_before_the_moment(store):
    await store.put(KEY, b"data", "image/png")
    now = datetime.now(UTC)
    assert await store.keys_older_than(now + timedelta(minutes=1)) == [KEY]
    assert await store.keys_older_than(now - timedelta(hours=1)) == []


async def test_a_deleted_key_is_not_listed(store):
    await store.put(KEY, b"data", "image/png")
    await store.delete(KEY)
    assert await store.keys_older_than(datetime.now(UTC) + timedelta(minutes=1)) == []


@pytest.mark.parametrize(
    "bad_key", ["../escape.png", "a/b/cdefghijk.png", "", ".hiddenfile.png", "short.png"]
)
async def test_a_key_that_could_name_a_path_is_refused(store, bad_key):
    with pytest.raises(ValueError):
        await store.put(bad_key, b"data", "image/png")
    assert await store.get(bad_key) is None
    await store.delete(bad_key)


async def test_concurrent_puts_of_different_keys_all_land(store):
    keys = [f"concurrentKey{n:04d}.png" for n in range(20)]
    await asyncio.gather(*(store.put(k, k.encode(), "image/png") for k in keys))
    for key in keys:
        assert await store.get(key) == key.encode()


async def test_filesystem_files_appear_only_complete_and_leave_no_temporary_file(tmp_path):
    store = FilesystemMediaStore(tmp_path)
    await store.put(KEY, b"x" * 100_000, "image/png")
    names = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert names == [KEY]


async def test_filesystem_store_keeps_its_files_under_the_root(tmp_path):
    root = tmp_path / "media"
    await FilesystemMediaStore(root).put(KEY, b"data", "image/png")
    stored = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(stored) == 1 and root in stored[0].parents


async def test_filesystem_sweep_listing_removes_stale_half_written_files(tmp_path):
    store = FilesystemMediaStore(tmp_path)
    await store.put(KEY, b"data", "image/png")
    stale = tmp_path / KEY[:2] / f".{KEY}.abc123.partial"
    stale.write_bytes(b"half")
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=2)).timestamp()
    os.utime(stale, (an_hour_ago, an_hour_ago))
    listed = await store.keys_older_than(datetime.now(UTC) - timedelta(hours=1))
    assert listed == []
    assert not stale.exists()
    assert await store.get(KEY) == b"data"


async def test_memory_store_dates_writes_by_its_clock(clock):
    store = MemoryMediaStore(clock)
    await store.put(KEY, b"data", "image/png")
    clock.advance(timedelta(hours=2))
    await store.put(OTHER, b"data", "image/jpeg")
    assert await store.keys_older_than(clock.now() - timedelta(hours=1)) == [KEY]
