"""A demo data set and the plan it is generated from (see generate.py).

Rows are kept compact (indices and timestamps) and turned into domain objects only when
written, so a large plan does not need a domain object per row in memory at once."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from chirp.seeding.ids import moment, seeded_id
from chirp.seeding.pictures import SeedPicture
from domain.follow import Follow
from domain.notification import Notification, NotificationKind, conversation_notices
from domain.profile import Profile
from domain.tweet import Like, Retweet, Tweet

SEED_PASSWORD = "password123"
READ_AFTER = timedelta(days=2)


def username_of(number: int) -> str:
    return f"user{number:05d}"


@dataclass(frozen=True)
class SeedPlan:
    profiles: int
    tweets: int
    seed: int = 1
    until: datetime = field(default_factory=lambda: datetime.now(UTC))
    likes_per_tweet: float = 4.0
    retweets_per_tweet: float = 0.5
    pictures: bool = False
    notifications: bool = True


@dataclass
class SeedDataset:
    plan: SeedPlan
    profiles: list[Profile]
    tweets: list[Tweet]
    pictures: list[SeedPicture]
    _follows: list[tuple[int, int, float]]
    _likes: list[tuple[int, int, float]]
    _retweets: list[tuple[int, int, float, str]]
    _tweet_authors: list[int]

    def sizes(self) -> dict[str, int]:
        return {
            "profiles": len(self.profiles),
            "media": len(self.pictures),
            "tweets": len(self.tweets),
            "follows": len(self._follows),
            "likes": len(self._likes),
            "retweets": len(self._retweets),
            "tweet_mentions": sum(len(t.mention_ids) for t in self.tweets),
            "tweet_hashtags": sum(len(t.hashtags) for t in self.tweets),
            "notifications": self._notification_count() if self.plan.notifications else 0,
        }

    def follows(self) -> Iterator[Follow]:
        ids = [p.id for p in self.profiles]
        for follower, followee, at in self._follows:
            yield Follow(ids[follower], ids[followee], moment(at))

    def likes(self) -> Iterator[Like]:
        for profile, tweet, at in self._likes:
            yield Like(self.profiles[profile].id, self.tweets[tweet].id, moment(at))

    def retweets(self) -> Iterator[Retweet]:
        for profile, tweet, at, retweet_id in self._retweets:
            yield Retweet(retweet_id, self.profiles[profile].id, self.tweets[tweet].id, moment(at))

    def notifications(self) -> Iterator[Notification]:
        """One per follow, like and retweet, except on one's own tweet, and the replies'
        and mentions' (see conversation_notices); older ones read."""
        if not self.plan.notifications:
            return
        rng = random.Random(f"{self.plan.seed}:notifications")
        read_before = (self.plan.until - READ_AFTER).timestamp()
        ids = [p.id for p in self.profiles]
        acts: Iterator[tuple[NotificationKind, int, int, int | None, float]] = itertools.chain(
            ((NotificationKind.FOLLOW, f, e, None, at) for f, e, at in self._follows),
            ((NotificationKind.LIKE, p, self._tweet_authors[t], t, at) for p, t, at in self._likes),
            (
                (NotificationKind.RETWEET, p, self._tweet_authors[t], t, at)
                for p, t, at, _ in self._retweets
            ),
        )
        for kind, actor, recipient, tweet, at in acts:
            if actor == recipient:
                continue
            yield Notification(
                id=seeded_id(rng, at),
                recipient_id=ids[recipient],
                kind=kind,
                actor_id=ids[actor],
                tweet_id=self.tweets[tweet].id if tweet is not None else None,
                created_at=moment(at),
                read=at < read_before,
            )
        for written in self.tweets:
            at = written.created_at.timestamp()
            for recipient_id, kind in conversation_notices(written):
                yield Notification(
                    id=seeded_id(rng, at),
                    recipient_id=recipient_id,
                    kind=kind,
                    actor_id=written.author_id,
                    tweet_id=written.id,
                    created_at=written.created_at,
                    read=at < read_before,
                )

    def _notification_count(self) -> int:
        authors = self._tweet_authors
        own = sum(1 for p, t, _ in self._likes if authors[t] == p)
        own += sum(1 for p, t, _, _ in self._retweets if authors[t] == p)
        conversations = sum(len(conversation_notices(t)) for t in self.tweets)
        return len(self._follows) + len(self._likes) + len(self._retweets) - own + conversations
