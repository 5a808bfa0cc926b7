"""Bodies of the tweet and timeline endpoints."""

from __future__ import annotations

from datetime import datetime

import msgspec

from adapters.http.schemas.accounts import ProfileSummaryOut, summary_out
from adapters.http.schemas.media import MediaOut, media_out
from adapters.http.schemas.rules import AnyText, MediaIds, TweetText
from application.tweets.views import EntryView, TweetView


class TweetIn(msgspec.Struct, forbid_unknown_fields=True):
    text: TweetText
    media_ids: MediaIds = msgspec.field(default_factory=list)
    in_reply_to_id: AnyText | None = None


class TweetOut(msgspec.Struct):
    id: str
    author: ProfileSummaryOut
    text: str
    media: list[MediaOut]
    like_count: int
    retweet_count: int
    created_at: datetime
    liked_by_me: bool
    retweeted_by_me: bool
    in_reply_to_id: str | None
    in_reply_to: ProfileSummaryOut | None
    reply_count: int
    mentions: list[ProfileSummaryOut]
    hashtags: list[str]


class EntryOut(msgspec.Struct):
    tweet: TweetOut
    retweeted_by: ProfileSummaryOut | None
    at: datetime


def tweet_out(view: TweetView) -> TweetOut:
    tweet = view.tweet
    return TweetOut(
        id=tweet.id,
        author=summary_out(view.author),
        text=tweet.text,
        media=[media_out(m) for m in view.media],
        like_count=tweet.like_count,
        retweet_count=tweet.retweet_count,
        created_at=tweet.created_at,
        liked_by_me=view.liked_by_me,
        retweeted_by_me=view.retweeted_by_me,
        in_reply_to_id=tweet.in_reply_to_id,
        in_reply_to=summary_out(view.in_reply_to) if view.in_reply_to else None,
        reply_count=tweet.reply_count,
        mentions=[summary_out(p) for p in view.mentions],
        hashtags=list(tweet.hashtags),
    )


def entry_out(view: EntryView) -> EntryOut:
    return EntryOut(
        tweet=tweet_out(view.tweet),
        retweeted_by=summary_out(view.retweeted_by) if view.retweeted_by else None,
        at=view.at,
    )
