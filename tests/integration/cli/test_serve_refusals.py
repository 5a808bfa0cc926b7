"""`chirp serve` refuses, in one line and a non-zero exit, a database it could not serve:
missing, unreachable, not migrated, behind the code, or refused for a named cause."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from adapters.persistence.sql.migrate import downgrade
from tests.integration.cli.conftest import Chirp, assert_one_line_error
from tests.integration.cli.subprocesses import Command, one_error_line
from tests.integration.cli.test_seed_command import database_file
from tests.support.databases import off_loop, postgres_server_url
from tests.support.servers import free_port


def test_a_mistyped_sqlite_path_is_refused_and_not_created(tmp_path: Path) -> None:
    typo = tmp_path / "var" / "chrip.db"

    result = Command(f"sqlite:///{typo}", tmp_path)("serve", "--port", str(free_port()))

    one_error_line(result, "no SQLite database at", str(typo))
    assert not typo.exists() and not typo.parent.exists()


def test_a_database_behind_the_code_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    off_loop(downgrade, sqlite_url, "-1")

    result = Command(sqlite_url, tmp_path)("serve", "--port", str(free_port()))

    one_error_line(result, "behind this code's", "chirp migrate upgrade")


def test_a_database_without_tables_is_refused(chirp: Chirp, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()

    result = chirp("serve", "--port", str(free_port()), CHIRP_DATABASE_URL=f"sqlite:///{empty}")

    assert_one_line_error(result, "no Chirp tables yet", "chirp migrate upgrade")


def test_a_database_newer_than_the_code_is_refused(chirp: Chirp) -> None:
    with sqlite3.connect(database_file(chirp.env["CHIRP_DATABASE_URL"])) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999'")

    result = chirp("serve", "--port", str(free_port()))

    assert_one_line_error(result, "revision 0999", "does not know")


def _on_server(user: str, database: str) -> str:
    base = postgres_server_url().rsplit("/", 1)[0]
    return base.replace("://postgres@", f"://{user}@", 1) + f"/{database}"


@pytest.mark.postgres
def test_a_postgres_role_that_does_not_exist_is_named(chirp: Chirp, postgres_url: str) -> None:
    url = _on_server("newcomer_nobody", postgres_url.rsplit("/", 1)[1])

    result = chirp("serve", "--port", str(free_port()), CHIRP_DATABASE_URL=url)

    line = assert_one_line_error(result, "refuses the role 'newcomer_nobody'")
    assert "chirp migrate" not in line


@pytest.mark.postgres
def test_a_postgres_database_that_does_not_exist_is_named(chirp: Chirp, postgres_url: str) -> None:
    url = _on_server("postgres", "newcomer_no_such_database")

    for command in (["serve", "--port", str(free_port())], ["migrate", "upgrade"]):
        result = chirp(*command, CHIRP_DATABASE_URL=url)

        assert_one_line_error(result, "no database 'newcomer_no_such_database'", "createdb")
