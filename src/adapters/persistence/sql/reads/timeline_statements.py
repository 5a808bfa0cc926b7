"""Timeline pages in one statement each, in the shapes the planner chooses from.

A page is tweets and retweets by a set of authors, newest first by (at, key):
- by time: walk the (at, key, author) indexes of tweets and of retweets newest first,
  keeping rows of followed authors. The two walks are merged as they go (a compound
  SELECT whose arms both come in index order), so together they stop after `fetch`
  rows; the cost is the page size over the followed authors' share of all rows, and
  does not grow with the table. The shape for people who follow many.
- by author: seek each author's (author, at, key) index, cut each arm to `fetch`
  rows, then merge. Cheap while the authors have few rows between them.
- a profile's own page is the by-time merge on that one author's indexes.
Each shape exists with and without a cursor (`(at, key) < (?, ?)` on every arm), and
the page comes with its tweets (see `_loaded`)."""

from __future__ import annotations

from adapters.persistence.sql.reads.statements import TWEET_COLUMNS, Statement, columns

AFTER = "AND (created_at, id) < (?, ?)"
NEWEST = "ORDER BY created_at DESC, id DESC LIMIT ?"
TWEET_ENTRY = (
    "SELECT id AS tweet_id, created_at AS at, id AS key, CAST(NULL AS VARCHAR) AS retweeted_by_id"
)
RETWEET_ENTRY = "SELECT tweet_id, created_at AS at, id AS key, profile_id AS retweeted_by_id"


def _loaded(entries: str) -> str:
    """The page's entries with their tweets, which the caller reads next: primary-key
    lookups for the page's rows only. (Not their people: authors repeat on a page, and
    a join would look each one up again per row; one batched read of them is cheaper.)"""
    return (
        "SELECT e.tweet_id, e.at, e.key, e.retweeted_by_id, "
        f"{columns('t', TWEET_COLUMNS)} FROM ({entries}) AS e "
        "JOIN tweets AS t ON t.id = e.tweet_id ORDER BY e.at DESC, e.key DESC"
    )


def _walked(tweets: str, retweets: str, after: str) -> str:
    """Both arms in index order, merged lazily under one ORDER BY and LIMIT."""
    return (
        f"{TWEET_ENTRY} FROM {tweets} {after} UNION ALL "
        f"{RETWEET_ENTRY} FROM {retweets} {after} ORDER BY at DESC, key DESC LIMIT ?"
    )


def _by_time(cursor: bool, probe: bool) -> Statement:
    """`probe`: look each walked row's author up in follows, which costs per row walked;
    otherwise build the set of followed authors once, which costs per author."""

    def followed(column: str) -> str:
        if probe:
            return (
                f"({column} = ? OR EXISTS (SELECT 1 FROM follows "
                f"WHERE follower_id = ? AND followee_id = {column}))"
            )
        return (
            f"({column} = ? OR {column} IN (SELECT followee_id FROM follows WHERE follower_id = ?))"
        )

    return Statement(
        _loaded(
            _walked(
                "tweets AS t INDEXED BY ix_tweets_created_at_id_author_id "
                f"WHERE {followed('t.author_id')}",
                "retweets AS r INDEXED BY ix_retweets_created_at_id_profile_id "
                f"WHERE {followed('r.profile_id')}",
                AFTER if cursor else "",
            )
        )
    )


def _by_author(cursor: bool) -> Statement:
    after = AFTER if cursor else ""
    lite_authors = "(SELECT ? UNION ALL SELECT followee_id FROM follows WHERE follower_id = ?)"
    # PostgreSQL seeks the author index once per array element; for `IN (subquery)` it
    # misjudges the row count and may walk every tweet instead.
    pg_authors = (
        "ANY(ARRAY(SELECT CAST(? AS VARCHAR) UNION ALL "
        "SELECT followee_id FROM follows WHERE follower_id = ?))"
    )

    def cut(tweets_condition: str, retweets_condition: str) -> str:
        return _loaded(
            f"SELECT * FROM ({TWEET_ENTRY} FROM tweets WHERE {tweets_condition} {after} "
            f"{NEWEST}) AS tweet_arm UNION ALL "
            f"SELECT * FROM ({RETWEET_ENTRY} FROM retweets WHERE {retweets_condition} {after} "
            f"{NEWEST}) AS retweet_arm ORDER BY at DESC, key DESC LIMIT ?"
        )

    return Statement(
        cut(f"author_id IN {lite_authors}", f"profile_id IN {lite_authors}"),
        cut(f"author_id = {pg_authors}", f"profile_id = {pg_authors}"),
    )


def _of_profile(cursor: bool, include_retweets: bool) -> Statement:
    after = AFTER if cursor else ""
    if not include_retweets:
        return Statement(_loaded(f"{TWEET_ENTRY} FROM tweets WHERE author_id = ? {after} {NEWEST}"))
    return Statement(
        _loaded(_walked("tweets WHERE author_id = ?", "retweets WHERE profile_id = ?", after))
    )


HOME_BY_AUTHOR = {cursor: _by_author(cursor) for cursor in (False, True)}
HOME_BY_TIME = {
    (cursor, probe): _by_time(cursor, probe) for cursor in (False, True) for probe in (False, True)
}
OF_PROFILE = {
    (cursor, include): _of_profile(cursor, include)
    for cursor in (False, True)
    for include in (False, True)
}
