"""Timeline pages in one statement each, in the shapes the planner chooses from.

A page is tweets and retweets by a set of authors, newest first by (at, key):
- by time: walk the (at, key, author) indexes of tweets and of retweets newest first,
  keeping rows of followed authors. The cost is the page size over the followed
  authors' share of all rows: it does not grow with the table. For people who follow
  many. Membership is tested against the set of followed authors, built once, or by a
  probe of follows per row walked (cheaper when few rows are walked).
- by author: seek each author's (author, at, key) index. Cheap while the authors have
  few rows between them; it grows with every row they ever wrote.
- a profile's own page: its author's indexes, newest first.

Parameters are numbered: ?1 the profile, ?2 the rows wanted, ?3 and ?4 the cursor's
(at, key) in the variants with a cursor. On SQLite the arms of a walk are merged as
they go (a compound SELECT whose arms both come in index order stops both after ?2
rows in all); PostgreSQL plans that compound badly (it estimates the membership test
as a coin toss and scans whole tables), so there each arm is cut to ?2 rows on its
own index first and the cut arms are merged (a Merge Append of two short index scans).
Every page comes with its tweets and their media (see `_loaded`)."""

from __future__ import annotations

from adapters.persistence.sql.reads.statements import (
    TWEET_COLUMNS,
    Statement,
    columns,
    media_json,
)

SQLITE, POSTGRESQL = 0, 1  # indexes into the per-dialect pairs below

AFTER = "AND (created_at, id) < (?3, ?4)"
NEWEST = "ORDER BY created_at DESC, id DESC LIMIT ?2"
MERGE = "ORDER BY at DESC, key DESC LIMIT ?2"
_ENTRY = "created_at AS at, id AS key"
# On SQLite a tweet row's rowid comes free with every index entry: the page's own tweets
# are then fetched by rowid, one lookup each instead of two (id index, then table).
TWEET_ENTRY = (  # by dialect: SQLITE, POSTGRESQL
    f"SELECT id AS tweet_id, {_ENTRY}, CAST(NULL AS VARCHAR) AS retweeted_by_id, rowid AS rid",
    f"SELECT id AS tweet_id, {_ENTRY}, CAST(NULL AS VARCHAR) AS retweeted_by_id",
)
RETWEET_ENTRY = (
    f"SELECT tweet_id, {_ENTRY}, profile_id AS retweeted_by_id, NULL AS rid",
    f"SELECT tweet_id, {_ENTRY}, profile_id AS retweeted_by_id",
)
_TWEET_FIELDS = [name.strip() for name in TWEET_COLUMNS.split(",")]


def _loaded(entries: str, dialect: int) -> str:
    """The page's entries with their tweets and media, which the caller reads next:
    lookups for the page's rows only. (Not their people: authors repeat on a page, and
    a join would look each one up again per row; one batched read of them is cheaper.)"""
    if dialect == POSTGRESQL:
        media = media_json("e.tweet_id", "t.media_count")[dialect]
        return (
            f"SELECT e.tweet_id, e.at, e.key, e.retweeted_by_id, {columns('t', TWEET_COLUMNS)}, "
            f"{media} FROM ({entries}) AS e JOIN tweets AS t ON t.id = e.tweet_id "
            "ORDER BY e.at DESC, e.key DESC"
        )
    tweet = ", ".join(f"COALESCE(o.{name}, r.{name})" for name in _TWEET_FIELDS)
    media = media_json("e.tweet_id", "COALESCE(o.media_count, r.media_count)")[dialect]
    return (
        f"SELECT e.tweet_id, e.at, e.key, e.retweeted_by_id, {tweet}, {media} "
        f"FROM ({entries}) AS e LEFT JOIN tweets AS o ON o.rowid = e.rid "
        "LEFT JOIN tweets AS r ON e.rid IS NULL AND r.id = e.tweet_id "
        "ORDER BY e.at DESC, e.key DESC"
    )


def _walked(tweets: str, retweets: str, after: str) -> str:
    """Both arms in index order, merged lazily under one ORDER BY and LIMIT (SQLite)."""
    return _loaded(
        f"{TWEET_ENTRY[SQLITE]} FROM {tweets} {after} UNION ALL "
        f"{RETWEET_ENTRY[SQLITE]} FROM {retweets} {after} {MERGE}",
        SQLITE,
    )


