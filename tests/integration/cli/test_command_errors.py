"""A user mistake ends in one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.integration.cli.conftest import Chirp, assert_one_line_error

DATABASE_COMMANDS = [
    ["migrate", "upgrade"],
    ["seed", "--profiles", "2", "--tweets", "1"],
    ["check"],
    ["create-user", "ada", "ada@example.com", "--password", "password1"],
    ["serve", "--port", "1"],
]


@pytest.mark.parametrize("command", DATABASE_COMMANDS, ids=lambda c: c[0])
def test_a_malformed_database_url(chirp: Chirp, command: list[str]) -> None:
    result = chirp(*command, CHIRP_DATABASE_URL="not a url")

    assert_one_line_error(result, "CHIRP_DATABASE_URL")


@pytest.mark.parametrize("command", DATABASE_COMMANDS, ids=lambda c: c[0])
def test_an_unsupported_database(chirp: Chirp, command: list[str]) -> None:
    result = chirp(*command, CHIRP_DATABASE_URL="mysql://root@localhost/chirp")

    assert_one_line_error(result, "mysql", "does not support")


@pytest.mark.parametrize("command", DATABASE_COMMANDS, ids=lambda c: c[0])
def test_an_unreachable_database_hides_its_password(chirp: Chirp, command: list[str]) -> None:
    url = "postgresql://chirp:hunter2@127.0.0.1:1/chirp"

    line = assert_one_line_error(chirp(*command, CHIRP_DATABASE_URL=url), "cannot use")

    assert "hunter2" not in line


def test_an_unknown_option(chirp: Chirp) -> None:
    result = chirp("check", "--frobnicate")

    assert result.exit_code == 2
    assert "No such option" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_command(chirp: Chirp) -> None:
    result = chirp("sed")

    assert result.exit_code == 2
    assert "No such command" in result.output


def test_a_bad_setting(chirp: Chirp) -> None:
    assert_one_line_error(chirp("check", CHIRP_ARGON2_TIME_COST="two"), "CHIRP_ARGON2_TIME_COST")
    assert_one_line_error(
        chirp("serve", CHIRP_LOG_FORMAT="xml", CHIRP_DATABASE_URL="memory://"),
        "CHIRP_LOG_FORMAT",
    )


@pytest.mark.timeout(30)
def test_serve_refuses_a_port_in_use(chirp: Chirp) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = chirp("serve", "--port", str(port))

    assert_one_line_error(result, str(port), "already in use")


@pytest.mark.timeout(30)
def test_serve_refuses_a_mastodon_port_in_use_or_shared(chirp: Chirp) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = chirp("serve", "--mastodon-port", str(port), CHIRP_DATABASE_URL="memory://")

    assert_one_line_error(result, str(port), "already in use", "--mastodon-port")
    same = chirp("serve", "--port", "18999", "--mastodon-port", "18999",
                 CHIRP_DATABASE_URL="memory://")  # fmt: skip
    assert_one_line_error(same, "port of its own")
    assert_one_line_error(chirp("serve", "--mastodon-port", "nope"), "--mastodon-port")


@pytest.mark.timeout(30)
def test_serve_refuses_a_host_it_cannot_resolve(chirp: Chirp) -> None:
    result = chirp("serve", "--host", "no-such-host.invalid", CHIRP_DATABASE_URL="memory://")

    assert_one_line_error(result, "no-such-host.invalid")


def test_an_unwritable_media_root(chirp: Chirp, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("media cannot live under a file")

    result = chirp(
        "seed",
        "--profiles",
        "3",
        "--tweets",
        "3",
        "--pictures",
        CHIRP_MEDIA_ROOT=str(blocker / "media"),
    )

    assert_one_line_error(result, str(blocker))
    retry = chirp("seed", "--profiles", "3", "--tweets", "3")
    assert retry.exit_code == 0, "nothing was written by the failed seed"
