"""`chirp create-user`: an account made through the sign-up use case."""

from __future__ import annotations

from litestar.testing import TestClient

from chirp.app import create_app
from tests.integration.cli.conftest import Chirp, assert_one_line_error
from tests.integration.http.conftest import settings_for_tests


def can_log_in(chirp: Chirp, username: str, password: str) -> bool:
    settings = settings_for_tests(chirp.env["CHIRP_DATABASE_URL"])
    with TestClient(app=create_app(settings)) as client:
        answer = client.post(
            "/api/v1/auth/login", json={"username": username, "password": password}
        )
    return answer.status_code == 200


def test_create_user_with_a_password_option(chirp: Chirp) -> None:
    result = chirp("create-user", "Ada", "ada@example.com", "--password", "analytical1")

    assert result.exit_code == 0, result.output
    assert "created Ada <ada@example.com>" in result.output
    assert can_log_in(chirp, "ada", "analytical1")


def test_create_user_prompts_twice_for_a_hidden_password(chirp: Chirp) -> None:
    result = chirp("create-user", "grace", "grace@example.com", input="cobol-1959\ncobol-1959\n")

    assert result.exit_code == 0, result.output
    assert "cobol-1959" not in result.output, "the password is not echoed"
    assert can_log_in(chirp, "grace", "cobol-1959")


def test_mismatched_confirmation_creates_nobody(chirp: Chirp) -> None:
    result = chirp("create-user", "linus", "linus@example.com", input="first-try1\nsecond-try\n")

    assert result.exit_code != 0
    assert not can_log_in(chirp, "linus", "first-try1")


def test_a_taken_username_is_one_line(chirp: Chirp) -> None:
    assert chirp("create-user", "ada", "ada@example.com", "--password", "password1").exit_code == 0

    result = chirp("create-user", "ADA", "other@example.com", "--password", "password1")

    assert_one_line_error(result, "username", "taken")


def test_invalid_fields_are_one_line(chirp: Chirp) -> None:
    result = chirp("create-user", "ada", "not-an-email", "--password", "password1")
    assert_one_line_error(result, "email")

    short = chirp("create-user", "ada", "ada@example.com", "--password", "short")
    assert_one_line_error(short, "password")
