"""The hot conversation reads walk their indexes on SQLite (whose planner, unlike
PostgreSQL's, does not depend on statistics a test database lacks)."""

from __future__ import annotations

import sqlite3

import pytest

from adapters.persistence.sql.reads import conversation_statements as sql
from adapters.persistence.sql.reads import search_statements as search_sql
from adapters.persistence.sql.reads.drivers import fts5_query

AT = "2026-03-01 12:00:00.000000"
PLANS = {
    "hashtag page": (sql.TAGGED[True], ("tag", 21, AT, "K"), "ix_tweet_hashtags_tag_created_at"),
    "trending": (sql.TRENDING, (AT, 10), "ix_tweet_hashtags_created_at_tag"),
    "public": (sql.PUBLIC[True], (21, AT, "K"), "ix_tweets_public_created_at_id"),
    "replies": (sql.REPLIES[True], ("T", 21, AT, "K"), "ix_tweets_in_reply_to_id_created_at"),
    "search keys": (
        search_sql.newest_keys(1, 1, True, True),
        (fts5_query(["py"]), 29, 2**62, "t", "P"),
        "tweets_fts VIRTUAL TABLE INDEX 192:",  # rowid order and bound, read by FTS5
    ),
    "search page": (search_sql.keyed_tweets(True), ("[1, 2]", 21, AT, "K"), "ix_tweets_search_key"),
    "search of tags": (
        search_sql.tagged_search(2, 0, True),
        ("tag", 21, AT, "K", "other"),
        "ix_tweet_hashtags_tag_created_at",
    ),
    "profiles by name": (
        sql.PROFILE_SEARCH[True],
        ("an", "an\x7f", fts5_query(["an"]), "", 21),
        "profiles_fts",
    ),
}


def _plan(path: str, statement: sql.Statement, parameters: tuple) -> str:  # type: ignore[type-arg]
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(f"EXPLAIN QUERY PLAN {statement.sqlite}", parameters)
        return "\n".join(row[3] for row in rows)
    finally:
        connection.close()


@pytest.mark.parametrize("name", PLANS)
def test_the_read_seeks_its_index(sqlite_url: str, name: str) -> None:
    statement, parameters, index = PLANS[name]
    plan = _plan(sqlite_url.split(":///", 1)[1], statement, parameters)
    assert index in plan
    assert "SCAN tweets " not in plan + " " and "SCAN t " not in plan + " "


def test_a_username_prefix_is_a_range_of_the_unique_index(sqlite_url: str) -> None:
    statement = sql.PROFILE_SEARCH[False]
    plan = _plan(sqlite_url.split(":///", 1)[1], statement, ("an", "an\x7f", "", "", 21))
    assert "username_key>? AND username_key<?" in plan
