"""The redaction step every log line passes through."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from chirp.logging import REDACTED, configure_logging, redact_secrets
from chirp.settings import SettingError


def test_secret_keys_are_masked_at_any_depth() -> None:
    event = {
        "event": "signing up",
        "password": "hunter22",
        "headers": {"Authorization": "Bearer abc", "Cookie": "session=1", "Accept": "*/*"},
        "body": [{"new_password": "x"}, {"access_token": "y"}],
        "username": "ada",
    }

    cleaned = redact_secrets(None, "info", event)

    assert cleaned["password"] == REDACTED
    assert cleaned["headers"] == {
        "Authorization": REDACTED,
        "Cookie": REDACTED,
        "Accept": "*/*",
    }
    assert cleaned["body"] == [{"new_password": REDACTED}, {"access_token": REDACTED}]
    assert cleaned["username"] == "ada"


def test_bearer_credentials_are_cut_out_of_any_text() -> None:
    cleaned = redact_secrets(None, "info", {"event": "sent Authorization: Bearer s3cr3t.t0ken"})

    assert "s3cr3t" not in cleaned["event"]
    assert "Bearer [REDACTED]" in cleaned["event"]


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.reset_defaults()


def test_json_lines_carry_extras_and_never_a_secret(restore_root_logger: None) -> None:
    buffer = io.StringIO()
    configure_logging("json", stream=buffer)

    logging.getLogger("chirp.test").info(
        "login for %s", "ada", extra={"password": "hunter22", "attempt": 2}
    )

    line = json.loads(buffer.getvalue().splitlines()[-1])
    assert line["event"] == "login for ada"
    assert line["logger"] == "chirp.test"
    assert line["attempt"] == 2
    assert line["password"] == REDACTED
    assert "hunter22" not in buffer.getvalue()


def test_console_lines_are_for_people(restore_root_logger: None) -> None:
    buffer = io.StringIO()
    configure_logging("console", stream=buffer)

    logging.getLogger("chirp.test").warning("disk nearly full", extra={"free_mb": 12})

    text = buffer.getvalue()
    assert "disk nearly full" in text and "free_mb=12" in text
    assert not text.lstrip().startswith("{")


def test_an_unknown_format_is_a_setting_error() -> None:
    with pytest.raises(SettingError, match="CHIRP_LOG_FORMAT"):
        configure_logging("xml")
