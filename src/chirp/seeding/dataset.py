"""Generating a whole demo data set from a plan, deterministically from its seed.

Rows are kept compact (indices and timestamps) and turned into domain objects only when
written, so a large plan does not need a domain object per row in memory at once."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from chirp.seeding import content, engagement, graph
from chirp.seeding.ids import seeded_id
from chirp.seeding.pictures import Picture, avatar_variants, extension_of, photo_variants
from domain.follow import Follow
from domain.media import Media
from domain.notification import Notification, NotificationKind
from domain.profile import Profile
from domain.tweet import Like, Retweet, Tweet

SEED_PASSWORD = "password123"
TWEET_WINDOW = timedelta(days=90)
SIGNUP_WINDOW = (timedelta(days=120), timedelta(days=720))
READ_AFTER = timedelta(days=2)
AVATAR_SHARE = 0.7
PHOTO_SHARE = 0.05
LIKED_SHARE = 0.5
RETWEETED_SHARE = 0.2


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


@dataclass(frozen=True)
class SeedPicture:
    media: Media
    picture: Picture


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
            "notifications": self._notification_count() if self.plan.notifications else 0,
        }

    def follows(self) -> Iterator[Follow]:
        ids = [p.id for p in self.profiles]
        for follower, followee, at in self._follows:
            yield Follow(ids[follower], ids[followee], _moment(at))

    def likes(self) -> Iterator[Like]:
        for profile, tweet, at in self._likes:
            yield Like(self.profiles[profile].id, self.tweets[tweet].id, _moment(at))

    def retweets(self) -> Iterator[Retweet]:
        for profile, tweet, at, retweet_id in self._retweets:
            yield Retweet(retweet_id, self.profiles[profile].id, self.tweets[tweet].id, _moment(at))

    def notifications(self) -> Iterator[Notification]:
        """One per follow, like and retweet, except on one's own tweet; older ones read."""
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
                created_at=_moment(at),
                read=at < read_before,
            )

    def _notification_count(self) -> int:
        authors = self._tweet_authors
        own = sum(1 for p, t, _ in self._likes if authors[t] == p)
        own += sum(1 for p, t, _, _ in self._retweets if authors[t] == p)
        return len(self._follows) + len(self._likes) + len(self._retweets) - own


def _between(rng: random.Random, start: float, end: float) -> float:
    return start + rng.random() * (end - start)


