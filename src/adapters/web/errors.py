"""Errors as pages: the same statuses as the API, shown in a `role="alert"` element."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from litestar import Response
from litestar.exceptions import HTTPException
from litestar.response import Redirect, Template

from adapters.web.limits import TooManyPageRequests
from adapters.web.rendering import base_context
from adapters.web.session import AnyRequest, SignInRequired, finish_cookies
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
)

logger = logging.getLogger("chirp.web")
UNAVAILABLE_RETRY_AFTER_SECONDS = 2


def messages_of(error: DomainError) -> list[str]:
    if isinstance(error, InvalidInput):
        return [f"{p.field.replace('_', ' ').capitalize()}: {p.message}" for p in error.problems]
    if isinstance(error, Conflict):
        return [str(error).capitalize()]
    return [str(error)[:1].upper() + str(error)[1:]]


def status_of(error: DomainError) -> int:
    for kind, status in (
        (InvalidInput, 422),
        (Conflict, 409),
        (NotFound, 404),
        (Forbidden, 403),
        (AuthenticationFailed, 401),
        (TooManyAttempts, 429),
        (ContentTooLarge, 413),
        (UnsupportedMedia, 415),
    ):
        if isinstance(error, kind):
            return status
    return 400


def error_page(
    request: AnyRequest,
    status: int,
    messages: list[str],
    *,
    back: str | None = None,
    headers: dict[str, str] | None = None,
) -> Template:
    response = Template(
        template_name="error.html",
        context={**base_context(request), "status": status, "messages": messages, "back": back},
        status_code=status,
        headers=headers or {},
    )
    finish_cookies(request, response)
    return response


def sign_in_first(request: AnyRequest, _: SignInRequired) -> Response[Any]:
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    if request.method != "GET":
        target = "/"
    return Redirect(path=f"/login?next={quote(target, safe='/')}", status_code=303)


def domain_error(request: AnyRequest, error: DomainError) -> Response[Any]:
    headers = {}
    if isinstance(error, TooManyAttempts):
        headers["Retry-After"] = str(error.retry_after_seconds)
    return error_page(request, status_of(error), messages_of(error), headers=headers)


def too_many(request: AnyRequest, error: TooManyPageRequests) -> Response[Any]:
    seconds = error.retry_after_seconds
    return error_page(
        request,
        429,
        [f"Too many requests: try again in {seconds} s."],
        headers={"Retry-After": str(seconds)},
    )


def http_error(request: AnyRequest, error: HTTPException) -> Response[Any]:
    if error.status_code >= 500:
        logger.error("page failed", exc_info=error)
        return error_page(request, 500, ["Something went wrong on our side."])
    return error_page(request, error.status_code, [error.detail or "That did not work."])


def storage_unavailable(request: AnyRequest, error: StorageUnavailable) -> Response[Any]:
    # The database restarting: a page that says "try again" and a 503, never a 500.
    logger.warning("the database does not answer: %s", error)
    return error_page(
        request,
        503,
        ["Chirp cannot reach its database right now. Try again in a moment."],
        headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER_SECONDS)},
    )


def internal_error(request: AnyRequest, error: Exception) -> Response[Any]:
    logger.error("page failed", exc_info=error)
    return error_page(request, 500, ["Something went wrong on our side."])


PAGE_EXCEPTION_HANDLERS: dict[Any, Any] = {
    SignInRequired: sign_in_first,
    DomainError: domain_error,
    TooManyPageRequests: too_many,
    HTTPException: http_error,
    StorageUnavailable: storage_unavailable,
    Exception: internal_error,
}
