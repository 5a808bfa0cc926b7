"""Timeline pages in one statement each, in the two shapes the planner chooses from.

Every arm is keyset-filtered and limited on an index before the arms are merged, so a
page reads at most `fetch` rows per arm once the authors' rows are found:
- by author: seek each author's (author, at, key) index and merge. Cheap when the
  authors have few rows between them; it grows with every tweet they ever wrote.
- by time: walk the (at, key, author) index newest first, keeping rows of followed
  authors. Its cost is the page size over the followed authors' share of all rows, so
  it does not grow with the table: the shape for people who follow many."""

from __future__ import annotations

from adapters.persistence.sql.reads.statements import (
    TWEET_COLUMNS,
    Statement,
    columns,
)

ENTRY = "tweet_id, at, key, retweeted_by_id"
AFTER = "AND (created_at, id) < (?, ?)"
NEWEST = "ORDER BY created_at DESC, id DESC LIMIT ?"


def _tweets(source: str, condition: str, after: str) -> str:
    return (
        "SELECT * FROM (SELECT id AS tweet_id, created_at AS at, id AS key, "
        f"CAST(NULL AS VARCHAR) AS retweeted_by_id FROM {source} WHERE {condition} {after} "
        f"{NEWEST}) AS tweet_arm"
    )


def _retweets(source: str, condition: str, after: str) -> str:
    return (
        "SELECT * FROM (SELECT tweet_id, created_at AS at, id AS key, "
        f"profile_id AS retweeted_by_id FROM {source} WHERE {condition} {after} "
        f"{NEWEST}) AS retweet_arm"
    )


def _merged(tweets: str, retweets: str) -> str:
    return _loaded(
        f"(SELECT {ENTRY} FROM ({tweets} UNION ALL {retweets}) AS entries "
        "ORDER BY at DESC, key DESC LIMIT ?)"
    )


def _loaded(entries: str) -> str:
    """The page's entries with their tweets, which the caller reads next: primary-key
    lookups for the page's rows only. (Not their people: authors repeat on a page, and
    a join would look each one up again per row; one batched read of them is cheaper.)"""
    return (
        f"SELECT e.tweet_id, e.at, e.key, e.retweeted_by_id, {columns('t', TWEET_COLUMNS)} "
        f"FROM {entries} AS e JOIN tweets AS t ON t.id = e.tweet_id "
        "ORDER BY e.at DESC, e.key DESC"
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
    return Statement(
        _merged(
            _tweets("tweets", f"author_id IN {lite_authors}", after),
            _retweets("retweets", f"profile_id IN {lite_authors}", after),
        ),
        _merged(
            _tweets("tweets", f"author_id = {pg_authors}", after),
            _retweets("retweets", f"profile_id = {pg_authors}", after),
        ),
    )


def _by_time(cursor: bool, probe: bool) -> Statement:
    """`probe`: look each walked row's author up in follows, which costs per row walked;
    otherwise build the set of followed authors once, which costs per author."""
    after = AFTER if cursor else ""

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
        _merged(
            _tweets(
                "tweets AS t INDEXED BY ix_tweets_created_at_id_author_id",
                followed("t.author_id"),
                after,
            ),
            _retweets(
                "retweets AS r INDEXED BY ix_retweets_created_at_id_profile_id",
                followed("r.profile_id"),
                after,
            ),
        )
    )


def _of_profile(cursor: bool, include_retweets: bool) -> Statement:
    after = AFTER if cursor else ""
    tweets = _tweets("tweets", "author_id = ?", after)
    if not include_retweets:
        return Statement(
            _loaded(tweets.removeprefix("SELECT * FROM ").removesuffix(" AS tweet_arm"))
        )
    return Statement(_merged(tweets, _retweets("retweets", "profile_id = ?", after)))


HOME_BY_AUTHOR = {cursor: _by_author(cursor) for cursor in (False, True)}
HOME_BY_TIME = {
    (cursor, probe): _by_time(cursor, probe) for cursor in (False, True) for probe in (False, True)
}
OF_PROFILE = {
    (cursor, include): _of_profile(cursor, include)
    for cursor in (False, True)
    for include in (False, True)
}
