"""Tweets and the acts around them: likes and retweets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import InvalidInput
from domain.rules import has_control_characters, normalise_text

MAX_TWEET_LENGTH = 280


def valid_tweet_text(text: str, *, has_media: bool) -> str:
    """At most 280 code points after NFC and trimming; empty only when media carry the tweet."""
    normalised = normalise_text(text)
    if len(normalised) > MAX_TWEET_LENGTH:
        raise InvalidInput.of("text", f"must be at most {MAX_TWEET_LENGTH} characters")
    if not normalised and not has_media:
        raise InvalidInput.of("text", "must not be empty unless the tweet has media")
    if has_control_characters(normalised):
        raise InvalidInput.of("text", "must not contain control characters")
    return normalised


@dataclass(frozen=True)
class Tweet:
    id: str
    author_id: str
    text: str
    created_at: datetime
    like_count: int = 0
    retweet_count: int = 0

    @classmethod
    def compose(
        cls, *, id: str, author_id: str, text: str, has_media: bool, created_at: datetime
    ) -> Tweet:
        return cls(
            id=id,
            author_id=author_id,
            text=valid_tweet_text(text, has_media=has_media),
            created_at=created_at,
        )


@dataclass(frozen=True)
class Like:
    profile_id: str
    tweet_id: str
    created_at: datetime


@dataclass(frozen=True)
class Retweet:
    id: str
    profile_id: str
    tweet_id: str
    created_at: datetime
