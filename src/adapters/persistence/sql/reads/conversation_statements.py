"""The statements of threads, hashtags, trending and the public timeline (search's are
in search_statements.py, the suggestions' in suggestions.py). Each tweet they return comes
with its entities (on its row) and media (TWEET_WIDTH columns, then the media document),
so the views read nothing more about the tweets."""

from __future__ import annotations

from functools import cache

from adapters.persistence.sql.reads.statements import (
    PROFILE_COLUMNS,
    TWEET_COLUMNS,
    Statement,
    columns,
    media_json,
)

SQLITE, POSTGRESQL = 0, 1
MAX_LEVELS = 100


def loaded(alias: str, dialect: int) -> str:
    """The tweet `alias` as the read path loads it: its columns (entities included),
    then its media."""
    media = media_json(f"{alias}.id", f"{alias}.media_count")[dialect]
    return f"{columns(alias, TWEET_COLUMNS)}, {media}"


def _both(template: str) -> Statement:
    """`template` with {tweet} standing for the loaded columns of tweets AS t."""
    return Statement(
        template.format(tweet=loaded("t", SQLITE)), template.format(tweet=loaded("t", POSTGRESQL))
    )


# ?1 the tweet, ?2 the rows wanted, ?3 and ?4 the cursor: oldest first, on the
# (in_reply_to_id, created_at, id) index.
REPLIES = {
    cursor: _both(
        "SELECT {tweet} FROM tweets AS t WHERE t.in_reply_to_id = ?1 "
        + ("AND (t.created_at, t.id) > (?3, ?4) " if cursor else "")
        + "ORDER BY t.created_at, t.id LIMIT ?2"
    )
    for cursor in (False, True)
}

# One recursive walk up the chain, at most ?2 levels: level n holds the id of the n-th
# tweet above ?1. A missing tweet ends the walk (its join finds nothing), so the chain
# stops below a deleted tweet. Root first.
ANCESTORS = _both(
    "WITH RECURSIVE chain(id, level) AS ("
    "SELECT in_reply_to_id, 1 FROM tweets WHERE id = ?1 "
    "UNION ALL SELECT t.in_reply_to_id, chain.level + 1 FROM chain "
    "JOIN tweets AS t ON t.id = chain.id WHERE chain.level < ?2) "
    "SELECT {tweet} FROM chain JOIN tweets AS t ON t.id = chain.id ORDER BY chain.level DESC"
)

# A hashtag page walks (tag, created_at, tweet_id) newest first; the row's date is the
# tweet's, so only the page's tweets are looked up.
TAGGED = {
    cursor: _both(
        "SELECT {tweet} FROM tweet_hashtags AS h JOIN tweets AS t ON t.id = h.tweet_id "
        "WHERE h.tag = ?1 "
        + ("AND (h.created_at, h.tweet_id) < (?3, ?4) " if cursor else "")
        + "ORDER BY h.created_at DESC, h.tweet_id DESC LIMIT ?2"
    )
    for cursor in (False, True)
}

# The recent part of the (created_at, tag) index, counted per tag. (SQLite's statistics
# would otherwise have it skip-scan the (tag, ...) index: a seek per tag ever used.)
TRENDING = Statement(
    "SELECT tag, count(*) AS tweets FROM tweet_hashtags "
    "INDEXED BY ix_tweet_hashtags_created_at_tag WHERE created_at >= ?1 "
    "GROUP BY tag ORDER BY tweets DESC, tag LIMIT ?2"
)

# ?1 the rows wanted, ?2 and ?3 the cursor: the partial index of tweets that answer
# nobody, newest first.
PUBLIC = {
    cursor: _both(
        "SELECT {tweet} FROM tweets AS t INDEXED BY ix_tweets_public_created_at_id "
        "WHERE t.in_reply_to_id IS NULL "
        + ("AND (t.created_at, t.id) < (?2, ?3) " if cursor else "")
        + "ORDER BY t.created_at DESC, t.id DESC LIMIT ?1"
    )
    for cursor in (False, True)
}


