"""The domain rules of follows and notifications."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import InvalidInput
from domain.follow import Follow
from domain.notification import Notification, NotificationKind

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def test_a_follow_joins_two_different_profiles():
    follow = Follow.start(follower_id="a", followee_id="b", created_at=NOW)
    assert (follow.follower_id, follow.followee_id, follow.created_at) == ("a", "b", NOW)


def test_nobody_follows_themselves():
    with pytest.raises(InvalidInput) as raised:
        Follow.start(follower_id="a", followee_id="a", created_at=NOW)
    assert [p.field for p in raised.value.problems] == ["username"]


def notification(recipient: str, actor: str, kind: NotificationKind) -> Notification | None:
    return Notification.about(
        id="n1",
        recipient_id=recipient,
        kind=kind,
        actor_id=actor,
        tweet_id=None if kind is NotificationKind.FOLLOW else "t1",
        created_at=NOW,
    )


@pytest.mark.parametrize("kind", list(NotificationKind))
def test_acting_on_your_own_profile_or_tweet_notifies_nobody(kind):
    assert notification("a", "a", kind) is None


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        (NotificationKind.FOLLOW, "alice followed you"),
        (NotificationKind.LIKE, "alice liked your tweet"),
        (NotificationKind.RETWEET, "alice retweeted your tweet"),
    ],
)
def test_a_notification_starts_unread_and_reads_as_a_sentence(kind, sentence):
    made = notification("b", "a", kind)
    assert made is not None
    assert (made.recipient_id, made.actor_id, made.kind, made.read) == ("b", "a", kind, False)
    assert made.message("alice") == sentence
