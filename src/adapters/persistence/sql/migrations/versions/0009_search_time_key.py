"""search time key: SQLite's full-text index keyed by when a tweet was written

FTS5 returns matches in rowid order and can stop after the first few, newest first,
only if its rowids order like (created_at, id). Tweets get `search_key` =
microseconds since the epoch * 2048 + a slot in [0, 2048) free within that microsecond,
kept by the insert trigger; `tweets_fts` becomes an external-content table keyed by it
(the implicit rowid it used before could also be renumbered by VACUUM). Words of four
letters are indexed as prefixes too, so a short prefix is one doclist, not a merge of
every word it starts. PostgreSQL keeps its GIN index: nothing changes there.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SLOTS = 2048
_TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '_'"


def microsecond_key(at: str) -> str:
    """The first key of the microsecond of the stored moment `at` ('YYYY-MM-DD
    HH:MM:SS.ffffff'; a missing or short fraction reads as zeros on the right)."""
    fraction = f"substr(substr({at}, 21) || '000000', 1, 6)"
    return f"((unixepoch(substr({at}, 1, 19)) * 1000000 + CAST({fraction} AS INTEGER)) * {SLOTS})"


def _last_taken(first: str) -> str:
    return (
        f"(SELECT max(search_key) FROM tweets WHERE search_key >= {first} "
        f"AND search_key < {first} + {SLOTS})"
    )


_UNKEYED = "(SELECT search_key FROM tweets WHERE rowid = new.rowid) IS NULL"


def _keying() -> str:
    """Statements giving the new row, when it has no key, the next free key of its
    microsecond; an error rather than a key of the next microsecond when none is left."""
    first = microsecond_key("new.created_at")
    return (
        f"SELECT RAISE(ABORT, 'more than {SLOTS} tweets in one microsecond') "
        f"WHERE {_UNKEYED} AND {_last_taken(first)} = {first} + {SLOTS - 1}; "
        f"UPDATE tweets SET search_key = coalesce({_last_taken(first)} + 1, {first}) "
        "WHERE rowid = new.rowid AND search_key IS NULL;"
    )


_INDEXED = (
    "INSERT INTO tweets_fts(rowid, text) "
    "SELECT search_key, text FROM tweets WHERE rowid = new.rowid;"
)
_UNINDEXED = (
    "INSERT INTO tweets_fts(tweets_fts, rowid, text) VALUES ('delete', old.search_key, old.text);"
)

KEYED_SEARCH = (
    f"""CREATE VIRTUAL TABLE tweets_fts USING fts5(text, content='tweets',
    content_rowid='search_key', tokenize="{_TOKENIZE}", prefix='2 3 4')""",
    f"CREATE TRIGGER tweets_fts_insert AFTER INSERT ON tweets BEGIN {_keying()} {_INDEXED} END",
    f"CREATE TRIGGER tweets_fts_delete AFTER DELETE ON tweets BEGIN {_UNINDEXED} END",
    # A new moment takes a new key; the same moment keeps its own.
    f"""CREATE TRIGGER tweets_fts_update AFTER UPDATE OF text, created_at ON tweets BEGIN
    {_UNINDEXED}
    UPDATE tweets SET search_key = NULL
    WHERE rowid = new.rowid AND new.created_at IS NOT old.created_at;
    {_keying()} {_INDEXED} END""",
)

# Migration 0006's shape, restored by the downgrade.
ROWID_SEARCH = (
    f"""CREATE VIRTUAL TABLE tweets_fts USING fts5(text, content='tweets',
    content_rowid='rowid', tokenize="{_TOKENIZE}", prefix='2 3')""",
    """CREATE TRIGGER tweets_fts_insert AFTER INSERT ON tweets BEGIN
    INSERT INTO tweets_fts(rowid, text) VALUES (new.rowid, new.text); END""",
    """CREATE TRIGGER tweets_fts_delete AFTER DELETE ON tweets BEGIN
    INSERT INTO tweets_fts(tweets_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END""",
    """CREATE TRIGGER tweets_fts_update AFTER UPDATE OF text ON tweets BEGIN
    INSERT INTO tweets_fts(tweets_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO tweets_fts(rowid, text) VALUES (new.rowid, new.text); END""",
)
_DROP_SEARCH = (
    *(f"DROP TRIGGER tweets_fts_{event}" for event in ("insert", "delete", "update")),
    "DROP TABLE tweets_fts",
)
_REBUILD = "INSERT INTO tweets_fts(tweets_fts) VALUES ('rebuild')"
# One segment instead of the rebuild's hundreds: a query then seeks each term once.
_OPTIMIZE = "INSERT INTO tweets_fts(tweets_fts) VALUES ('optimize')"

# Stored tweets are keyed in (created_at, id) order within each microsecond.
_FILL = (
    "UPDATE tweets SET search_key = keyed.key FROM (SELECT rowid AS row, "
    f"{microsecond_key('created_at')} + row_number() OVER "
    "(PARTITION BY created_at ORDER BY id) - 1 AS key FROM tweets) AS keyed "
    "WHERE tweets.rowid = keyed.row"
)
_CROWDED = f"SELECT created_at FROM tweets GROUP BY created_at HAVING count(*) > {SLOTS} LIMIT 1"


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    crowded = connection.exec_driver_sql(_CROWDED).first()
    if crowded is not None:
        raise RuntimeError(f"more than {SLOTS} tweets were written at {crowded[0]}")
    for statement in _DROP_SEARCH:
        op.execute(statement)
    op.execute("ALTER TABLE tweets ADD COLUMN search_key INTEGER")
    op.execute(_FILL)
    op.execute("CREATE UNIQUE INDEX ix_tweets_search_key ON tweets (search_key)")
    for statement in (*KEYED_SEARCH, _REBUILD, _OPTIMIZE):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _DROP_SEARCH:
        op.execute(statement)
    op.execute("DROP INDEX ix_tweets_search_key")
    op.execute("ALTER TABLE tweets DROP COLUMN search_key")
    for statement in (*ROWID_SEARCH, _REBUILD):
        op.execute(statement)
