"""Every error an operation can answer, in the OpenAPI document, as problem+json.

Clients (and the contract fuzzer) read the document to learn what can come back, so it
lists each status an operation may answer. Statuses every API operation shares (a bad
token is 401 everywhere, every route is rate limited) are added to all; the rest are
named per operation below, next to each other, where a reviewer can check them against
API.md in one read."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from litestar import Litestar
from litestar.openapi.datastructures import ResponseSpec
from litestar.routes import HTTPRoute

from adapters.http.openapi_problem_examples import problem_examples
from adapters.http.problems import PROBLEM_JSON, Problem

WHY = {
    400: "The body is not valid JSON, or the request could not be read",
    401: "No token where one is needed, or a token that is invalid, expired or revoked",
    403: "Authenticated, but this is not yours to change",
    404: "No such resource (a deleted tweet included)",
    409: "Taken: `errors` names the field",
    413: "The body is larger than the limit (JSON 64 KiB, media 5 MiB)",
    415: "The body's type is not one this operation accepts",
    422: "Invalid input: `errors` names each field and what is wrong with it",
    429: "Too many requests: wait `Retry-After` seconds (see the RateLimit-* headers)",
    503: "The database does not answer",
}

API_PREFIX = "/api/"
# A token that is sent but invalid is 401 on every route; every API route is rate limited;
# every route reads the database, which may be down for a moment (503).
EVERY_API_OPERATION = (401, 429, 503)
EVERY_OPERATION = (401, 503)
JSON_BODY = (400, 413, 422)
PAGE = (400, 422)

PROBLEMS_BY_OPERATION: dict[str, tuple[int, ...]] = {
    "signUp": (*JSON_BODY, 409),
    "logIn": JSON_BODY,
    "logOut": (),
    "getMe": (),
    "editMe": (*JSON_BODY, 409),
    "changePassword": JSON_BODY,
    "setPicture": (400, 413, 415, 422),
    "removePicture": (),
    "getProfile": (400, 404),
    "listProfileTweets": (*PAGE, 404),
    "listProfileLikes": (*PAGE, 404),
    "listFollowers": (*PAGE, 404),
    "listFollowing": (*PAGE, 404),
    "followProfile": (400, 404, 422),
    "unfollowProfile": (400, 404, 422),
    "createTweet": (*JSON_BODY, 404),
    "getTweet": (400, 404),
    "deleteTweet": (400, 403, 404),
    "likeTweet": (400, 404),
    "unlikeTweet": (400, 404),
    "retweetTweet": (400, 404),
    "undoRetweet": (400, 404),
    "listTweetLikers": (*PAGE, 404),
    "listTweetRetweeters": (*PAGE, 404),
    "homeTimeline": PAGE,
    "listTweetReplies": (*PAGE, 404),
    "listTweetAncestors": (400, 404),
    "listHashtagTweets": (*PAGE, 422),
    "trendingHashtags": (),
    "publicTimeline": PAGE,
    "searchTweets": (*PAGE, 422),
    "searchProfiles": (*PAGE, 422),
    "followSuggestions": (),
    "uploadMedia": (400, 413, 415, 422),
    "listNotifications": PAGE,
    "countUnreadNotifications": (),
    "markNotificationsRead": (*JSON_BODY, 404),
    "getMediaBytes": (400, 404),
    "health": (),
}


def problem_responses(
    statuses: Iterable[int], operation_id: str | None = None
) -> dict[int, ResponseSpec]:
    """`responses=` for a route: each status answered with a problem+json body, with
    the example of that status (and operation)."""
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=WHY[status],
            media_type=PROBLEM_JSON,
            generate_examples=False,
            examples=problem_examples(status, operation_id),
        )
        for status in sorted(set(statuses))
    }


def _with_example(status: int, spec: ResponseSpec, operation_id: str) -> ResponseSpec:
    """A problem answer a controller declared itself gets its status's example too."""
    if spec.data_container is not Problem or spec.examples or status not in WHY:
        return spec
    return dataclasses.replace(spec, examples=problem_examples(status, operation_id))


def document_problems(app: Litestar) -> None:
    """Add each operation's problem answers to its route handler before the document is
    first built. Responses a controller declares itself are kept as they are."""
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            if not handler.resolve_include_in_schema():
                continue
            operation_id = handler.operation_id
            if not isinstance(operation_id, str):
                continue
            shared = EVERY_API_OPERATION if route.path.startswith(API_PREFIX) else EVERY_OPERATION
            statuses = (*shared, *PROBLEMS_BY_OPERATION.get(operation_id, ()))
            declared: Mapping[int, ResponseSpec] = handler.responses or {}
            handler.responses = {
                **problem_responses(statuses, operation_id),
                **{s: _with_example(s, spec, operation_id) for s, spec in declared.items()},
            }


def undocumented_operations(app: Litestar) -> list[str]:
    """Operations of the app that the table above does not know: a test keeps it empty."""
    missing = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            operation_id = handler.operation_id
            if (
                handler.resolve_include_in_schema()
                and isinstance(operation_id, str)
                and operation_id not in PROBLEMS_BY_OPERATION
            ):
                missing.append(operation_id)
    return missing
