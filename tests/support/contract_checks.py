"""Every schemathesis check, with the few narrow exclusions where a check is wrong about
Chirp, each with its reason on the line next to it."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from schemathesis import checks as all_checks
from schemathesis.core.failures import Failure
from schemathesis.openapi.checks import UseAfterFree

# DELETE …/like, …/retweet and …/follow undo one person's act; the tweet and its lists
# stay. The library reads them as deleting …/likes and …/retweets (it folds plurals).
UNDO_ACTS = ("/like", "/retweet", "/follow")

# Valid by the document yet refused for what only the server's state decides:
STATE_DEPENDENT_FIELDS = (
    "cursor",  # opaque: only cursors the server gave out exist
    "media_ids",  # each must be an unused upload of the caller
    "in_reply_to_id",  # must name a tweet that exists
    "Idempotency-Key",  # a key already used (by an earlier example) with another body
)


def _state_dependent_refusal(response: Any, case: Any) -> bool:
    if response.status_code != 422:
        return False
    fields = [error.get("field", "") for error in response.json().get("errors", [])]
    body = case.body if isinstance(case.body, dict) else {}
    # A tweet may be empty only with media: a rule across two fields JSON Schema can't say.
    empty_tweet = (
        _operation_id(case) == "createTweet"
        and not str(body.get("text", "")).strip()
        and not body.get("media_ids")
    )
    return bool(fields) and all(
        field.split(".")[0] in STATE_DEPENDENT_FIELDS or (field == "text" and empty_tweet)
        for field in fields
    )


def _filename_less_upload(response: Any, case: Any) -> bool:
    """The library sends an image part without a filename, which multipart readers take
    for a text field (RFC 7578 4.2: a file's part carries a filename)."""
    if _operation_id(case) not in ("uploadMedia", "setPicture"):
        return False
    problem = response.json()
    fields = [error.get("field") for error in problem.get("errors") or []]
    return (response.status_code == 400 and "UTF-8" in problem.get("detail", "")) or (
        response.status_code == 422 and fields == ["file"]
    )


def _operation_id(case: Any) -> str:
    return str(case.operation.definition.raw.get("operationId", ""))


def _path_cut_short(response: Any, case: Any) -> bool:
    """The library puts a generated path value into the URL without escaping all of it,
    so part of it (after a `?` or `#`, say) never reaches the server as the path: the
    server judged another value than the one the check blames."""
    sent = unquote(urlsplit(str(response.request.url)).path)
    return any(str(value) not in sent for value in (case.path_parameters or {}).values())


def negative_data_rejection(ctx: Any, response: Any, case: Any) -> bool | None:
    try:
        return all_checks.negative_data_rejection(ctx, response, case)
    except Failure:
        if _path_cut_short(response, case):
            return None
        raise


def use_after_free(ctx: Any, response: Any, case: Any) -> bool | None:
    try:
        return all_checks.use_after_free(ctx, response, case)
    except UseAfterFree as failure:
        if failure.free.endswith(UNDO_ACTS):
            return None
        raise


def positive_data_acceptance(ctx: Any, response: Any, case: Any) -> bool | None:
    try:
        return all_checks.positive_data_acceptance(ctx, response, case)
    except Failure:
        if _state_dependent_refusal(response, case) or _filename_less_upload(response, case):
            return None
        raise


all_checks.load_all_checks()
NARROWED = {
    "use_after_free": use_after_free,
    "positive_data_acceptance": positive_data_acceptance,
    "negative_data_rejection": negative_data_rejection,
}
CHECKS = [NARROWED.get(check.__name__, check) for check in all_checks.CHECKS.get_all()]
