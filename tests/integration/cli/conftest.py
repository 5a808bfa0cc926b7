"""Running `chirp` commands in-process against a throwaway SQLite database."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog
from click.testing import CliRunner, Result

from chirp.cli import main

# A fixed anchor makes seeded ids and dates the same on every run.
UNTIL = "2026-06-01T12:00:00"
SMALL_SEED = ["seed", "--profiles", "50", "--tweets", "500", "--until", UNTIL]


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """`serve` installs Chirp's log handler on the root logger; take it off again."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.reset_defaults()


@pytest.fixture
def cli_env(sqlite_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "CHIRP_DATABASE_URL": sqlite_url,
        "CHIRP_MEDIA_ROOT": str(tmp_path / "media"),
        "CHIRP_ARGON2_MEMORY_KIB": "256",
        "CHIRP_ARGON2_TIME_COST": "1",
        "CHIRP_LOG_FORMAT": "console",
        # 8001 may be taken on the machine; serve tests that want it name a free port.
        "CHIRP_MASTODON_PORT": "off",
    }


class Chirp:
    """`chirp ARGS...` with the test's environment; extra variables override it."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, **env: str) -> Result:
        return self.runner.invoke(main, list(args), env={**self.env, **env}, input=input)


@pytest.fixture
def chirp(cli_env: dict[str, str]) -> Chirp:
    return Chirp(cli_env)


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """A user mistake: non-zero exit, one `Error:` line naming the cause, no traceback."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    for fragment in fragments:
        assert fragment in errors[0], result.output
    return errors[0]
