"""One realistic example per body, shown in the browsable docs at /schema."""

from __future__ import annotations

from typing import Any

from adapters.http.controllers.health import HealthOut
from adapters.http.schemas.accounts import (
    LoginIn,
    MeOut,
    PasswordChangeIn,
    ProfileOut,
    ProfilePatchIn,
    ProfileSummaryOut,
    SignupIn,
    TokenOut,
)
from adapters.http.schemas.media import MediaOut
from adapters.http.schemas.notifications import MarkReadIn, NotificationOut, UnreadCountOut
from adapters.http.schemas.tweets import EntryOut, TweetIn, TweetOut

WHEN = "2026-11-25T14:03:07.123456Z"
# Litestar leaves null values out of the examples it renders, which would make them miss
# required fields: every example field holds a value (a test validates each one).
ALICE = {"username": "alice", "display_name": "Alice", "picture_url": "/media/a7Kp3mW9.png"}
BOB = {"username": "bob", "display_name": "Bob", "picture_url": "/media/q8Fz2kXo.jpg"}
PROFILE = {
    **ALICE,
    "bio": "Writes about birds.",
    "created_at": WHEN,
    "followers_count": 12,
    "following_count": 40,
    "tweets_count": 7,
    "followed_by_me": False,
}
MEDIA = {
    "id": "01JD3M5Q9XK2V7T8R4B6N0PZ1C",
    "url": "/media/T3xq0Lr9s8VbK2mN4pQ6wE1yU5iO7aZc.jpg",
    "content_type": "image/jpeg",
    "width": 1200,
    "height": 800,
    "size_bytes": 182733,
}
TWEET = {
    "id": "01JD3M7B2C4D6E8F0G1H3J5K7M",
    "author": ALICE,
    "text": "@bob the first swallows are back #birds",
    "media": [MEDIA],
    "like_count": 3,
    "retweet_count": 1,
    "created_at": WHEN,
    "liked_by_me": False,
    "retweeted_by_me": False,
    "in_reply_to_id": "01JD3M6Z8Y6X4W2V0T9S7R5Q3P",
    "in_reply_to": BOB,
    "reply_count": 2,
    "mentions": [BOB],
    "hashtags": ["birds"],
}

EXAMPLES: dict[type, dict[str, Any]] = {
    SignupIn: {
        "username": "alice",
        "email": "alice@example.com",
        "password": "correct horse battery",
        "display_name": "Alice",
    },
    LoginIn: {"username": "alice", "password": "correct horse battery"},
    ProfilePatchIn: {"display_name": "Alice B.", "bio": "Writes about birds."},
    PasswordChangeIn: {
        "current_password": "correct horse battery",
        "new_password": "a much longer passphrase",
    },
    TokenOut: {
        "access_token": "Zq9yW1sV3kq0q8WmJc2bS5m1xQeZ8nL4tR7uP0aYd6E",
        "token_type": "bearer",
        "expires_at": "2026-12-25T14:03:07.123456Z",
    },
    ProfileSummaryOut: BOB,
    ProfileOut: PROFILE,
    MeOut: {**PROFILE, "email": "alice@example.com"},
    MediaOut: MEDIA,
    # Runs as it stands: a media id would have to be one of your own uploads.
    TweetIn: {"text": "Hello, Chirp!"},
    TweetOut: TWEET,
    EntryOut: {"tweet": TWEET, "retweeted_by": BOB, "at": "2026-11-25T15:10:00.000000Z"},
    NotificationOut: {
        "id": "01JD3N0A1B2C3D4E5F6G7H8J9K",
        "kind": "like",
        "actor": BOB,
        "tweet": TWEET,
        "message": "bob liked your tweet",
        "created_at": WHEN,
        "read": False,
    },
    UnreadCountOut: {"count": 2},
    MarkReadIn: {},  # every notification; `up_to` takes the id of one of yours
    HealthOut: {"status": "ok"},
}


def example_of(struct: type) -> dict[str, Any] | None:
    return EXAMPLES.get(struct)
