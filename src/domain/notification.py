"""Telling someone that another profile followed them, or liked or retweeted their tweet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class NotificationKind(StrEnum):
    FOLLOW = "follow"
    LIKE = "like"
    RETWEET = "retweet"


@dataclass(frozen=True)
class Notification:
    id: str
    recipient_id: str
    kind: NotificationKind
    actor_id: str
    tweet_id: str | None
    created_at: datetime
    read: bool = False

    @classmethod
    def about(
        cls,
        *,
        id: str,
        recipient_id: str,
        kind: NotificationKind,
        actor_id: str,
        tweet_id: str | None,
        created_at: datetime,
    ) -> Notification | None:
        """None when the actor acts on their own profile or tweet: nobody is notified."""
        if recipient_id == actor_id:
            return None
        return cls(id, recipient_id, kind, actor_id, tweet_id, created_at)

    def message(self, actor_username: str) -> str:
        return {
            NotificationKind.FOLLOW: f"{actor_username} followed you",
            NotificationKind.LIKE: f"{actor_username} liked your tweet",
            NotificationKind.RETWEET: f"{actor_username} retweeted your tweet",
        }[self.kind]
