"""One log format for the whole process: readable in a terminal, JSON for machines.

Everything logs through the standard library (Chirp, Litestar, uvicorn, SQLAlchemy);
structlog only renders. Every line passes a redaction step, so a password, token,
Authorization header or cookie never reaches the output even if some code logs one."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any, TextIO

import structlog
from structlog.typing import EventDict, Processor

from chirp.settings import SettingError

LOG_FORMATS = ("console", "json")
HANDLER_NAME = "chirp"
REDACTED = "[REDACTED]"
SECRET_KEY = re.compile(
    r"pass(word)?|secret|token|authori[sz]ation|cookie|api[_-]?key|credential", re.IGNORECASE
)
BEARER = re.compile(r"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
# Keys the logging machinery itself adds; their values are never secrets.
_KEEP = frozenset({"event", "level", "logger", "timestamp", "request_id"})


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", value)
    if isinstance(value, MutableMapping):
        return {k: REDACTED if _secret_key(k) else _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def _secret_key(key: Any) -> bool:
    return isinstance(key, str) and key not in _KEEP and SECRET_KEY.search(key) is not None


def redact_secrets(_: Any, __: str, event_dict: EventDict) -> EventDict:
    """A structlog processor: secret-looking keys are masked, bearer credentials cut out
    of every string (including the message and any formatted traceback)."""
    return {
        key: REDACTED if _secret_key(key) else _scrub(value) for key, value in event_dict.items()
    }


def drop_terminal_extras(_: Any, __: str, event_dict: EventDict) -> EventDict:
    """uvicorn attaches an ANSI-coloured copy of some messages; the plain one is enough."""
    event_dict.pop("color_message", None)
    return event_dict


def _shared_processors() -> list[Processor]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


class _Formatter(structlog.stdlib.ProcessorFormatter):
    """structlog's formatter, with a shortcut for the commonest line (the access log's):
    a standard-library record with no arguments, exception or stack runs the same
    processors without the copy of the record made first, since none of them changes
    it, and the line is the same."""

    def format(self, record: logging.LogRecord) -> str:
        if record.args or record.exc_info or record.stack_info or hasattr(record, "_logger"):
            return super().format(record)
        method_name = record.levelname.lower()
        event: Any = {"event": record.getMessage(), "_record": record, "_from_structlog": False}
        for processor in [*(self.foreign_pre_chain or ()), *self.processors]:
            event = processor(self.logger, method_name, event)
        return str(event)


class PlainConsoleRenderer:
    """structlog's ConsoleRenderer without colours, written out for the lines that hold
    no exception or stack (the renderer's own columns cost about a third of a line's
    formatting); any other line goes to the renderer itself. The same text, character
    for character (tests/unit/test_log_formats.py compares them)."""

    LEVEL_WIDTH = len("exception")  # the longest level name: the renderer pads to it
    EVENT_WIDTH = 30  # ConsoleRenderer's pad_event_to
    _COLUMNS = ("timestamp", "level", "event", "logger", "logger_name")
    _QUOTED = frozenset(" \t=\r\n\"'")

    def __init__(self) -> None:
        self._renderer = structlog.dev.ConsoleRenderer(colors=False)

    def __call__(self, logger: Any, method_name: str, event_dict: EventDict) -> str:
        if "stack" in event_dict or "exception" in event_dict or "exc_info" in event_dict:
            return self._renderer(logger, method_name, event_dict)
        parts = []
        # A column shows whenever its key is there, even holding None (as the renderer's).
        if "timestamp" in event_dict:
            parts.append(str(event_dict["timestamp"]))
        if "level" in event_dict:
            parts.append(f"[{event_dict['level']!s:<{self.LEVEL_WIDTH}}]")
        if "event" in event_dict:
            parts.append(f"{event_dict['event']!s:<{self.EVENT_WIDTH}}")
        parts += [f"[{event_dict[key]}]" for key in ("logger", "logger_name") if key in event_dict]
        parts += [
            f"{key}={self._repr(event_dict[key])}"
            for key in sorted(event_dict)
            if key not in self._COLUMNS
        ]
        return " ".join(part for part in parts if part).rstrip(" ")

    def _repr(self, value: Any) -> str:
        if isinstance(value, str) and not self._QUOTED.intersection(value):
            return value
        return repr(value)


def configure_logging(
    log_format: str = "console", *, level: int = logging.INFO, stream: TextIO | None = None
) -> logging.Handler:
    """Installs Chirp's handler on the root logger (replacing an earlier one, keeping
    any other, such as a test's) and returns it."""
    if log_format not in LOG_FORMATS:
        raise SettingError(
            f"CHIRP_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}"
        )
    output = stream or sys.stderr
    renderer: Processor = (
        structlog.processors.JSONRenderer()
        if log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=output.isatty())
    )
    formatter = _Formatter(
        foreign_pre_chain=[*_shared_processors(), structlog.stdlib.ExtraAdder()],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            drop_terminal_extras,
            structlog.processors.format_exc_info,
            redact_secrets,
            renderer if output.isatty() or log_format == "json" else PlainConsoleRenderer(),
        ],
    )
    handler = logging.StreamHandler(output)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for existing in list(root.handlers):
        if existing.get_name() == HANDLER_NAME:
            root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    # uvicorn's loggers send to the root handler; its access log is replaced by ours.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = name != "uvicorn.access"
    structlog.configure(
        processors=[
            *_shared_processors(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    return handler
