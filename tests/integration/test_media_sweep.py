"""The orphan sweep: old unused uploads and old files without a record go, the rest stays."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.media.filesystem_store import FilesystemMediaStore
from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.system.clock import FixedClock
from application.media.sweep import SweepReport
from chirp.cli import main
from tests.conftest import BACKENDS
from tests.support.media import IMAGE, MediaKit

HOUR = timedelta(hours=1)


def backdate(root: Path, key: str, moment: datetime) -> None:
    stamp = moment.timestamp()
    os.utime(root / key[:2] / key, (stamp, stamp))


@pytest.mark.parametrize("database_url", BACKENDS, indirect=True)
async def test_the_sweep_removes_only_what_is_old_and_unused(uow_factory, clock):
    kit = MediaKit(uow_factory, clock)
    alice = await kit.register("alice")
    old_unused = await kit.upload(alice, IMAGE)
    old_in_tweet = await kit.upload(alice, IMAGE)
    await kit.attach(old_in_tweet.id, "01TWEET0000000000000000000")
    picture = (await kit.set_picture(alice, IMAGE)).picture_key
    await kit.store.put("orphanWrittenLongAgo.png", b"crash leftover", "image/png")
    clock.advance(2 * HOUR)
    new_unused = await kit.upload(alice, IMAGE)
    await kit.store.put("orphanJustWritten.png", b"upload in flight", "image/png")

    report = await kit.sweep()

    assert report == SweepReport(records_removed=1, files_removed=1)
    assert await kit.record(old_unused.storage_key) is None
    gone = [old_unused.storage_key, "orphanWrittenLongAgo.png"]
    kept = [old_in_tweet.storage_key, picture, new_unused.storage_key, "orphanJustWritten.png"]
    for key in gone:
        assert await kit.store.get(key) is None, key
    for key in kept:
        assert key is not None and await kit.store.get(key) is not None, key


async def test_a_second_sweep_finds_nothing_more(clock):
    kit = MediaKit(MemoryUnitOfWorkFactory(), clock)
    alice = await kit.register("alice")
    await kit.upload(alice, IMAGE)
    clock.advance(2 * HOUR)
    assert await kit.sweep() == SweepReport(records_removed=1, files_removed=0)
    assert await kit.sweep() == SweepReport(records_removed=0, files_removed=0)


async def test_the_threshold_is_a_parameter(clock):
    kit = MediaKit(MemoryUnitOfWorkFactory(), clock)
    await kit.store.put("orphanTenMinutesOld.png", b"x", "image/png")
    clock.advance(timedelta(minutes=10))
    assert await kit.sweep() == SweepReport(0, 0)
    assert await kit.sweep(older_than=timedelta(minutes=5)) == SweepReport(0, 1)


async def test_the_sweep_on_the_filesystem_store_judges_files_by_their_age(tmp_path):
    now = datetime.now(UTC)
    root = tmp_path / "media"
    kit = MediaKit(MemoryUnitOfWorkFactory(), FixedClock(now), FilesystemMediaStore(root))
    alice = await kit.register("alice")
    used = await kit.upload(alice, IMAGE)
    await kit.attach(used.id, "01TWEET0000000000000000000")
    await kit.store.put("orphanTwoHoursOld.png", b"x", "image/png")
    await kit.store.put("orphanHalfAnHourOld.png", b"x", "image/png")
    backdate(root, used.storage_key, now - 2 * HOUR)
    backdate(root, "orphanTwoHoursOld.png", now - 2 * HOUR)
    backdate(root, "orphanHalfAnHourOld.png", now - HOUR / 2)

    report = await kit.sweep()

    assert report == SweepReport(records_removed=0, files_removed=1)
    remaining = sorted(p.name for p in root.rglob("*") if p.is_file())
    assert remaining == sorted([used.storage_key, "orphanHalfAnHourOld.png"])


def test_the_sweep_media_command_removes_old_orphan_files(sqlite_url, tmp_path, monkeypatch):
    root = tmp_path / "media"
    for key in ("orphanTwoHoursOld.png", "orphanJustWritten.png"):
        (root / key[:2]).mkdir(parents=True, exist_ok=True)
        (root / key[:2] / key).write_bytes(b"x")
    backdate(root, "orphanTwoHoursOld.png", datetime.now(UTC) - 2 * HOUR)
    monkeypatch.setenv("CHIRP_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("CHIRP_MEDIA_ROOT", str(root))

    result = CliRunner().invoke(main, ["sweep-media"])

    assert result.exit_code == 0, result.output
    assert "1 orphan files" in result.output
    assert sorted(p.name for p in root.rglob("*") if p.is_file() and p.parent != root) == [
        "orphanJustWritten.png"
    ]


def test_the_sweep_media_command_refuses_memory_storage(monkeypatch):
    monkeypatch.setenv("CHIRP_DATABASE_URL", "memory://")
    result = CliRunner().invoke(main, ["sweep-media"])
    assert result.exit_code != 0
    assert "nothing to sweep" in result.output
