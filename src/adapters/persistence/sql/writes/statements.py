"""Hand-written SQL of the hot writes, rendered for SQLite and PostgreSQL by the read
path's Statement. Inserts are built from a domain object's column fields, so a column
added to both needs no change here."""

from __future__ import annotations

import functools

from adapters.persistence.sql.reads.statements import Statement

INSERT_LIKE = Statement(
    "INSERT INTO likes (profile_id, tweet_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
)
DELETE_LIKE = Statement("DELETE FROM likes WHERE profile_id = ? AND tweet_id = ?")
INSERT_RETWEET = Statement(
    "INSERT INTO retweets (id, profile_id, tweet_id, created_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING"
)
DELETE_RETWEET = Statement("DELETE FROM retweets WHERE profile_id = ? AND tweet_id = ?")
INSERT_FOLLOW = Statement(
    "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) "
    "ON CONFLICT DO NOTHING"
)
DELETE_FOLLOW = Statement("DELETE FROM follows WHERE follower_id = ? AND followee_id = ?")
# NULL equals NULL here: a follow notification has no tweet.
_ABOUT = "DELETE FROM notifications WHERE actor_id = ? AND kind = ? AND recipient_id = ? AND "
DELETE_NOTIFICATIONS_ABOUT = Statement(
    _ABOUT + "tweet_id IS ?",
    _ABOUT + "tweet_id IS NOT DISTINCT FROM CAST(? AS varchar)",
)
NOTIFICATION_COLUMNS = ("id", "recipient_id", "kind", "actor_id", "tweet_id", "created_at", "read")
TWEET_COUNTS = {"likes": "like_count", "retweets": "retweet_count", "replies": "reply_count"}
PROFILE_COUNTS = {
    "followers": "followers_count",
    "following": "following_count",
    "tweets": "tweets_count",
}


@functools.cache
def insert_into(table: str, columns: tuple[str, ...]) -> Statement:
    return Statement(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    )


@functools.cache
def add_to_counts(table: str, columns: tuple[str, ...]) -> Statement:
    """`count = count + ?` in the database, never read-modify-write in Python: two
    transactions' increments then add up exactly."""
    changes = ", ".join(f"{column} = {column} + ?" for column in columns)
    return Statement(f"UPDATE {table} SET {changes} WHERE id = ?")
