"""Hand-written SQL for the hot reads, written once and rendered per dialect.

The text uses `?` placeholders (or numbered ones, `?1`, in a statement that repeats a
parameter) and two markers: `IN_IDS` (membership in a list passed
as one parameter) and `INDEXED BY <index>` (SQLite only; PostgreSQL's planner picks the
same index by itself from the ORDER BY and LIMIT)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

_PLACEHOLDER = re.compile(r"\?")
_NUMBERED_PLACEHOLDER = re.compile(r"\?(\d+)")
_INDEXED_BY = re.compile(r"\s+INDEXED BY \w+")


def _numbered(sql: str) -> str:
    """`?` in order becomes $1, $2, ...; a numbered `?N` (SQLite's form) becomes $N."""
    if _NUMBERED_PLACEHOLDER.search(sql):
        return _NUMBERED_PLACEHOLDER.sub(r"$\1", sql)
    counter = itertools.count(1)
    return _PLACEHOLDER.sub(lambda _: f"${next(counter)}", sql)


@dataclass(frozen=True)
class Statement:
    """One query; `postgresql_text` when the two dialects need different SQL."""

    text: str
    postgresql_text: str | None = None
    sqlite: str = field(init=False)
    postgresql: str = field(init=False)

    def __post_init__(self) -> None:
        compact = " ".join(self.text.split())
        pg = " ".join((self.postgresql_text or self.text).split())
        lite = compact.replace("IN_IDS", "IN (SELECT value FROM json_each(?))")
        pg = _INDEXED_BY.sub("", pg).replace("IN_IDS", "= ANY(?::varchar[])")
        object.__setattr__(self, "sqlite", lite)
        object.__setattr__(self, "postgresql", _numbered(pg))


PROFILE_COLUMNS = (
    "id, username, email, display_name, bio, created_at, password_hash, picture_key, "
    "followers_count, following_count, tweets_count"
)
# Ending with the tweet's mention ids and hashtags, as the row holds them (space-separated
# text in position order, NULL when none: see tables.tweets).
TWEET_COLUMNS = (
    "id, author_id, text, created_at, like_count, retweet_count, in_reply_to_id, "
    "in_reply_to_author_id, reply_count, mention_ids, hashtags"
)
MEDIA_COLUMNS = (
    "id, owner_id, storage_key, content_type, width, height, size_bytes, created_at, "
    "tweet_id, position"
)


def columns(alias: str, names: str) -> str:
    return ", ".join(f"{alias}.{name.strip()}" for name in names.split(","))


# A tweet's media as one JSON array of arrays in MEDIA_COLUMNS order (without tweet_id,
# which the row has), by position: the caller shows them with the tweet.
_MEDIA_FIELDS = "m.id, m.owner_id, m.storage_key, m.content_type, m.width, m.height, " + (
    "m.size_bytes, m.created_at, m.position"
)


# A tweet's columns in the read path.
TWEET_WIDTH = len(TWEET_COLUMNS.split(","))


def media_json(tweet: str, media_count: str) -> tuple[str, str]:
    """A tweet's media document for SQLite and for PostgreSQL, NULL when it has none:
    most tweets have none, their row says so (`media_count`), and the lookup is skipped."""
    return (
        f"CASE WHEN {media_count} > 0 THEN (SELECT json_group_array(json_array({_MEDIA_FIELDS})) "
        f"FROM (SELECT * FROM media WHERE tweet_id = {tweet} ORDER BY position) AS m) END",
        f"CASE WHEN {media_count} > 0 THEN (SELECT json_agg(json_build_array({_MEDIA_FIELDS}) "
        f"ORDER BY m.position) FROM media AS m WHERE m.tweet_id = {tweet}) END",
    )


TOKEN = Statement(
    "SELECT digest, profile_id, created_at, expires_at, revoked, scopes, app_id"
    " FROM access_tokens WHERE digest = ?"
)
PROFILE_BY_ID = Statement(f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE id = ?")
PROFILE_BY_USERNAME = Statement(f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE username_key = ?")
PROFILES = Statement(f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE id IN_IDS")
# A tweet comes with its author and media: whoever reads a tweet shows them next.
TWEET = Statement(
    *(
        f"SELECT {columns('t', TWEET_COLUMNS)}, {columns('a', PROFILE_COLUMNS)}, "
        f"{media} FROM tweets AS t JOIN profiles AS a ON a.id = t.author_id WHERE t.id = ?"
        for media in media_json("t.id", "t.media_count")
    )
)
TWEETS = Statement(f"SELECT {TWEET_COLUMNS} FROM tweets WHERE id IN_IDS")
MEDIA_OF_TWEETS = Statement(
    f"SELECT {MEDIA_COLUMNS} FROM media WHERE tweet_id IN_IDS ORDER BY tweet_id, position"
)


def _among(kind: str, table: str, owner: str, item: str) -> tuple[str, str]:
    """Which of ?2 (ids) `owner` ?1 has in `table`, one primary-key lookup per id. Written
    as a join on PostgreSQL: its generic plan, not knowing the list is short, would
    otherwise walk all of the owner's rows and filter them."""
    return (
        f"SELECT {kind}{item} FROM {table} WHERE {owner} = ?1 "
        f"AND {item} IN (SELECT value FROM json_each(?2))",
        f"SELECT {kind}x.{item} FROM unnest(CAST(?2 AS varchar[])) AS wanted(id) "
        f"JOIN {table} AS x ON x.{owner} = ?1 AND x.{item} = wanted.id",
    )


def _both(first: tuple[str, str], second: tuple[str, str]) -> Statement:
    return Statement(*(f"{a} UNION ALL {b}" for a, b in zip(first, second, strict=True)))


LIKED_AMONG = Statement(*_among("", "likes", "profile_id", "tweet_id"))
RETWEETED_AMONG = Statement(*_among("", "retweets", "profile_id", "tweet_id"))
FOLLOWED_AMONG = Statement(*_among("", "follows", "follower_id", "followee_id"))
# Both of a viewer's flags at once: who asks whether they liked a tweet asks next
# whether they retweeted it.
FLAGS_AMONG = _both(
    _among("1, ", "likes", "profile_id", "tweet_id"),
    _among("2, ", "retweets", "profile_id", "tweet_id"),
)
FOLLOWING_COUNT = Statement("SELECT following_count FROM profiles WHERE id = ?")
