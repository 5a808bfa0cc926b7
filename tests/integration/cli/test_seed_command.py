"""`chirp seed`: demo data whose counts equal their rows, the same for the same seed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.integration.cli.conftest import SMALL_SEED, Chirp, assert_one_line_error


def database_file(url: str) -> Path:
    return Path(url.split(":///", 1)[1])


def scalar(url: str, sql: str) -> int:
    with sqlite3.connect(database_file(url)) as connection:
        value: int = connection.execute(sql).fetchone()[0]
    return value


def test_seed_writes_profiles_tweets_and_exact_counts(chirp: Chirp) -> None:
    result = chirp(*SMALL_SEED)

    assert result.exit_code == 0, result.output
    assert "seeded 50 profiles" in result.output
    assert "password123" in result.output
    url = chirp.env["CHIRP_DATABASE_URL"]
    assert scalar(url, "SELECT count(*) FROM profiles") == 50
    assert scalar(url, "SELECT count(*) FROM tweets") == 500
    follows = scalar(url, "SELECT count(*) FROM follows")
    likes = scalar(url, "SELECT count(*) FROM likes")
    assert follows > 0 and likes > 0
    assert scalar(url, "SELECT sum(followers_count) FROM profiles") == follows
    assert scalar(url, "SELECT sum(following_count) FROM profiles") == follows
    assert scalar(url, "SELECT sum(tweets_count) FROM profiles") == 500
    assert scalar(url, "SELECT sum(like_count) FROM tweets") == likes
    retweets = scalar(url, "SELECT count(*) FROM retweets")
    assert scalar(url, "SELECT sum(retweet_count) FROM tweets") == retweets
    assert scalar(url, "SELECT count(*) FROM profiles WHERE username = 'user00050'") == 1


def test_seeded_database_passes_the_integrity_check(chirp: Chirp) -> None:
    assert chirp(*SMALL_SEED).exit_code == 0

    result = chirp("check")

    assert result.exit_code == 0, result.output
    assert "all counts match" in result.output


def test_the_same_seed_gives_the_same_rows(
    chirp: Chirp, sqlite_template: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(sqlite_template.read_bytes())
    other_url = f"sqlite+aiosqlite:///{other}"

    assert chirp(*SMALL_SEED, "--seed", "7").exit_code == 0
    assert chirp(*SMALL_SEED, "--seed", "7", CHIRP_DATABASE_URL=other_url).exit_code == 0

    query = "SELECT id, author_id, text, created_at, like_count FROM tweets ORDER BY id"
    with sqlite3.connect(database_file(chirp.env["CHIRP_DATABASE_URL"])) as first:
        first_rows = first.execute(query).fetchall()
    with sqlite3.connect(other) as second:
        second_rows = second.execute(query).fetchall()
    assert first_rows == second_rows
    assert len(first_rows) == 500


def test_seeded_users_log_in_with_the_documented_password(chirp: Chirp) -> None:
    from litestar.testing import TestClient

    from chirp.app import create_app
    from tests.integration.http.conftest import settings_for_tests

    assert chirp("seed", "--profiles", "3", "--tweets", "5").exit_code == 0
    settings = settings_for_tests(chirp.env["CHIRP_DATABASE_URL"])
    with TestClient(app=create_app(settings)) as client:
        login = client.post(
            "/api/v1/auth/login", json={"username": "user00002", "password": "password123"}
        )
    assert login.status_code == 200, login.text


def test_pictures_are_stored_with_their_records(chirp: Chirp) -> None:
    result = chirp("seed", "--profiles", "20", "--tweets", "200", "--pictures")

    assert result.exit_code == 0, result.output
    url = chirp.env["CHIRP_DATABASE_URL"]
    records = scalar(url, "SELECT count(*) FROM media")
    pictures = scalar(url, "SELECT count(*) FROM profiles WHERE picture_key IS NOT NULL")
    assert records > 0 and pictures > 0
    root = Path(chirp.env["CHIRP_MEDIA_ROOT"])
    files = [p for p in root.rglob("*") if p.is_file() and p.parent != root]  # not the owner mark
    assert len(files) == records
    assert chirp("check").exit_code == 0


def test_seeding_twice_is_refused_before_writing(chirp: Chirp) -> None:
    assert chirp("seed", "--profiles", "5", "--tweets", "10").exit_code == 0

    result = chirp("seed", "--profiles", "8", "--tweets", "10")

    assert_one_line_error(result, "exist already")
    assert scalar(chirp.env["CHIRP_DATABASE_URL"], "SELECT count(*) FROM profiles") == 5


def test_seed_refuses_memory_storage(chirp: Chirp) -> None:
    result = chirp(*SMALL_SEED, CHIRP_DATABASE_URL="memory://")

    assert_one_line_error(result, "memory://")


def test_seed_asks_for_migrations_on_an_empty_database(chirp: Chirp, tmp_path: Path) -> None:
    result = chirp(*SMALL_SEED, CHIRP_DATABASE_URL=f"sqlite:///{tmp_path / 'empty.db'}")

    assert_one_line_error(result, "chirp migrate upgrade")


def test_seed_rejects_out_of_range_sizes(chirp: Chirp) -> None:
    result = chirp("seed", "--profiles", "0")

    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "--profiles" in result.output
