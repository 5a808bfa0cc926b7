"""Each act of application.ports.acts as one PostgreSQL statement: data-modifying CTEs
that read the row acted on, write the act if it changes anything, move the counts and
the notification only when it did, and return what the answer shows.

Every part of a statement sees the rows as they were when it began, so the answer takes
the counts from the UPDATE's RETURNING when it ran (the UPDATE itself adds to the row's
latest version: concurrent acts add up exactly), and the viewer's flag of this very act
from what the act now is, not from the table. An act that changed nothing may have
waited for a concurrent one (the same like, committed meanwhile): its counts are read
with FOR SHARE after that wait (`current`), which gives the row's latest version too."""

from __future__ import annotations

from adapters.persistence.sql.reads.statements import (
    PROFILE_COLUMNS,
    columns,
    media_json,
)

# profile_of's order: its counts are the last three columns.
_PROFILE_FIXED = [name.strip() for name in PROFILE_COLUMNS.split(",")][:8]
_PROFILE_COUNTS = ("followers_count", "following_count", "tweets_count")
_PROFILE_COUNTS_TEXT = ", ".join(_PROFILE_COUNTS)
# The profiles a tweet's answer names besides its author: the answered author and the
# mentioned ones, as one JSON array of arrays in PROFILE_COLUMNS order (one list of ids,
# so that the primary key finds them: an OR of the two would scan every profile).
_NAMED_PROFILES = (
    f"(SELECT json_agg(json_build_array({columns('p', PROFILE_COLUMNS)})) FROM profiles AS p "
    "WHERE p.id = ANY(ARRAY(SELECT profile_id FROM tweet_mentions WHERE tweet_id = t.id) "
    "|| t.in_reply_to_author_id))"
)


def _count(column: str) -> str:
    return f"COALESCE((SELECT {column} FROM counted), (SELECT {column} FROM current), t.{column})"


def _current(table: str, key: str, moved: str, counts: str) -> str:
    return (
        f"current AS (SELECT {counts} FROM {table} WHERE id = {key} "
        f"AND NOT EXISTS (SELECT 1 FROM {moved}) FOR SHARE)"
    )


_TWEET_COUNTS = "like_count, retweet_count, reply_count"


def _answer(acted: str, other_table: str, acted_first: bool) -> str:
    """The tweet after the act, in the read path's row order: TWEET_COLUMNS (the counts
    from `counted` when it moved them; the entities are on the row), the author, the
    media, the named profiles, then liked_by_me and retweeted_by_me, `acted` being this
    act's own flag."""
    other = (
        f"EXISTS (SELECT 1 FROM {other_table} AS o WHERE o.profile_id = $1 AND o.tweet_id = t.id)"
    )
    flags = f"{acted}, {other}" if acted_first else f"{other}, {acted}"
    return (
        f"SELECT t.id, t.author_id, t.text, t.created_at, {_count('like_count')}, "
        f"{_count('retweet_count')}, t.in_reply_to_id, t.in_reply_to_author_id, "
        f"{_count('reply_count')}, t.mention_ids, t.hashtags, {columns('a', PROFILE_COLUMNS)}, "
        f"{media_json('t.id', 't.media_count')[1]}, {_NAMED_PROFILES}, {flags} "
        "FROM tweets AS t JOIN profiles AS a ON a.id = t.author_id WHERE t.id = $2"
    )


def _do(table: str, inserted: str, values: str, count: str, other: str, is_like: bool) -> str:
    """$1 actor, $2 tweet, $3 moment, $4 notification id, $5 its kind; then the row's
    own values."""
    return (
        "WITH found AS (SELECT id, author_id FROM tweets WHERE id = $2::varchar), "
        f"added AS (INSERT INTO {table} ({inserted}) SELECT {values} FROM found "
        "ON CONFLICT DO NOTHING RETURNING tweet_id), "
        f"counted AS (UPDATE tweets SET {count} = {count} + 1 "
        "WHERE id = (SELECT tweet_id FROM added) RETURNING like_count, retweet_count, "
        "reply_count), "
        "notified AS (INSERT INTO notifications "
        "(id, recipient_id, kind, actor_id, tweet_id, created_at, read) "
        "SELECT $4::varchar, found.author_id, $5::varchar, $1, found.id, $3, false FROM found "
        "WHERE found.author_id <> $1 AND EXISTS (SELECT 1 FROM added)), "
        f"{_current('tweets', '$2', 'added', _TWEET_COUNTS)} "
        + _answer("true", other, acted_first=is_like)
    )


def _undo(table: str, count: str, other: str, is_like: bool) -> str:
    """$1 actor, $2 tweet, $3 the notification's kind."""
    return (
        "WITH found AS (SELECT id, author_id FROM tweets WHERE id = $2::varchar), "
        f"removed AS (DELETE FROM {table} WHERE profile_id = $1::varchar "
        "AND tweet_id = (SELECT id FROM found) RETURNING tweet_id), "
        f"counted AS (UPDATE tweets SET {count} = {count} - 1 "
        "WHERE id = (SELECT tweet_id FROM removed) RETURNING like_count, retweet_count, "
        "reply_count), "
        "unnotified AS (DELETE FROM notifications WHERE actor_id = $1 AND kind = $3::varchar "
        "AND recipient_id = (SELECT author_id FROM found) AND tweet_id = $2 "
        "AND EXISTS (SELECT 1 FROM removed)), "
        f"{_current('tweets', '$2', 'removed', _TWEET_COUNTS)} "
        + _answer("false", other, acted_first=is_like)
    )


