"""One example per error status, as this server really answers it, for /schema.

Each operation's response for a status shows its own example (a 404 on a tweet says
"tweet not found", not "profile not found"), so what the docs show is what comes back."""

from __future__ import annotations

from typing import Any

from litestar.openapi.spec import Example

from adapters.http.problems import TITLES
from domain.errors import ContentTooLarge, size_in_words
from domain.media import MAX_UPLOAD_BYTES

JSON_BODY_LIMIT = 64 * 1024

DETAILS: dict[int, str] = {
    400: "the body is not valid JSON",
    401: "the token is invalid, expired or revoked",
    403: "only its author may delete a tweet",
    404: "tweet not found",
    409: "this username is taken",
    413: f"the body is larger than {size_in_words(JSON_BODY_LIMIT)}",
    415: "send the image as multipart/form-data in a `file` part",
    422: "the request has invalid fields",
    429: "too many requests; try again in 42 s",
    503: "the database does not answer",
}
FIELD_ERRORS: dict[int, list[dict[str, str]]] = {
    409: [{"field": "username", "message": "this username is taken"}],
    422: [{"field": "username", "message": "must be 1-30 letters, digits or underscores"}],
}

# What differs for one operation: its own words for a status.
BY_OPERATION: dict[tuple[str, int], str] = {
    ("logIn", 401): "wrong username or password",
    ("changePassword", 401): "the current password is wrong",
    ("uploadMedia", 413): str(ContentTooLarge(MAX_UPLOAD_BYTES)),
    ("setPicture", 413): str(ContentTooLarge(MAX_UPLOAD_BYTES)),
    ("getMediaBytes", 404): "media not found",
    ("markNotificationsRead", 404): "notification not found",
}
PROFILE_OPERATIONS = (
    "getProfile",
    "listProfileTweets",
    "listProfileLikes",
    "listFollowers",
    "listFollowing",
    "followProfile",
    "unfollowProfile",
)
BY_OPERATION.update({(operation, 404): "profile not found" for operation in PROFILE_OPERATIONS})
FIELD_ERRORS_BY_OPERATION: dict[tuple[str, int], list[dict[str, str]]] = {
    ("uploadMedia", 422): [{"field": "file", "message": "the image could not be decoded"}],
    ("setPicture", 422): [{"field": "file", "message": "the image could not be decoded"}],
    ("createTweet", 422): [{"field": "text", "message": "must be at most 280 characters"}],
}


def problem_example(status: int, operation_id: str | None = None) -> dict[str, Any]:
    key = (operation_id or "", status)
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES[status],
        "status": status,
        "detail": BY_OPERATION.get(key, DETAILS[status]),
    }
    errors = FIELD_ERRORS_BY_OPERATION.get(key, FIELD_ERRORS.get(status))
    if errors is not None:
        body["errors"] = errors
    return body


def problem_examples(status: int, operation_id: str | None = None) -> list[Example]:
    return [Example(summary=TITLES[status], value=problem_example(status, operation_id))]
