"""Media belong to their database: two databases never share a media root by accident,
and no sweep or check deletes or blames files that another database recorded."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from chirp.app import create_app
from chirp.media_location import OWNER_FILE
from chirp.settings import Settings
from tests.integration.cli.conftest import Chirp, assert_one_line_error
from tests.integration.http.conftest import sign_up
from tests.support.images import png

SEED_WITH_PICTURES = ["seed", "--profiles", "6", "--tweets", "30", "--pictures"]
TWO_HOURS_AGO = time.time() - 2 * 3600


def image_files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != OWNER_FILE}


def age(files: dict[Path, bytes]) -> None:
    """Old enough for any sweep or check to consider them."""
    for path in files:
        os.utime(path, (TWO_HOURS_AGO, TWO_HOURS_AGO))


@pytest.fixture
def two_databases(sqlite_url: str, tmp_path: Path) -> tuple[str, str]:
    """Two migrated SQLite files side by side in one directory."""
    first, second = tmp_path / "var" / "first.db", tmp_path / "var" / "second.db"
    first.parent.mkdir()
    source = Path(sqlite_url.split(":///", 1)[1])
    shutil.copyfile(source, first)
    shutil.copyfile(source, second)
    return f"sqlite:///{first}", f"sqlite:///{second}"


def test_each_sqlite_file_keeps_its_images_beside_it(
    chirp: Chirp, two_databases: tuple[str, str], tmp_path: Path
) -> None:
    first, second = two_databases
    # No CHIRP_MEDIA_ROOT: the default, which the database decides.
    assert chirp(*SEED_WITH_PICTURES, CHIRP_DATABASE_URL=first, CHIRP_MEDIA_ROOT="").exit_code == 0
    files = image_files(tmp_path / "var" / "first.media")
    assert files
    age(files)

    swept = chirp("sweep-media", CHIRP_DATABASE_URL=second, CHIRP_MEDIA_ROOT="")
    checked = chirp("check", CHIRP_DATABASE_URL=second, CHIRP_MEDIA_ROOT="")

    assert swept.exit_code == 0, swept.output
    assert "0 orphan files" in swept.output
    assert checked.exit_code == 0, checked.output
    assert image_files(tmp_path / "var" / "first.media") == files
    assert chirp("check", CHIRP_DATABASE_URL=first, CHIRP_MEDIA_ROOT="").exit_code == 0


def test_a_root_another_database_uses_is_refused_and_left_alone(
    chirp: Chirp, two_databases: tuple[str, str], tmp_path: Path
) -> None:
    first, second = two_databases
    shared = str(tmp_path / "shared-media")
    assert (
        chirp(*SEED_WITH_PICTURES, CHIRP_DATABASE_URL=first, CHIRP_MEDIA_ROOT=shared).exit_code == 0
    )
    files = image_files(Path(shared))
    age(files)

    for command in (["sweep-media"], ["check"], ["serve", "--port", "1"], SEED_WITH_PICTURES):
        result = chirp(*command, CHIRP_DATABASE_URL=second, CHIRP_MEDIA_ROOT=shared)
        line = assert_one_line_error(result, shared, "first.db", "its own CHIRP_MEDIA_ROOT")
        assert "orphan" not in result.output, line

    assert image_files(Path(shared)) == files
    owner = chirp("check", CHIRP_DATABASE_URL=first, CHIRP_MEDIA_ROOT=shared)
    assert owner.exit_code == 0, owner.output


@pytest.mark.postgres
def test_postgres_never_blames_or_sweeps_the_images_of_a_sqlite_file(
    chirp: Chirp, two_databases: tuple[str, str], postgres_url: str, tmp_path: Path
) -> None:
    sqlite, _ = two_databases
    shared = str(tmp_path / "shared-media")
    assert (
        chirp(*SEED_WITH_PICTURES, CHIRP_DATABASE_URL=sqlite, CHIRP_MEDIA_ROOT=shared).exit_code
        == 0
    )
    files = image_files(Path(shared))
    age(files)

    for command in (["check"], ["sweep-media"]):
        result = chirp(*command, CHIRP_DATABASE_URL=postgres_url, CHIRP_MEDIA_ROOT=shared)
        assert_one_line_error(result, "holds the images of sqlite:")

    assert image_files(Path(shared)) == files


def test_memory_storage_leaves_no_files_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings(database_url="memory://", argon2_memory_kib=256, argon2_time_cost=1)

    with TestClient(app=create_app(settings)) as client:
        user = sign_up(client, "mia")
        response: Any = client.post(
            "/api/v1/media", files={"file": ("a.png", png(), "image/png")}, headers=user.auth
        )
        assert response.status_code == 201, response.text
        assert client.get(response.json()["url"]).content.startswith(b"\x89PNG")

    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
