"""Who and what the scenarios ask for, picked from the database the server will use,
with a fixed seed, so every run on a data set aims at the same tweets and people."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass

from sqlalchemy import text

from adapters.persistence.sql.engine import create_engine

SAMPLED_TWEETS = 20_000
SAMPLED_PROFILES = 2_000
FULL_PAGE = 21  # a first page that is a full page (20 entries) at every data-set size
FEWEST_FULL = 50
DEEP_PROFILES = 40
WRITERS = 100


@dataclass(frozen=True)
class Subjects:
    tweet_ids: list[str]
    usernames: list[str]
    deep_usernames: list[str]
    writers: list[str]
    following_300: str
    following_300_count: int
    following_2000: str
    following_2000_count: int


@dataclass(frozen=True)
class _Profile:
    username: str
    tweets: int
    following: int


def _closest(profiles: list[_Profile], following: int) -> _Profile:
    return min(profiles, key=lambda p: (abs(p.following - following), p.username))


async def _read(url: str) -> tuple[list[str], list[_Profile]]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            tweets = (await connection.execute(text("SELECT id FROM tweets ORDER BY id"))).all()
            profiles = (
                await connection.execute(
                    text(
                        "SELECT username, tweets_count, following_count FROM profiles "
                        "ORDER BY username"
                    )
                )
            ).all()
    finally:
        await engine.dispose()
    return [row[0] for row in tweets], [_Profile(*row) for row in profiles]


def pick_subjects(url: str) -> Subjects:
    """First pages go to profiles with a full page of tweets, so a page costs the same
    work at 10,000 tweets as at 1,000,000 (when too few have one: the busiest)."""
    tweet_ids, profiles = asyncio.run(_read(url))
    rng = random.Random(7)
    busiest = sorted(profiles, key=lambda p: (-p.tweets, p.username))
    full = [p for p in profiles if p.tweets >= FULL_PAGE]
    if len(full) < FEWEST_FULL:
        full = busiest[:FEWEST_FULL]
    at_300, at_2000 = _closest(profiles, 300), _closest(profiles, 2000)
    return Subjects(
        tweet_ids=rng.sample(tweet_ids, min(SAMPLED_TWEETS, len(tweet_ids))),
        usernames=[p.username for p in rng.sample(full, min(SAMPLED_PROFILES, len(full)))],
        deep_usernames=[p.username for p in busiest[:DEEP_PROFILES]],
        writers=[p.username for p in rng.sample(profiles, min(WRITERS, len(profiles)))],
        following_300=at_300.username,
        following_300_count=at_300.following,
        following_2000=at_2000.username,
        following_2000_count=at_2000.following,
    )
