"""`chirp migrate` says what it did and where the database stands.

The whole history runs in-process (each subprocess costs seconds of imports on a busy
machine); what depends on the real command line (`-1` as an argument, exit statuses, no
traceback) runs through the `chirp` executable."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.persistence.sql.migrate import history
from chirp.cli import main
from tests.integration.cli.subprocesses import Command, one_error_line, own_postgres_database

Run = Callable[..., Result]


def in_process(database_url: str) -> Run:
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), env={"CHIRP_DATABASE_URL": database_url})


def walk_the_history(chirp: Run) -> None:
    revisions = [revision.id for revision in history()]
    newest, previous = revisions[-1], revisions[-2]

    assert "no revision: the database is empty" in chirp("migrate", "current").output

    first = chirp("migrate", "upgrade")
    assert first.exit_code == 0, first.output
    assert first.output.startswith("applied ")
    assert all(f"{revision} (" in first.output for revision in revisions)
    assert f"now at {newest}" in first.output

    assert chirp("migrate", "upgrade").output.strip() == f"already up to date at {newest}"
    assert chirp("migrate", "current").output.strip() == f"at {newest} (head, the newest)"

    back = chirp("migrate", "downgrade", "-1")
    assert back.exit_code == 0, back.output
    assert back.output.startswith(f"undid {newest} (")
    assert f"now at {previous}" in back.output
    assert f"at {previous}; this code's newest is {newest}" in chirp("migrate", "current").output
    assert chirp("migrate", "upgrade", "+1").output.startswith(f"applied {newest} (")

    gone = chirp("migrate", "downgrade", "base")
    assert gone.exit_code == 0, gone.output
    assert gone.output.startswith(f"undid {newest} (")
    assert gone.output.rstrip().endswith("now at base (no Chirp tables)")
    assert "no revision" in chirp("migrate", "current").output
    assert "nothing to undo" in chirp("migrate", "downgrade", "-1").output


def test_the_whole_history_on_sqlite(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "empty.db").close()  # a database without Chirp's tables

    walk_the_history(in_process(f"sqlite:///{tmp_path / 'empty.db'}"))


@pytest.mark.postgres
def test_the_whole_history_on_postgres() -> None:
    with own_postgres_database() as url:
        walk_the_history(in_process(url))


def test_the_real_command_takes_minus_one_and_refuses_unknown_revisions(tmp_path: Path) -> None:
    chirp = Command(f"sqlite:///{tmp_path / 'fresh.db'}", tmp_path)
    assert chirp("migrate", "upgrade").returncode == 0

    back = chirp("migrate", "downgrade", "-1")

    assert back.returncode == 0, back.stderr
    assert back.stdout.startswith("undid ")
    one_error_line(chirp("migrate", "upgrade", "9999"), "cannot migrate to '9999'")


def test_reading_a_missing_file_does_not_create_it(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "chirp.db"
    chirp = Command(f"sqlite:///{missing}", tmp_path)

    one_error_line(chirp("migrate", "current"), str(missing), "no SQLite database")

    assert not missing.exists() and not missing.parent.exists()
