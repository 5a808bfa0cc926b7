"""Tweets and the acts around them: likes, retweets and replies."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from datetime import datetime

from domain.errors import InvalidInput
from domain.rules import has_control_characters, normalise_text
from domain.text_entities import check_mention_count, hashtags

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
    # A reply answers one tweet; the answered author is fixed when the reply is written,
    # so both stay as they are when that tweet is deleted later.
    in_reply_to_id: str | None = None
    in_reply_to_author_id: str | None = None
    reply_count: int = 0
    # Profile ids resolved when the tweet is written, in order of first appearance.
    mention_ids: tuple[str, ...] = ()
    # Folded (lower case), distinct, in order of first appearance.
    hashtags: tuple[str, ...] = ()

    @classmethod
    def compose(
        cls,
        *,
        id: str,
        author_id: str,
        text: str,
        has_media: bool,
        created_at: datetime,
        replying_to: Tweet | None = None,
        mention_ids: Sequence[str] = (),
    ) -> Tweet:
        """`mention_ids` are the profiles the text's `@names` name (see `mention_names`)."""
        normalised = valid_tweet_text(text, has_media=has_media)
        return cls(
            id=id,
            author_id=author_id,
            text=normalised,
            created_at=created_at,
            in_reply_to_id=replying_to.id if replying_to else None,
            in_reply_to_author_id=replying_to.author_id if replying_to else None,
            mention_ids=tuple(check_mention_count(list(dict.fromkeys(mention_ids)))),
            hashtags=tuple(hashtags(normalised)),
        )

    @property
    def is_reply(self) -> bool:
        return self.in_reply_to_id is not None

    def shows_in_home_of(self, viewer_id: str, followed_ids: Set[str]) -> bool:
        """The home-timeline rule for replies: a followed author's reply shows only when
        the viewer follows, or is, the author it answers; the viewer's own always show.
        (Whether the author is followed at all is the timeline's concern.)"""
        if self.author_id == viewer_id or self.in_reply_to_author_id is None:
            return True
        answered = self.in_reply_to_author_id
        return answered == viewer_id or answered in followed_ids


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
