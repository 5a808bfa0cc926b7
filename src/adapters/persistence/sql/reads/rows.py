"""Domain objects from the rows of statements.py, column for column."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.media import Media
from domain.profile import Profile
from domain.token import AccessToken
from domain.tweet import Tweet

Moment = Callable[[Any], datetime]


def profile_of(row: Any, moment: Moment) -> Profile:
    return Profile(
        id=row[0],
        username=row[1],
        email=row[2],
        display_name=row[3],
        bio=row[4],
        created_at=moment(row[5]),
        password_hash=row[6],
        picture_key=row[7],
        followers_count=row[8],
        following_count=row[9],
        tweets_count=row[10],
    )


def tweet_of(row: Any, moment: Moment) -> Tweet:
    return Tweet(
        id=row[0],
        author_id=row[1],
        text=row[2],
        created_at=moment(row[3]),
        like_count=row[4],
        retweet_count=row[5],
    )


def media_of(row: Any, moment: Moment) -> Media:
    return Media(
        id=row[0],
        owner_id=row[1],
        storage_key=row[2],
        content_type=row[3],
        width=row[4],
        height=row[5],
        size_bytes=row[6],
        created_at=moment(row[7]),
        tweet_id=row[8],
        position=row[9],
    )


def token_of(row: Any, moment: Moment, flag: Callable[[Any], bool]) -> AccessToken:
    return AccessToken(
        digest=row[0],
        profile_id=row[1],
        created_at=moment(row[2]),
        expires_at=moment(row[3]),
        revoked=flag(row[4]),
    )