@cache
def tweet_search(words: bool, tags: int, mentions: int, cursor: bool) -> Statement:
    """Parameters in order: the full-text query (when there are words), each tag, each
    mentioned profile id, then the cursor's (at, key) when there is one, then the rows
    wanted. SQLite matches words in its FTS5 table (rowids shared with tweets);
    PostgreSQL in the GIN index of to_tsvector('simple', text). The matches are ordered
    and cut by their keys alone; only the page's tweets are loaded with their entities."""
    conditions: list[tuple[str, str]] = []
    if words:
        conditions.append(
            (
                "t.rowid IN (SELECT rowid FROM tweets_fts WHERE tweets_fts MATCH ?)",
                "to_tsvector('simple', t.text) @@ to_tsquery('simple', ?)",
            )
        )
    tagged = "EXISTS (SELECT 1 FROM tweet_hashtags AS h WHERE h.tweet_id = t.id AND h.tag = ?)"
    conditions += [(tagged, tagged)] * tags
    mentioned = (
        "EXISTS (SELECT 1 FROM tweet_mentions AS m WHERE m.tweet_id = t.id AND m.profile_id = ?)"
    )
    conditions += [(mentioned, mentioned)] * mentions
    after = "(t.created_at, t.id) < (?, ?)"
    if cursor:
        conditions.append((after, after))
    where = [" AND ".join(condition[dialect] for condition in conditions) for dialect in (0, 1)]
    lite = (
        f"SELECT t.id FROM tweets AS t WHERE {where[SQLITE]} "
        "ORDER BY t.created_at DESC, t.id DESC LIMIT ?"
    )
    pg = (
        f"SELECT t.id FROM tweets AS t WHERE {where[POSTGRESQL]} "
        "ORDER BY t.created_at DESC, t.id DESC LIMIT ?"
    )
    if words:
        # Matches come from the GIN index, whatever the generic plan would guess of the
        # query's selectivity: walking the time index instead, testing each row, costs
        # the whole table for a rare word.
        pg = (
            f"WITH hit AS MATERIALIZED (SELECT t.id, t.created_at FROM tweets AS t "
            f"WHERE {where[POSTGRESQL]}) SELECT id FROM hit "
            "ORDER BY created_at DESC, id DESC LIMIT ?"
        )
    texts = [
        f"SELECT {loaded('t', dialect)} FROM ({found}) AS hit JOIN tweets AS t "
        "ON t.id = hit.id ORDER BY t.created_at DESC, t.id DESC"
        for dialect, found in ((SQLITE, lite), (POSTGRESQL, pg))
    ]
    return Statement(*texts)


def _profile_search(by_name: bool, dialect: int) -> str:
    """?1 and ?2 the username range of the prefix, ?3 the name query, ?4 the cursor's
    key ('' before the first page), ?5 the rows wanted."""
    key = 'p.username_key COLLATE "C"' if dialect == POSTGRESQL else "p.username_key"
    found = f"SELECT p.id FROM profiles AS p WHERE {key} >= ?1 AND {key} < ?2"
    if by_name:
        found += (
            " UNION SELECT p.id FROM profiles_fts JOIN profiles AS p ON p.rowid = "
            "profiles_fts.rowid WHERE profiles_fts MATCH ?3"
            if dialect == SQLITE
            else " UNION SELECT p.id FROM profiles AS p WHERE "
            "to_tsvector('simple', p.display_name) @@ to_tsquery('simple', ?3)"
        )
    else:
        found += " AND CAST(?3 AS VARCHAR) IS NOT NULL"  # keeps the parameters numbered alike
    return (
        f"SELECT {columns('p', PROFILE_COLUMNS)} FROM profiles AS p WHERE p.id IN ({found}) "
        f"AND {key} > ?4 ORDER BY {key} LIMIT ?5"
    )


PROFILE_SEARCH = {
    by_name: Statement(_profile_search(by_name, SQLITE), _profile_search(by_name, POSTGRESQL))
    for by_name in (False, True)
}