_LIKE_ROW = ("profile_id, tweet_id, created_at", "$1::varchar, found.id, $3::timestamptz")
_RETWEET_ROW = (
    "id, profile_id, tweet_id, created_at",
    "$6::varchar, $1::varchar, found.id, $3::timestamptz",
)
LIKE = _do("likes", *_LIKE_ROW, "like_count", "retweets", is_like=True)
RETWEET = _do("retweets", *_RETWEET_ROW, "retweet_count", "likes", is_like=False)
UNLIKE = _undo("likes", "like_count", "retweets", is_like=True)
UNDO_RETWEET = _undo("retweets", "retweet_count", "likes", is_like=False)


def _followee_answer() -> str:
    counts = ", ".join(
        f"COALESCE((SELECT {c} FROM counted WHERE counted.id = f.id), "
        f"(SELECT {c} FROM current), f.{c})"
        for c in _PROFILE_COUNTS
    )
    return f"SELECT {', '.join(f'f.{c}' for c in _PROFILE_FIXED)}, {counts} FROM found AS f"


# Both profiles' rows are locked in id order before either is updated, so two people
# following each other at the same moment cannot deadlock.
_BOTH_IN_ID_ORDER = (
    "(SELECT id FROM profiles WHERE id = ANY(ARRAY[$1, (SELECT followee_id FROM {moved})]) "
    "AND EXISTS (SELECT 1 FROM {moved}) ORDER BY id FOR NO KEY UPDATE) AS locked"
)


def _moved_counts(moved: str, delta: str) -> str:
    return (
        f"counted AS (UPDATE profiles AS p SET "
        f"following_count = p.following_count + CASE WHEN p.id = $1 THEN {delta} ELSE 0 END, "
        f"followers_count = p.followers_count + CASE WHEN p.id = $1 THEN 0 ELSE {delta} END "
        f"FROM {_BOTH_IN_ID_ORDER.format(moved=moved)} WHERE p.id = locked.id "
        f"RETURNING p.id, p.followers_count, p.following_count, p.tweets_count)"
    )


_FOUND_BY_NAME = (
    f"found AS (SELECT {PROFILE_COLUMNS} FROM profiles WHERE username_key = $2::varchar)"
)

# The follower's packed follow list (follow_lists.py) moves with its row, in the same
# statement. Appending is an upsert: it waits for the list's row lock and appends to its
# newest version. Removing cuts the followee's aligned 4 bytes out of the list; an UPDATE
# that waited for a concurrent one re-evaluates on the newest version, so neither is lost.
_LISTED = (
    "listed AS (INSERT INTO follow_lists (follower, followees) "
    "SELECT a.number, int4send(b.number) FROM added JOIN profiles AS b "
    "ON b.id = added.followee_id JOIN profiles AS a ON a.id = $1::varchar "
    "ON CONFLICT (follower) DO UPDATE SET followees = follow_lists.followees || "
    "EXCLUDED.followees)"
)
_UNLISTED = (
    "unlisted AS (UPDATE follow_lists AS l SET followees = COALESCE(overlay(l.followees "
    "PLACING ''::bytea FROM (SELECT i * 4 + 1 FROM generate_series(0, length(l.followees) "
    "/ 4 - 1) AS i WHERE substring(l.followees FROM i * 4 + 1 FOR 4) = (SELECT "
    "int4send(b.number) FROM removed JOIN profiles AS b ON b.id = removed.followee_id) "
    "ORDER BY i LIMIT 1) FOR 4), l.followees) FROM profiles AS a "
    "WHERE a.id = $1::varchar AND l.follower = a.number AND EXISTS (SELECT 1 FROM removed))"
)

# $1 follower, $2 the followee's username key, $3 moment, $4 notification id, $5 kind.
FOLLOW = (
    f"WITH {_FOUND_BY_NAME}, "
    "added AS (INSERT INTO follows (follower_id, followee_id, created_at) "
    "SELECT $1::varchar, found.id, $3::timestamptz FROM found WHERE found.id <> $1 "
    "ON CONFLICT DO NOTHING RETURNING followee_id), "
    f"{_LISTED}, "
    f"{_moved_counts('added', '1')}, "
    "notified AS (INSERT INTO notifications "
    "(id, recipient_id, kind, actor_id, tweet_id, created_at, read) "
    "SELECT $4::varchar, followee_id, $5::varchar, $1, NULL, $3, false FROM added), "
    f"{_current('profiles', '(SELECT id FROM found)', 'added', _PROFILE_COUNTS_TEXT)} "
    + _followee_answer()
)
# $1 follower, $2 the followee's username key, $3 the notification's kind.
UNFOLLOW = (
    f"WITH {_FOUND_BY_NAME}, "
    "removed AS (DELETE FROM follows WHERE follower_id = $1::varchar "
    "AND followee_id = (SELECT id FROM found) RETURNING followee_id), "
    f"{_UNLISTED}, "
    f"{_moved_counts('removed', '-1')}, "
    "unnotified AS (DELETE FROM notifications WHERE actor_id = $1 AND kind = $3::varchar "
    "AND recipient_id = (SELECT followee_id FROM removed) AND tweet_id IS NULL), "
    f"{_current('profiles', '(SELECT id FROM found)', 'removed', _PROFILE_COUNTS_TEXT)} "
    + _followee_answer()
)
