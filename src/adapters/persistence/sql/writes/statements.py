"""Hand-written SQL of the hot writes (SQLite). Inserts are built from a domain object's
fields, which are its table's columns, so a field added to both needs no change here."""

from __future__ import annotations

import functools

INSERT_LIKE = (
    "INSERT INTO likes (profile_id, tweet_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
)
DELETE_LIKE = "DELETE FROM likes WHERE profile_id = ? AND tweet_id = ?"
INSERT_RETWEET = (
    "INSERT INTO retweets (id, profile_id, tweet_id, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING"
)
DELETE_RETWEET = "DELETE FROM retweets WHERE profile_id = ? AND tweet_id = ?"
INSERT_FOLLOW = (
    "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) "
    "ON CONFLICT DO NOTHING"
)
DELETE_FOLLOW = "DELETE FROM follows WHERE follower_id = ? AND followee_id = ?"
# `IS` compares NULL with NULL as equal: a follow notification has no tweet.
DELETE_NOTIFICATIONS_ABOUT = (
    "DELETE FROM notifications WHERE actor_id = ? AND kind = ? AND recipient_id = ? "
    "AND tweet_id IS ?"
)
NOTIFICATION_COLUMNS = ("id", "recipient_id", "kind", "actor_id", "tweet_id", "created_at", "read")
TWEET_COUNTS = {"likes": "like_count", "retweets": "retweet_count", "replies": "reply_count"}
PROFILE_COUNTS = {
    "followers": "followers_count",
    "following": "following_count",
    "tweets": "tweets_count",
}


@functools.cache
def insert_into(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


@functools.cache
def add_to_counts(table: str, columns: tuple[str, ...]) -> str:
    """`count = count + ?` in the database, never read-modify-write in Python: two
    transactions' increments then add up exactly."""
    changes = ", ".join(f"{column} = {column} + ?" for column in columns)
    return f"UPDATE {table} SET {changes} WHERE id = ?"
