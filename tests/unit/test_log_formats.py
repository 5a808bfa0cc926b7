"""The log line shortcuts write exactly what structlog's own chain writes."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog
from structlog.contextvars import bound_contextvars

from chirp.logging import PlainConsoleRenderer, configure_logging

ACCESS_FIELDS = {
    "method": "PUT",
    "path": "/api/v1/tweets/{tweet_id:str}/like",
    "status": 200,
    "duration_ms": 1.23,
    "request_id": "0123456789abcdef",
}


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.reset_defaults()


def _reference(log_format: str) -> structlog.stdlib.ProcessorFormatter:
    """structlog's formatter with the very processors of Chirp's handler, unshortened."""
    handler = configure_logging(log_format, stream=io.StringIO())
    ours = handler.formatter
    assert isinstance(ours, structlog.stdlib.ProcessorFormatter)
    renderer = ours.processors[-1]
    if isinstance(renderer, PlainConsoleRenderer):
        renderer = structlog.dev.ConsoleRenderer(colors=False)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=ours.foreign_pre_chain,
        processors=[*ours.processors[:-1], renderer],
    )


def _record(name: str, message: str, extra: dict[str, Any], level: int = logging.INFO) -> Any:
    return logging.getLogger(name).makeRecord(
        name, level, __file__, 1, message, (), None, extra=extra
    )


EXTRAS = [
    ACCESS_FIELDS,
    {"status": 404, "path": "<unmatched>", "method": "GET", "request_id": "x"},
    {"text": "has spaces = and 'quotes'", "none": None, "nested": {"a": [1, "b c"]}},
    {"token": "abc", "note": "Authorization: Bearer s3cr3t"},
    {"empty": "", "number": 3, "flag": True},
    {},
]


@pytest.mark.parametrize("log_format", ["console", "json"])
@pytest.mark.parametrize("extra", EXTRAS)
@pytest.mark.parametrize("bound", [False, True])
def test_a_plain_record_is_written_as_the_full_chain_writes_it(
    restore_root_logger: None, log_format: str, extra: dict[str, Any], bound: bool
) -> None:
    reference = _reference(log_format)
    handler = configure_logging(log_format, stream=io.StringIO())
    record = _record("chirp.access", "request", extra, logging.WARNING)
    # The timestamp is the moment of formatting: both are made to read the same clock.
    frozen = "2026-01-01T00:00:00.000000Z"
    fixed = structlog.processors.TimeStamper(fmt=frozen, utc=True)

    def with_fixed_time(formatter: Any) -> Any:
        formatter.foreign_pre_chain = [
            fixed if isinstance(p, structlog.processors.TimeStamper) else p
            for p in formatter.foreign_pre_chain
        ]
        return formatter

    ours = with_fixed_time(handler.formatter)
    theirs = with_fixed_time(reference)
    if bound:
        with bound_contextvars(request_id="0123456789abcdef", user="ada"):
            assert ours.format(record) == theirs.format(record)
    else:
        assert ours.format(record) == theirs.format(record)


def test_the_plain_console_renderer_leaves_exceptions_to_structlog() -> None:
    try:
        raise ValueError("boom")
    except ValueError as error:
        event = {"event": "failed", "level": "error", "exc_info": (type(error), error, None)}
        expected = structlog.dev.ConsoleRenderer(colors=False)(None, "error", dict(event))
        assert PlainConsoleRenderer()(None, "error", dict(event)) == expected


def test_the_access_line_reads_as_before(restore_root_logger: None) -> None:
    handler = configure_logging("console", stream=io.StringIO())
    line = handler.format(_record("chirp.access", "request", ACCESS_FIELDS))
    assert line.endswith(
        "Z [info     ] request                        [chirp.access] duration_ms=1.23 "
        "method=PUT path=/api/v1/tweets/{tweet_id:str}/like request_id=0123456789abcdef "
        "status=200"
    )
