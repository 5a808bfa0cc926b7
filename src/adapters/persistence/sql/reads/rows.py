"""Domain objects from the rows of statements.py, column for column."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from application.ports.social import EntryRow
from domain.media import Media
from domain.profile import Profile
from domain.token import AccessToken
from domain.tweet import Tweet

Moment = Callable[[Any], datetime]


# A page builds dozens of profiles, tweets and entries from its rows. Their classes are frozen
# dataclasses, whose generated __init__ sets each field through object.__setattr__: about
# three times what filling the new instance's __dict__ costs. Rows hold what the domain
# wrote, so nothing is checked on the way in either way (no class has a __post_init__;
# tests/unit/test_read_rows.py holds them to that and to equality).
_new = object.__new__


def profile_of(row: Any, moment: Moment, at: int = 0) -> Profile:
    """The profile in `row` from column `at` on, in PROFILE_COLUMNS order."""
    profile: Profile = _new(Profile)
    profile.__dict__.update(
        id=row[at],
        username=row[at + 1],
        email=row[at + 2],
        display_name=row[at + 3],
        bio=row[at + 4],
        created_at=moment(row[at + 5]),
        password_hash=row[at + 6],
        picture_key=row[at + 7],
        followers_count=row[at + 8],
        following_count=row[at + 9],
        tweets_count=row[at + 10],
    )
    return profile


def tweet_of(row: Any, moment: Moment, at: int = 0) -> Tweet:
    """The tweet in `row` from column `at` on, in TWEET_COLUMNS order: its mention ids and
    hashtags last, as the row holds them (space-separated, NULL for none)."""
    mentioned, tagged = row[at + 9], row[at + 10]
    tweet: Tweet = _new(Tweet)
    tweet.__dict__.update(
        id=row[at],
        author_id=row[at + 1],
        text=row[at + 2],
        created_at=moment(row[at + 3]),
        like_count=row[at + 4],
        retweet_count=row[at + 5],
        in_reply_to_id=row[at + 6],
        in_reply_to_author_id=row[at + 7],
        reply_count=row[at + 8],
        mention_ids=tuple(mentioned.split()) if mentioned else (),
        hashtags=tuple(tagged.split()) if tagged else (),
    )
    return tweet


def entry_of(tweet_id: str, at: datetime, key: str, retweeted_by_id: str | None) -> EntryRow:
    entry: EntryRow = _new(EntryRow)
    entry.__dict__.update(tweet_id=tweet_id, at=at, key=key, retweeted_by_id=retweeted_by_id)
    return entry


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
        scopes=None if row[5] is None else frozenset(row[5].split()),
        app_id=row[6],
    )


def json_document(document: str | list[Any] | None) -> list[Any]:
    """A JSON array as the driver gives it: text, or already decoded (SQLAlchemy's
    asyncpg connections decode json, which the write path's statements run on)."""
    if not document or document == "[]":
        return []
    return document if isinstance(document, list) else json.loads(document)


def media_list_of(document: str | list[Any] | None, tweet_id: str, moment: Moment) -> list[Media]:
    """A tweet's media from statements.media_json: [id, owner_id, storage_key,
    content_type, width, height, size_bytes, created_at, position] each."""
    return [
        Media(
            id=item[0],
            owner_id=item[1],
            storage_key=item[2],
            content_type=item[3],
            width=item[4],
            height=item[5],
            size_bytes=item[6],
            created_at=moment(item[7]),
            tweet_id=tweet_id,
            position=item[8],
        )
        for item in json_document(document)
    ]
