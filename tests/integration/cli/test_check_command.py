"""`chirp check`: counts against rows and media against bytes; `--repair` fixes counts."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from tests.integration.cli.conftest import SMALL_SEED, Chirp
from tests.integration.cli.test_seed_command import database_file

HOUR_AGO = time.time() - 3600


def execute(chirp: Chirp, sql: str) -> None:
    with sqlite3.connect(database_file(chirp.env["CHIRP_DATABASE_URL"])) as connection:
        connection.execute(sql)


def test_a_wrong_count_is_reported_and_repaired(chirp: Chirp) -> None:
    assert chirp(*SMALL_SEED).exit_code == 0
    execute(
        chirp,
        "UPDATE profiles SET followers_count = followers_count + 5 WHERE username = 'user00003'",
    )
    execute(
        chirp,
        "UPDATE tweets SET like_count = like_count + 1 WHERE id = (SELECT min(id) FROM tweets)",
    )

    found = chirp("check")
    assert found.exit_code == 1, found.output
    assert "profiles user00003: followers_count" in found.output
    assert "like_count" in found.output

    repaired = chirp("check", "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert "repaired 2 counts" in repaired.output

    again = chirp("check")
    assert again.exit_code == 0, again.output


def test_an_empty_migrated_database_is_clean(chirp: Chirp) -> None:
    result = chirp("check")

    assert result.exit_code == 0, result.output


def test_orphaned_files_and_missing_bytes_are_problems_repair_leaves(chirp: Chirp) -> None:
    assert chirp("seed", "--profiles", "10", "--tweets", "100", "--pictures").exit_code == 0
    root = Path(chirp.env["CHIRP_MEDIA_ROOT"])
    stored = sorted(p for p in root.rglob("*") if p.is_file() and p.parent != root)
    lost = stored[0]
    lost.unlink()
    orphan = root / "ab" / "abcdef0123456789abcdef0123456789.png"
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"not referenced by any record")
    for path in [*stored[1:], orphan]:
        os.utime(path, (HOUR_AGO, HOUR_AGO))

    result = chirp("check", "--repair")

    assert result.exit_code == 1, result.output
    assert f"media {lost.name}: record without stored bytes" in result.output
    assert f"media {orphan.name}: orphaned file" in result.output


def test_recent_unrecorded_files_count_as_uploads_in_flight(chirp: Chirp) -> None:
    fresh = Path(chirp.env["CHIRP_MEDIA_ROOT"]) / "cd" / "cdef0123456789abcdef0123456789ab.png"
    fresh.parent.mkdir(parents=True)
    fresh.write_bytes(b"an upload whose record is about to be committed")

    assert chirp("check").exit_code == 0


def test_media_are_skipped_when_the_store_keeps_nothing(chirp: Chirp) -> None:
    assert chirp("seed", "--profiles", "5", "--tweets", "50", "--pictures").exit_code == 0

    result = chirp("check", CHIRP_MEDIA_BACKEND="memory")

    assert result.exit_code == 0, result.output
