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
from domain.profile import Profile, username_key
from domain.text_entities import MAX_MENTIONS, hashtags, mention_names
from domain.tweet import Tweet

TWEET_WINDOW = timedelta(days=90)
SIGNUP_WINDOW = (timedelta(days=120), timedelta(days=720))
LIKED_SHARE = 0.5
RETWEETED_SHARE = 0.2
REPLY_SHARE = 0.2
# A reply answers one of the tweets written shortly before it, mostly one of the latest.
REPLY_REACH = 40.0


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
    parents = _reply_parents(random.Random(f"{plan.seed}:replies"), posted)
    for t, parent in enumerate(parents):
        if parent is not None:  # a reply names whom it answers, as people write them
            texts[t] = f"@{username_of(authors[parent] + 1)} {texts[t]}"[:280].strip()
    reply_counts = [0] * plan.tweets
    for parent in parents:
        if parent is not None:
            reply_counts[parent] += 1
    answered = [None if p is None else tweet_ids[p] for p in parents]
    answered_author = [None if p is None else profile_ids[authors[p]] for p in parents]
    id_of_name = {username_key(username_of(i + 1)): profile_ids[i] for i in range(plan.profiles)}

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
            in_reply_to_id=answered[t],
            in_reply_to_author_id=answered_author[t],
            reply_count=reply_counts[t],
            mention_ids=_mentioned(texts[t], id_of_name),
            hashtags=tuple(hashtags(texts[t])),
        )
        for t in range(plan.tweets)
    ]
    return SeedDataset(plan, profiles, tweets, pictures, follows, likes, retweets, authors)


def _reply_parents(rng: random.Random, posted: list[float]) -> list[int | None]:
    """For each tweet, the tweet it answers (an older one) or None."""
    by_time = sorted(range(len(posted)), key=posted.__getitem__)
    parents: list[int | None] = [None] * len(posted)
    for rank, tweet in enumerate(by_time):
        if rank and rng.random() < REPLY_SHARE:
            back = min(rank, 1 + int(rng.expovariate(1 / REPLY_REACH)))
            parents[tweet] = by_time[rank - back]
    return parents


def _mentioned(text: str, id_of_name: dict[str, str]) -> tuple[str, ...]:
    keys = (username_key(name) for name in mention_names(text))
    return tuple(id_of_name[key] for key in keys if key in id_of_name)[:MAX_MENTIONS]


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
