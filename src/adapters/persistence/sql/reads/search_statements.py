"""The statements of tweet search, each reading a number of rows that does not grow with
the table: SQLite walks its FTS5 index newest first by time key (migration 0009);
PostgreSQL intersects its GIN index with a window of the newest tweets; a search of tags
alone walks the (tag, created_at, tweet_id) index. Each tweet returned comes loaded as
the read path loads it (see conversation_statements)."""

from __future__ import annotations

from functools import cache

from adapters.persistence.sql.reads.conversation_statements import POSTGRESQL, SQLITE, loaded
from adapters.persistence.sql.reads.statements import Statement

# Keys of one microsecond (migration 0009): key = microseconds since the epoch * SLOTS + a
# slot, so `key - (key & (SLOTS - 1))` is the first key of a key's microsecond.
SLOTS = 2048
# FTS5 keeps the prefixes of up to this many characters (migration 0009) as terms of their
# own: such a prefix is one list of rows, read newest first as far as needed, where a
# longer one is a merge of the lists of every word it starts, whole.
INDEXED_PREFIX = 4


def _narrowed(row: str, tags: range, mentions: range) -> str:
    """` AND ...` for the tweet `row` (an id) carrying tag ?n for n in `tags` and
    mentioning profile ?n for n in `mentions`; '' when there is nothing to narrow."""
    found = [
        f"EXISTS (SELECT 1 FROM tweet_hashtags AS h2 WHERE h2.tweet_id = {row} AND h2.tag = ?{n})"
        for n in tags
    ] + [
        "EXISTS (SELECT 1 FROM tweet_mentions AS m WHERE m.tweet_id = "
        f"{row} AND m.profile_id = ?{n})"
        for n in mentions
    ]
    return "".join(f" AND {condition}" for condition in found)


def _kept(tags: int, mentions: int, first: int) -> str:
    """` AND ...` keeping an index row whose tweet has tags ?first.. and then mentions."""
    tagged = range(first, first + tags)
    narrowed = _narrowed("x.id", tagged, range(tagged.stop, tagged.stop + mentions))
    if not narrowed:
        return ""
    row = "x.search_key = tweets_fts.rowid"
    return f" AND EXISTS (SELECT 1 FROM tweets AS x WHERE {row}{narrowed})"


@cache
def newest_keys(tags: int, mentions: int, bounded: bool, texts: bool) -> Statement:
    """SQLite. ?1 the FTS5 query, ?2 how many keys, ?3 (when bounded) the key they stay
    below; then each tag, then each mentioned profile. FTS5 reads its index newest first
    and stops after ?2 keys; with `texts`, each key comes with its tweet's text."""
    below = " AND rowid < ?3" if bounded else ""
    kept = _kept(tags, mentions, 4 if bounded else 3)
    return Statement(
        f"SELECT rowid{', text' if texts else ''} FROM tweets_fts "
        f"WHERE tweets_fts MATCH ?1{below}{kept} ORDER BY rowid DESC LIMIT ?2"
    )


@cache
def keyed_tweets(cursor: bool) -> Statement:
    """SQLite. ?1 the keys (JSON), ?2 the rows wanted, ?3 and ?4 the cursor: the tweets
    of those keys after the cursor, cut by (created_at, id) exactly."""
    after = " AND (t.created_at, t.id) < (?3, ?4)" if cursor else ""
    return Statement(
        f"SELECT {loaded('t', SQLITE)} FROM tweets AS t WHERE t.search_key IN "
        f"(SELECT value FROM json_each(?1)){after} ORDER BY t.created_at DESC, t.id DESC LIMIT ?2"
    )


@cache
def tagged_search(tags: int, mentions: int, cursor: bool) -> Statement:
    """Both backends, no words. ?1 the first tag, ?2 the rows wanted, with a cursor ?3,
    ?4 its (at, key); then the other tags, then each mentioned profile. The first tag's
    entries are walked newest first; each is kept if its tweet has the rest."""
    others = range(5 if cursor else 3, (5 if cursor else 3) + tags - 1)
    narrowed = _narrowed("h.tweet_id", others, range(others.stop, others.stop + mentions))
    after = " AND (h.created_at, h.tweet_id) < (?3, ?4)" if cursor else ""
    template = (
        "SELECT {tweet} FROM tweet_hashtags AS h JOIN tweets AS t ON t.id = h.tweet_id "
        f"WHERE h.tag = ?1{after}{narrowed} "
        "ORDER BY h.created_at DESC, h.tweet_id DESC LIMIT ?2"
    )
    return Statement(
        template.format(tweet=loaded("t", SQLITE)), template.format(tweet=loaded("t", POSTGRESQL))
    )


# PostgreSQL: the time the tweets span and about how many there are (the planner's
# estimate, -1 before the first analyze), to size windows of the newest tweets.
TWEETS_SPAN = Statement(
    "SELECT 1",
    "SELECT min(created_at), max(created_at), "
    "(SELECT reltuples FROM pg_class WHERE oid = 'tweets'::regclass) FROM tweets",
)


@cache
def windowed_search(tags: int, mentions: int, cursor: bool, rest: bool) -> Statement:
    """PostgreSQL. ?1 the tsquery of one word, ?2 and ?3 the window (created_at from ?2
    to ?3), ?4 the rows wanted, with a cursor ?5 and ?6 its (at, key); then with `rest`
    the tsquery of the other words; then each tag, then each mentioned profile. The
    matches of the window, newest first.

    Bounded on both sides, the window is a range of the (created_at, id) index that the
    generic plan estimates small: it is ANDed with the GIN index's bitmap of ?1, so only
    the window's matches are read from the table, not every match of the word. A GIN
    scan costs every entry of each word it is asked for, so the other words are tested
    on those rows alone (ts_match_vq is `@@`, in the form no index answers)."""
    first = 7 if cursor else 5
    others = f" AND ts_match_vq(to_tsvector('simple', t.text), to_tsquery('simple', ?{first}))"
    first += 1 if rest else 0
    narrowed = _narrowed(
        "t.id", range(first, first + tags), range(first + tags, first + tags + mentions)
    )
    after = " AND (t.created_at, t.id) < (?5, ?6)" if cursor else ""
    hit = (
        "SELECT t.id, t.created_at FROM tweets AS t WHERE "
        "to_tsvector('simple', t.text) @@ to_tsquery('simple', ?1) "
        f"AND t.created_at >= ?2 AND t.created_at <= ?3{after}{others if rest else ''}{narrowed}"
    )
    return Statement(
        "SELECT 1",
        f"WITH hit AS MATERIALIZED ({hit}) SELECT {loaded('t', POSTGRESQL)} FROM "
        "(SELECT id FROM hit ORDER BY created_at DESC, id DESC LIMIT ?4) AS page "
        "JOIN tweets AS t ON t.id = page.id ORDER BY t.created_at DESC, t.id DESC",
    )
