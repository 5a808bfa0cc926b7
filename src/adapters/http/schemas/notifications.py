"""Bodies of the notification endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

from adapters.http.schemas.accounts import ProfileSummaryOut, summary_out
from adapters.http.schemas.rules import AnyText
from adapters.http.schemas.tweets import TweetOut, tweet_out
from application.notifications.inbox import NotificationView


class NotificationOut(msgspec.Struct):
    id: str
    kind: Literal["follow", "like", "retweet", "reply", "mention"]
    actor: ProfileSummaryOut
    tweet: TweetOut | None
    message: str
    created_at: datetime
    read: bool


class UnreadCountOut(msgspec.Struct):
    count: int


class MarkReadIn(msgspec.Struct, forbid_unknown_fields=True):
    """Without `up_to`, every notification is marked read."""

    up_to: AnyText | None = None


def notification_out(view: NotificationView) -> NotificationOut:
    n = view.notification
    return NotificationOut(
        id=n.id,
        kind=n.kind.value,
        actor=summary_out(view.actor),
        tweet=tweet_out(view.tweet) if view.tweet is not None else None,
        message=view.message,
        created_at=n.created_at,
        read=n.read,
    )
