"""Generating a whole demo data set from a plan, deterministically from its seed.

Each aspect draws from its own generator seeded by the plan's seed and its name, so
asking for pictures, say, leaves the follow graph and the tweets as they were."""

from __future__ import annotations

import random
from datetime import timedelta

from chirp.seeding import content, engagement, graph
from chirp.seeding.dataset import SeedDataset, SeedPlan, username_of
from chirp.seeding.ids import moment, seeded_id
from chirp.seeding.pictures import picture_records
from domain.profile import Profile
from domain.tweet import Tweet

TWEET_WINDOW = timedelta(days=90)
SIGNUP_WINDOW = (timedelta(days=120), timedelta(days=720))
LIKED_SHARE = 0.5
RETWEETED_SHARE = 0.2


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

    pictures, picture_keys = (
        picture_records(plan.seed, profile_ids, joined, tweet_ids, authors, posted)
        if plan.pictures
        else ([], {})
    )
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
            created_at=moment(joined[i]),
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
            created_at=moment(posted[t]),
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


def _between(rng: random.Random, start: float, end: float) -> float:
    return start + rng.random() * (end - start)
