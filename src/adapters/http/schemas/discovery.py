"""Bodies and parameters of threads, hashtags, trending, search and suggestions. The
input rules live here once, as constraints, so the OpenAPI document states them."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar.params import Parameter

from adapters.http.schemas.accounts import ProfileSummaryOut
from adapters.http.schemas.rules import trimmed_query_pattern
from adapters.http.schemas.tweets import TweetOut
from adapters.http.schemas.word_characters import LETTER_OR_UNDERSCORE, WORD_CHARACTER
from application.ports.conversations import TagCount
from domain.search import PROFILE_QUERY_MAX, TWEET_QUERY_MAX
from domain.text_entities import HASHTAG_MAX

TweetQueryParam = Annotated[
    str,
    Parameter(
        min_length=1,
        max_length=TWEET_QUERY_MAX,
        # Trimmed, it holds a word character: every word, #tag and @name has one.
        pattern=rf"(?=[\s\S]*{WORD_CHARACTER}){trimmed_query_pattern(TWEET_QUERY_MAX)}",
        description="Words (each matches a word or a word start), #tags and @names; "
        "every one must match",
    ),
]
ProfileQueryParam = Annotated[
    str,
    Parameter(
        min_length=1,
        max_length=PROFILE_QUERY_MAX,
        pattern=trimmed_query_pattern(PROFILE_QUERY_MAX),
        description="Start of a username or of a word of a display name, any case",
    ),
]
HashtagParam = Annotated[
    str,
    Parameter(
        min_length=1,
        max_length=HASHTAG_MAX,
        pattern=f"^{WORD_CHARACTER}*{LETTER_OR_UNDERSCORE}{WORD_CHARACTER}*$",
        description="The tag without `#`, any case: letters, digits, `_`, not only digits",
    ),
]


class TweetListOut(msgspec.Struct):
    items: list[TweetOut]


class TagCountOut(msgspec.Struct):
    tag: str
    tweets: Annotated[int, msgspec.Meta(ge=1)]


class TrendingOut(msgspec.Struct):
    items: list[TagCountOut]


class ProfileSummaryListOut(msgspec.Struct):
    items: list[ProfileSummaryOut]


def trending_out(counts: list[TagCount]) -> TrendingOut:
    return TrendingOut(items=[TagCountOut(tag=c.tag, tweets=c.tweets) for c in counts])
