"""Where a status sits in time, for `max_id`: a tweet's own moment when it is one."""

from __future__ import annotations

from datetime import datetime

from adapters.mastodon.auth import use_cases
from adapters.mastodon.requests import AnyRequest
from domain.errors import NotFound


async def tweet_moment(request: AnyRequest, status_id: str) -> datetime | None:
    """None for an id that is not a tweet's (a reblog's): its id's millisecond stands in."""
    try:
        view = await use_cases(request).get_tweet()(status_id)
    except NotFound:
        return None
    moment: datetime = view.tweet.created_at
    return moment