def _moment(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def build_dataset(plan: SeedPlan, password_hash: str) -> SeedDataset:
    """Every profile gets `password_hash` (hash SEED_PASSWORD once and pass it in)."""
    if plan.profiles < 1 or plan.tweets < 0:
        raise ValueError("a seed needs at least one profile and no negative tweet count")
    rng = random.Random(f"{plan.seed}:profiles")
    end = plan.until.timestamp()
    tweet_start = end - TWEET_WINDOW.total_seconds()
    joined = [
        end - rng.uniform(SIGNUP_WINDOW[0].total_seconds(), SIGNUP_WINDOW[1].total_seconds())
        for _ in range(plan.profiles)
    ]
    profile_ids = [seeded_id(rng, at) for at in joined]
    names = [content.display_name(rng) for _ in joined]
    bios = [content.bio(rng) for _ in joined]

    graph_rng = random.Random(f"{plan.seed}:follows")
    following = graph.follow_graph(graph_rng, graph.popularity_weights(graph_rng, plan.profiles))
    followers = graph.followers_of(following)
    follows = [
        (follower, followee, _between(graph_rng, max(joined[follower], joined[followee]), end))
        for follower, followees in enumerate(following)
        for followee in followees
    ]

    tweet_rng = random.Random(f"{plan.seed}:tweets")
    activity = [tweet_rng.lognormvariate(0, 1.2) for _ in range(plan.profiles)]
    authors = tweet_rng.choices(range(plan.profiles), weights=activity, k=plan.tweets)
    posted = [tweet_rng.uniform(tweet_start, end) for _ in authors]
    tweet_ids = [seeded_id(tweet_rng, at) for at in posted]
    texts = [_text(tweet_rng, following[a]) for a in authors]

    reach = [(1 + len(followers[a])) ** 0.5 for a in authors]
    likes, like_counts = _engagement(
        random.Random(f"{plan.seed}:likes"),
        plan,
        (authors, posted, followers, reach),
        plan.likes_per_tweet,
        LIKED_SHARE,
    )
    retweet_rng = random.Random(f"{plan.seed}:retweets")
    retweet_rows, retweet_counts = _engagement(
        retweet_rng,
        plan,
        (authors, posted, followers, reach),
        plan.retweets_per_tweet,
        RETWEETED_SHARE,
    )
    retweets = [(p, t, at, seeded_id(retweet_rng, at)) for p, t, at in retweet_rows]

    pictures, picture_keys = _pictures(plan, profile_ids, joined, tweet_ids, authors, posted)
    tweets_count = [0] * plan.profiles
    for author in authors:
        tweets_count[author] += 1
    profiles = [
        Profile(
            id=profile_ids[i],
            username=username_of(i + 1),
            email=f"{username_of(i + 1)}@example.com",
            display_name=names[i],
            bio=bios[i],
            created_at=_moment(joined[i]),
            password_hash=password_hash,
            picture_key=picture_keys.get(i),
            followers_count=len(followers[i]),
            following_count=len(following[i]),
            tweets_count=tweets_count[i],
        )
        for i in range(plan.profiles)
    ]
    tweets = [
        Tweet(
            id=tweet_ids[t],
            author_id=profile_ids[authors[t]],
            text=texts[t],
            created_at=_moment(posted[t]),
            like_count=like_counts[t],
            retweet_count=retweet_counts[t],
        )
        for t in range(plan.tweets)
    ]
    return SeedDataset(plan, profiles, tweets, pictures, follows, likes, retweets, authors)


def _text(rng: random.Random, followees: list[int]) -> str:
    mention = None
    if followees and rng.random() < 0.1:
        mention = username_of(followees[rng.randrange(len(followees))] + 1)
    return content.tweet_text(rng, mention)


def _engagement(
    rng: random.Random,
    plan: SeedPlan,
    tweets: tuple[list[int], list[float], list[list[int]], list[float]],
    mean: float,
    share: float,
) -> tuple[list[tuple[int, int, float]], list[int]]:
    authors, posted, followers, reach = tweets
    end = plan.until.timestamp()
    counts = engagement.engagement_counts(rng, reach, mean, plan.profiles - 1, share)
    rows = [
        (profile, tweet, engagement.moment_after(rng, posted[tweet], end))
        for tweet, wanted in enumerate(counts)
        for profile in engagement.engagers(
            rng, wanted, authors[tweet], followers[authors[tweet]], plan.profiles
        )
    ]
    return rows, counts


def _pictures(
    plan: SeedPlan,
    profile_ids: list[str],
    joined: list[float],
    tweet_ids: list[str],
    authors: list[int],
    posted: list[float],
) -> tuple[list[SeedPicture], dict[int, str]]:
    if not plan.pictures:
        return [], {}
    rng = random.Random(f"{plan.seed}:pictures")
    avatars, photos = avatar_variants(rng), photo_variants(rng)
    pictures: list[SeedPicture] = []
    picture_keys: dict[int, str] = {}

    def add(picture: Picture, owner: int, at: float, tweet: int | None, position: int) -> str:
        key = f"{rng.getrandbits(128):032x}.{extension_of(picture.content_type)}"
        media = Media(
            id=seeded_id(rng, at),
            owner_id=profile_ids[owner],
            storage_key=key,
            content_type=picture.content_type,
            width=picture.width,
            height=picture.height,
            size_bytes=len(picture.data),
            created_at=_moment(at),
            tweet_id=tweet_ids[tweet] if tweet is not None else None,
            position=position if tweet is not None else None,
        )
        pictures.append(SeedPicture(media, picture))
        return key

    for profile, at in enumerate(joined):
        if rng.random() < AVATAR_SHARE:
            picture_keys[profile] = add(rng.choice(avatars), profile, at, None, 0)
    for tweet, author in enumerate(authors):
        if rng.random() < PHOTO_SHARE:
            for position in range(rng.choice((1, 1, 1, 2))):
                add(rng.choice(photos), author, posted[tweet], tweet, position)
    return pictures, picture_keys
