"""Telling someone that another profile followed them, liked, retweeted or answered their
tweet, or mentioned them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.tweet import Tweet


class NotificationKind(StrEnum):
    FOLLOW = "follow"
    LIKE = "like"
    RETWEET = "retweet"
    REPLY = "reply"
    MENTION = "mention"


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
            NotificationKind.REPLY: f"{actor_username} replied to your tweet",
            NotificationKind.MENTION: f"{actor_username} mentioned you",
        }[self.kind]


def conversation_notices(tweet: Tweet) -> list[tuple[str, NotificationKind]]:
    """Who a new tweet notifies and how: the answered author with `reply` (not yourself),
    then each mentioned profile with `mention`, except the author and whoever the reply
    already notified. One per profile per tweet."""
    notices: dict[str, NotificationKind] = {tweet.author_id: NotificationKind.REPLY}
    answered = tweet.in_reply_to_author_id
    if answered is not None:
        notices.setdefault(answered, NotificationKind.REPLY)
    for profile_id in tweet.mention_ids:
        notices.setdefault(profile_id, NotificationKind.MENTION)
    del notices[tweet.author_id]
    return list(notices.items())
