"""The one place where errors become RFC 9457 problem details."""

from __future__ import annotations

import logging
import re
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from application.ports.unit_of_work import StorageUnavailable
from domain.errors import (
    AuthenticationFailed,
    Conflict,
    ContentTooLarge,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    TooManyAttempts,
    UnsupportedMedia,
    size_in_words,
)
from domain.idempotency import IDEMPOTENCY_KEY_FIELD

PROBLEM_JSON = "application/problem+json"
logger = logging.getLogger("chirp.errors")

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class FieldError(msgspec.Struct):
    field: str
    message: str


class Problem(msgspec.Struct, omit_defaults=True):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


def problem(
    status: int,
    detail: str,
    *,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[Problem]:
    return Response(
        Problem(
            type="about:blank",
            title=TITLES.get(status, "Error"),
            status=status,
            detail=detail,
            errors=errors,
        ),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def domain_error(_: Request[Any, Any, Any], error: DomainError) -> Response[Problem]:
    if isinstance(error, InvalidInput):
        return problem(
            422,
            "the request has invalid fields",
            errors=[FieldError(p.field, p.message) for p in error.problems],
        )
    if isinstance(error, Conflict):
        return problem(409, str(error), errors=[FieldError(error.field, str(error))])
    if isinstance(error, NotFound):
        return problem(404, str(error))
    if isinstance(error, Forbidden):
        return problem(403, str(error) or "you may not do this")
    if isinstance(error, AuthenticationFailed):
        return problem(401, str(error), headers={"WWW-Authenticate": "Bearer"})
    if isinstance(error, TooManyAttempts):
        return problem(429, str(error), headers={"Retry-After": str(error.retry_after_seconds)})
    if isinstance(error, UnsupportedMedia):
        return problem(415, str(error))
    if isinstance(error, ContentTooLarge):
        return problem(413, str(error))
    return internal_error(_, error)


_BACKTICK = re.compile(r"`([^`]*)`")
_REGEX = re.compile(r"matching regex '.*'$", re.DOTALL)
# Header parameters are named by their header, not by the handler's argument.
HEADER_FIELDS = {"idempotency_key": IDEMPOTENCY_KEY_FIELD}
_PATH = re.compile(r" - at `\$\.?([^`]*)`")
_MISSING_PARAMETER = re.compile(r"Missing required query parameter '([^']+)'")


def _field_of(message: str, key: str | None) -> str:
    """Name the field a msgspec message is about: unknown and missing fields are
    named in backticks, nested ones by their `$.path`."""
    path_match = _PATH.search(message)
    prefix = path_match.group(1) if path_match else ""
    if message.startswith(("Object contains unknown field", "Object missing required field")):
        name = _BACKTICK.search(message)
        if name:
            return f"{prefix}.{name.group(1)}" if prefix else name.group(1)
    if prefix:
        return prefix
    if key in HEADER_FIELDS:
        return HEADER_FIELDS[key]
    return key if key and key != "data" else "body"


def validation_error(_: Request[Any, Any, Any], error: ValidationException) -> Response[Problem]:
    detail = str(error.detail or "")
    if detail.startswith("JSON is malformed"):
        return problem(400, "the body is not valid JSON")
    missing = _MISSING_PARAMETER.match(detail)
    if missing:
        # A required query parameter left out is invalid input, named like any other.
        return problem(
            422,
            "the request has invalid fields",
            errors=[FieldError(missing.group(1), "is required")],
        )
    extra = error.extra if isinstance(error.extra, list) else []
    errors = []
    for item in extra:
        if not isinstance(item, dict):
            continue
        message, key = str(item.get("message", "")), item.get("key")
        if key == "data" and message == "'data'":
            return problem(400, "the body is missing or is not valid JSON")
        cleaned = _REGEX.sub("matching the pattern the API document states", _PATH.sub("", message))
        errors.append(FieldError(_field_of(message, key), cleaned))
    if not errors:
        return problem(400, "the request could not be read")
    return problem(422, "the request has invalid fields", errors=errors)


def http_error(_: Request[Any, Any, Any], error: HTTPException) -> Response[Problem]:
    status = error.status_code
    if status >= 500:
        return internal_error(_, error)
    headers = dict(error.headers or {})
    if status == 401:
        headers.setdefault("WWW-Authenticate", "Bearer")
    detail = error.detail if error.detail and error.detail != TITLES.get(status) else ""
    if status == 413:
        detail = _limit_exceeded(_)
    return problem(status, detail or TITLES.get(status, "error").lower(), headers=headers)


def internal_error(_: Request[Any, Any, Any], error: Exception) -> Response[Problem]:
    # The details go to the log, never to the client.
    logger.error("unhandled error", exc_info=error)
    return problem(HTTP_500_INTERNAL_SERVER_ERROR, "something went wrong on our side")


# How long a client should wait before trying again: a restart takes a few seconds.
UNAVAILABLE_RETRY_AFTER_SECONDS = 2


def storage_unavailable(_: Request[Any, Any, Any], error: StorageUnavailable) -> Response[Problem]:
    logger.warning("the database does not answer: %s", error)
    return problem(
        503,
        "the database does not answer; try again shortly",
        headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER_SECONDS)},
    )


def undecodable_text(_: Request[Any, Any, Any], error: UnicodeDecodeError) -> Response[Problem]:
    # Litestar decodes multipart parts sent without a filename as text; bytes that are
    # not UTF-8 there are the client's mistake, not ours.
    return problem(400, "a part of the body is not valid UTF-8 text")


EXCEPTION_HANDLERS: dict[Any, Any] = {
    DomainError: domain_error,
    StorageUnavailable: storage_unavailable,
    ValidationException: validation_error,
    HTTPException: http_error,
    UnicodeDecodeError: undecodable_text,
    Exception: internal_error,
}
MEDIA_TYPE = MediaType.JSON


def _limit_exceeded(request: Request[Any, Any, Any]) -> str:
    """The limit a 413 enforced: the route's own words (`opt["too_large"]`, e.g. an
    image's 5 MiB rather than the multipart envelope around it), or its body limit."""
    handler = request.route_handler
    stated = handler.opt.get("too_large")
    if isinstance(stated, str):
        return stated
    limit = handler.resolve_request_max_body_size()
    return f"the body is larger than {size_in_words(limit)}" if limit else "the body is too large"
