"""Errors as Mastodon answers them: `{"error": "..."}` with its status codes."""

from __future__ import annotations

import logging
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException

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
from domain.oauth import OAuthError

logger = logging.getLogger("chirp.mastodon")
UNAVAILABLE_RETRY_AFTER_SECONDS = 2


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def unauthorized() -> ApiError:
    return ApiError(401, "The access token is invalid")


def error_body(status: int, message: str, **extra: Any) -> Response[Any]:
    headers = {"WWW-Authenticate": 'Bearer realm="Chirp"'} if status == 401 else None
    return Response(
        {"error": message, **extra},
        status_code=status,
        media_type=MediaType.JSON,
        headers=headers,
    )


def _domain(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    if isinstance(error, OAuthError):
        status = 401 if error.code == "invalid_client" else 400
        return error_body(status, error.code, error_description=error.description)
    if isinstance(error, InvalidInput):
        details = "; ".join(f"{p.field} {p.message}" for p in error.problems)
        return error_body(422, f"Validation failed: {details}")
    if isinstance(error, NotFound):
        return error_body(404, "Record not found")
    if isinstance(error, AuthenticationFailed):
        return error_body(401, "The access token is invalid")
    if isinstance(error, Forbidden):
        return error_body(403, str(error) or "This action is not allowed")
    if isinstance(error, TooManyAttempts):
        response = error_body(429, "Too many requests")
        response.headers["Retry-After"] = str(error.retry_after_seconds)
        return response
    if isinstance(error, Conflict):
        return error_body(422, f"Validation failed: {error}")
    if isinstance(error, UnsupportedMedia):
        return error_body(422, "Validation failed: file type is not supported")
    if isinstance(error, ContentTooLarge):
        return error_body(413, str(error))
    return error_body(422, str(error))


def _api(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    assert isinstance(error, ApiError)
    return error_body(error.status, error.message)


def _http(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    assert isinstance(error, HTTPException)
    messages = {404: "Record not found", 405: "Method not allowed", 401: "Unauthorized"}
    message = messages.get(error.status_code) or str(error.detail)
    return error_body(error.status_code, message)


def _unavailable(_: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    # A database restarting is no fault of the server's: apps retry a 503, not a 500.
    logger.warning("the database does not answer: %s", error)
    response = error_body(503, "The database does not answer; try again shortly")
    response.headers["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER_SECONDS)
    return response


def _unexpected(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_body(500, "Something went wrong on our end")


EXCEPTION_HANDLERS: dict[Any, Any] = {
    DomainError: _domain,
    ApiError: _api,
    StorageUnavailable: _unavailable,
    HTTPException: _http,
    Exception: _unexpected,
}
