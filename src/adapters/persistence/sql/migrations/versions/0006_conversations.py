"""conversations: replies, mentions, hashtags and full-text search

Tweets learn what they answer (kept, without a foreign key, when the parent goes) and
count their replies; mentions and hashtags get tables of their own, filled in here for
the tweets already stored. Search is each backend's own engine: FTS5 tables
kept by triggers on SQLite, GIN indexes over `simple` tsvectors on PostgreSQL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from adapters.persistence.sql.types import UtcDateTime
from domain.profile import username_key
from domain.text_entities import MAX_MENTIONS, hashtags, mention_names

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ID = sa.String(32)

# Words as the domain reads them: letters and digits and `_`, case folded, accents kept
# (PostgreSQL's `simple` configuration keeps them too, so both backends find the same).
_TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '_'"
SQLITE_SEARCH = (
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
    "INSERT INTO tweets_fts(tweets_fts) VALUES ('rebuild')",
    f"""CREATE VIRTUAL TABLE profiles_fts USING fts5(display_name, content='profiles',
    content_rowid='rowid', tokenize="{_TOKENIZE}", prefix='1 2 3')""",
    """CREATE TRIGGER profiles_fts_insert AFTER INSERT ON profiles BEGIN
    INSERT INTO profiles_fts(rowid, display_name) VALUES (new.rowid, new.display_name); END""",
    """CREATE TRIGGER profiles_fts_delete AFTER DELETE ON profiles BEGIN
    INSERT INTO profiles_fts(profiles_fts, rowid, display_name)
    VALUES ('delete', old.rowid, old.display_name); END""",
    """CREATE TRIGGER profiles_fts_update AFTER UPDATE OF display_name ON profiles BEGIN
    INSERT INTO profiles_fts(profiles_fts, rowid, display_name)
    VALUES ('delete', old.rowid, old.display_name);
    INSERT INTO profiles_fts(rowid, display_name) VALUES (new.rowid, new.display_name); END""",
    "INSERT INTO profiles_fts(profiles_fts) VALUES ('rebuild')",
)
SQLITE_SEARCH_DROP = (
    *(
        f"DROP TRIGGER {table}_fts_{event}"
        for table in ("tweets", "profiles")
        for event in ("insert", "delete", "update")
    ),
    "DROP TABLE profiles_fts",
    "DROP TABLE tweets_fts",
)
# Expression indexes: the queries repeat the expression, so no column is kept in step.
# Usernames are compared byte by byte ("C"), whatever the database's collation, so a
# prefix is one range of the index.
POSTGRESQL_SEARCH = (
    "CREATE INDEX ix_tweets_text_search ON tweets USING gin (to_tsvector('simple', text))",
    "CREATE INDEX ix_profiles_display_name_search ON profiles "
    "USING gin (to_tsvector('simple', display_name))",
    'CREATE INDEX ix_profiles_username_key_bytes ON profiles (username_key COLLATE "C")',
)
POSTGRESQL_SEARCH_DROP = (
    "DROP INDEX ix_profiles_username_key_bytes",
    "DROP INDEX ix_profiles_display_name_search",
    "DROP INDEX ix_tweets_text_search",
)


def _tweet_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tweet_id"], ["tweets.id"], name=f"fk_{table}_tweet_id_tweets", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.add_column("tweets", sa.Column("in_reply_to_id", ID, nullable=True))
    op.add_column("tweets", sa.Column("in_reply_to_author_id", ID, nullable=True))
    op.add_column(
        "tweets",
        sa.Column("reply_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    op.create_index(
        "ix_tweets_in_reply_to_id_created_at_id", "tweets", ["in_reply_to_id", "created_at", "id"]
    )
    op.create_index(
        "ix_tweets_public_created_at_id",
        "tweets",
        ["created_at", "id"],
        sqlite_where=sa.text("in_reply_to_id IS NULL"),
        postgresql_where=sa.text("in_reply_to_id IS NULL"),
    )
    op.create_table(
        "tweet_mentions",
        sa.Column("tweet_id", ID, nullable=False),
        sa.Column("profile_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tweet_id", "profile_id", name="pk_tweet_mentions"),
        _tweet_fk("tweet_mentions"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_tweet_mentions_profile_id_profiles",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_tweet_mentions_profile_id_tweet_id", "tweet_mentions", ["profile_id", "tweet_id"]
    )
    op.create_table(
        "tweet_hashtags",
        sa.Column("tweet_id", ID, nullable=False),
        sa.Column("tag", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tweet_id", "tag", name="pk_tweet_hashtags"),
        _tweet_fk("tweet_hashtags"),
    )
    op.create_index(
        "ix_tweet_hashtags_tag_created_at_tweet_id",
        "tweet_hashtags",
        ["tag", "created_at", "tweet_id"],
    )
    op.create_index("ix_tweet_hashtags_created_at_tag", "tweet_hashtags", ["created_at", "tag"])
    op.create_index(
        "ix_profiles_followers_count_username_key", "profiles", ["followers_count", "username_key"]
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_SEARCH if sqlite else POSTGRESQL_SEARCH:
        op.execute(statement)
    _backfill(op.get_bind())


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_SEARCH_DROP if sqlite else POSTGRESQL_SEARCH_DROP:
        op.execute(statement)
    op.drop_index("ix_profiles_followers_count_username_key", table_name="profiles")
    op.drop_table("tweet_hashtags")
    op.drop_table("tweet_mentions")
    op.drop_index("ix_tweets_public_created_at_id", table_name="tweets")
    op.drop_index("ix_tweets_in_reply_to_id_created_at_id", table_name="tweets")
    for column in ("reply_count", "in_reply_to_author_id", "in_reply_to_id"):
        # Native DROP COLUMN (SQLite 3.35+): Alembic's batch mode would copy the table and
        # drop the old one, and that drop cascades into likes, retweets and notifications.
        op.execute(f"ALTER TABLE tweets DROP COLUMN {column}")


BACKFILL_BATCH = 5000


def _backfill(connection: sa.Connection) -> None:
    """The mentions and hashtags of the tweets stored before this revision, by the
    domain's own rules (mentions name the profiles that exist now, at most 10)."""
    mentions_table = sa.table(
        "tweet_mentions", sa.column("tweet_id"), sa.column("profile_id"), sa.column("position")
    )
    hashtags_table = sa.table(
        "tweet_hashtags",
        sa.column("tweet_id"),
        sa.column("tag"),
        sa.column("position"),
        sa.column("created_at", UtcDateTime()),
    )
    profile_of: dict[str, str] = dict(
        connection.execute(sa.text("SELECT username_key, id FROM profiles")).all()
    )
    tweets = sa.table(
        "tweets", sa.column("id"), sa.column("text"), sa.column("created_at", UtcDateTime())
    )
    result = connection.execute(
        sa.select(tweets.c.id, tweets.c.text, tweets.c.created_at).order_by(tweets.c.id)
    )
    for rows in result.partitions(BACKFILL_BATCH):
        mentions, tags = [], []
        for tweet_id, text, created_at in rows:
            names = (profile_of.get(username_key(name)) for name in mention_names(text))
            found = list(dict.fromkeys(name for name in names if name))[:MAX_MENTIONS]
            mentions += [
                {"tweet_id": tweet_id, "profile_id": profile_id, "position": position}
                for position, profile_id in enumerate(found)
            ]
            tags += [
                {"tweet_id": tweet_id, "tag": tag, "position": position, "created_at": created_at}
                for position, tag in enumerate(hashtags(text))
            ]
        if mentions:
            connection.execute(sa.insert(mentions_table), mentions)
        if tags:
            connection.execute(sa.insert(hashtags_table), tags)
