"""Every setting, with a value Chirp takes and one it refuses at start-up in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chirp.settings import SettingError, Settings
from tests.unit.test_readme_configuration import variables_read

# variable, a good value, the attribute it sets, what that holds, a bad value.
TABLE: list[tuple[str, str, str, Any, str]] = [
    ("CHIRP_DATABASE_URL", "postgresql://u@db/chirp", "database_url",
     "postgresql://u@db/chirp", "mysql://root@localhost/chirp"),
    ("CHIRP_HOST", "0.0.0.0", "host", "0.0.0.0", None),
    ("PORT", "8080", "port", 8080, "70000"),
    ("CHIRP_MASTODON_PORT", "off", "mastodon_port", None, "0"),
    ("CHIRP_TOKEN_LIFETIME_DAYS", "7", "token_lifetime_days", 7, "0"),
    ("CHIRP_LOGIN_MAX_FAILURES", "5", "login_max_failures", 5, "-1"),
    ("CHIRP_LOGIN_FAILURE_WINDOW_MINUTES", "30", "login_failure_window_minutes", 30, "soon"),
    ("CHIRP_ARGON2_MEMORY_KIB", "65536", "argon2_memory_kib", 65536, "1"),
    ("CHIRP_ARGON2_TIME_COST", "3", "argon2_time_cost", 3, "0"),
    ("CHIRP_MEDIA_ROOT", "/srv/media", "media_root", Path("/srv/media"), None),
    ("CHIRP_MEDIA_BACKEND", "memory", "media_backend", "memory", "s3"),
    ("CHIRP_LOG_FORMAT", "json", "log_format", "json", "xml"),
    ("CHIRP_METRICS", "off", "metrics_enabled", False, "maybe"),
    ("CHIRP_CORS_ORIGINS", "https://a.example, http://b.example:3000", "cors_origins",
     ("https://a.example", "http://b.example:3000"), "a.example/path"),
    ("CHIRP_RATE_LIMIT_BACKEND", "redis", "rate_limit_backend", "redis", "memcached"),
    ("CHIRP_REDIS_URL", "redis://cache:6379/1", "redis_url", "redis://cache:6379/1",
     "cache:6379"),
    ("CHIRP_RATE_LIMIT_SIGNUP", "5/60", "rate_limit_signup", "5/60", "5 per minute"),
    ("CHIRP_RATE_LIMIT_LOGIN", "off", "rate_limit_login", "off", "0/60"),
    ("CHIRP_RATE_LIMIT_WRITE", "100/60", "rate_limit_write", "100/60", "100/"),
    ("CHIRP_RATE_LIMIT_READ", "1000/60", "rate_limit_read", "1000/60", "-5/60"),
    ("CHIRP_BENCH_LIMIT_ENDPOINT", "1", "bench_limit_endpoint", True, "sometimes"),
]  # fmt: skip


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in variables_read():
        monkeypatch.delenv(name, raising=False)


def test_the_table_covers_every_setting_chirp_reads() -> None:
    assert {row[0] for row in TABLE} == variables_read()


@pytest.mark.parametrize(("name", "good", "attribute", "value", "_"), TABLE, ids=lambda v: v)
def test_a_good_value_is_taken(
    monkeypatch: pytest.MonkeyPatch, name: str, good: str, attribute: str, value: Any, _: str
) -> None:
    monkeypatch.setenv(name, good)

    assert getattr(Settings.from_env(), attribute) == value


BAD = [(row[0], row[4]) for row in TABLE if row[4] is not None]


@pytest.mark.parametrize(("name", "bad"), BAD, ids=[row[0] for row in BAD])
def test_a_bad_value_is_refused_in_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, name: str, bad: str
) -> None:
    monkeypatch.setenv(name, bad)

    with pytest.raises(SettingError) as refused:
        Settings.from_env()

    message = str(refused.value)
    assert message.startswith(name) and "\n" not in message


def test_blank_values_mean_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in variables_read():
        monkeypatch.setenv(name, "  ")

    assert Settings.from_env() == Settings()


def test_memory_storage_keeps_media_in_memory_and_refuses_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CHIRP_DATABASE_URL", "memory://")
    assert Settings.from_env().media_backend == "memory"

    monkeypatch.setenv("CHIRP_MEDIA_BACKEND", "filesystem")
    with pytest.raises(SettingError, match="CHIRP_MEDIA_BACKEND=filesystem"):
        Settings.from_env()


@pytest.mark.parametrize(
    ("database_url", "media_root"),
    [
        ("sqlite+aiosqlite:///./var/chirp.db", "var/chirp.media"),
        ("sqlite:////data/other.db", "/data/other.media"),
        ("postgresql://chirp:secret@db.internal:6543/chirp",
         "var/postgresql-db.internal-6543-chirp.media"),
        ("postgresql+asyncpg://postgres@127.0.0.1/test",
         "var/postgresql-127.0.0.1-5432-test.media"),
    ],
)  # fmt: skip
def test_the_default_media_root_belongs_to_the_database(database_url: str, media_root: str) -> None:
    settings = Settings(database_url=database_url)

    assert settings.media_backend == "filesystem"
    assert settings.media_directory == Path(media_root)
    assert "secret" not in str(settings.media_directory)


def test_a_media_root_is_claimed_once_and_refused_to_another_database(tmp_path: Path) -> None:
    from chirp.media_location import OWNER_FILE, MediaRootTaken, claim_media_root

    root = tmp_path / "media"
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"

    claim_media_root(root, first)
    claim_media_root(root, first.replace("sqlite:", "sqlite+aiosqlite:"))  # same file

    assert (root / OWNER_FILE).read_text().strip() == f"sqlite:{tmp_path / 'a.db'}"
    with pytest.raises(MediaRootTaken, match="holds the images of sqlite:"):
        claim_media_root(root, second)