def _cut(tweets: str, retweets: str, after: str, dialect: int = POSTGRESQL) -> str:
    """Each arm cut to the page on its own index, then merged."""
    return _loaded(
        f"SELECT * FROM ({TWEET_ENTRY[dialect]} FROM {tweets} {after} {NEWEST}) AS tweet_arm "
        f"UNION ALL SELECT * FROM ({RETWEET_ENTRY[dialect]} FROM {retweets} {after} {NEWEST}) "
        f"AS retweet_arm {MERGE}",
        dialect,
    )


def _followed(column: str, probe: bool, fence: str = "") -> str:
    if probe:
        return (
            f"({column} = ?1 OR EXISTS (SELECT 1 FROM follows "
            f"WHERE follower_id = ?1 AND followee_id = {column}{fence}))"
        )
    return (
        f"({column} = ?1 OR {column} IN (SELECT followee_id FROM follows WHERE follower_id = ?1))"
    )


def _shown_reply(tweet: str = "") -> str:
    """The home rule for replies: one answering someone shows only when ?1 follows, or
    is, the author answered (or wrote the reply). Tested after the author is, so only
    rows of followed authors reach it."""
    return (
        f"AND ({tweet}in_reply_to_author_id IS NULL OR {tweet}author_id = ?1 "
        f"OR {tweet}in_reply_to_author_id = ?1 OR EXISTS (SELECT 1 FROM follows AS answered "
        f"WHERE answered.follower_id = ?1 AND answered.followee_id = {tweet}in_reply_to_author_id))"
    )


def _by_time(cursor: bool, probe: bool) -> Statement:
    after = AFTER if cursor else ""
    tweets = "tweets AS t INDEXED BY ix_tweets_created_at_id_author_id WHERE {} " + _shown_reply(
        "t."
    )
    retweets = "retweets AS r INDEXED BY ix_retweets_created_at_id_profile_id WHERE {}"
    # PostgreSQL turns an EXISTS into a hashed set of all followed authors, the very
    # thing a probe avoids; OFFSET 0 keeps the subquery as written, one lookup per row.
    fence = " OFFSET 0"
    return Statement(
        _walked(
            tweets.format(_followed("t.author_id", probe)),
            retweets.format(_followed("r.profile_id", probe)),
            after,
        ),
        _cut(
            tweets.format(_followed("t.author_id", probe, fence)),
            retweets.format(_followed("r.profile_id", probe, fence)),
            after,
        ),
    )


def _by_author(cursor: bool) -> Statement:
    after = AFTER if cursor else ""
    lite = "IN (SELECT ?1 UNION ALL SELECT followee_id FROM follows WHERE follower_id = ?1)"
    # PostgreSQL seeks the author index once per array element; for `IN (subquery)` it
    # misjudges the row count and may walk every tweet instead.
    pg = (
        "= ANY(ARRAY(SELECT CAST(?1 AS VARCHAR) UNION ALL "
        "SELECT followee_id FROM follows WHERE follower_id = ?1))"
    )
    rule = _shown_reply("tweets.")
    return Statement(
        _cut(
            f"tweets WHERE author_id {lite} {rule}",
            f"retweets WHERE profile_id {lite}",
            after,
            SQLITE,
        ),
        _cut(f"tweets WHERE author_id {pg} {rule}", f"retweets WHERE profile_id {pg}", after),
    )


def _of_profile(cursor: bool, include_retweets: bool, include_replies: bool) -> Statement:
    after = AFTER if cursor else ""
    tweets, retweets = "tweets WHERE author_id = ?1", "retweets WHERE profile_id = ?1"
    if not include_replies:
        tweets += " AND in_reply_to_id IS NULL"
    if not include_retweets:
        own = f"FROM {tweets} {after} {NEWEST}"
        return Statement(
            _loaded(f"{TWEET_ENTRY[SQLITE]} {own}", SQLITE),
            _loaded(f"{TWEET_ENTRY[POSTGRESQL]} {own}", POSTGRESQL),
        )
    return Statement(_walked(tweets, retweets, after), _cut(tweets, retweets, after))


HOME_BY_AUTHOR = {cursor: _by_author(cursor) for cursor in (False, True)}
HOME_BY_TIME = {
    (cursor, probe): _by_time(cursor, probe) for cursor in (False, True) for probe in (False, True)
}
OF_PROFILE = {
    (cursor, retweets, replies): _of_profile(cursor, retweets, replies)
    for cursor in (False, True)
    for retweets in (False, True)
    for replies in (False, True)
}
