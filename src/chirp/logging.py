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
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*_shared_processors(), structlog.stdlib.ExtraAdder()],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            drop_terminal_extras,
            structlog.processors.format_exc_info,
            redact_secrets,
            renderer,
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
