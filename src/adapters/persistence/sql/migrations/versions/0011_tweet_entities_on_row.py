"""tweet entities on the row: mention ids, hashtags and a media count on tweets

A page of tweets read each tweet's mentions, hashtags and media with three correlated
subselects per row. Tweets never change once written, so what those subselects found is
written once on the tweet row instead: `mention_ids` and `hashtags` as space-separated
text in position order (NULL when none; neither ids nor folded tags hold a space) and
`media_count`, so a tweet without media skips its media lookup. tweet_mentions and
tweet_hashtags stay: they are the indexes of the mention and hashtag lookups. The
tweets already stored are filled in from those tables and from media.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = ("mention_ids", "hashtags", "media_count")


def _joined(column: str, table: str, dialect: str) -> str:
    """The tweet's `column` values of `table`, space-separated in position order."""
    if dialect == "sqlite":
        # group_concat keeps the order of its ordered subquery.
        return (
            f"(SELECT group_concat({column}, ' ') FROM (SELECT {column} FROM {table} "
            f"WHERE {table}.tweet_id = tweets.id ORDER BY position))"
        )
    return (
        f"(SELECT string_agg({column}, ' ' ORDER BY position) FROM {table} "
        f"WHERE {table}.tweet_id = tweets.id)"
    )


def backfill_statements(dialect: str) -> list[str]:
    """Only the tweets that have some: the others keep NULL and 0."""
    return [
        f"UPDATE tweets SET mention_ids = {_joined('profile_id', 'tweet_mentions', dialect)} "
        "WHERE id IN (SELECT tweet_id FROM tweet_mentions)",
        f"UPDATE tweets SET hashtags = {_joined('tag', 'tweet_hashtags', dialect)} "
        "WHERE id IN (SELECT tweet_id FROM tweet_hashtags)",
        "UPDATE tweets SET media_count = "
        "(SELECT count(*) FROM media WHERE media.tweet_id = tweets.id) "
        "WHERE id IN (SELECT tweet_id FROM media WHERE tweet_id IS NOT NULL)",
    ]


def upgrade() -> None:
    op.add_column("tweets", sa.Column("mention_ids", sa.Text(), nullable=True))
    op.add_column("tweets", sa.Column("hashtags", sa.Text(), nullable=True))
    op.add_column(
        "tweets",
        sa.Column("media_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    for statement in backfill_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for column in reversed(COLUMNS):
        # Native DROP COLUMN (SQLite 3.35+): Alembic's batch mode would copy the table and
        # drop the old one, and that drop cascades into likes, retweets and notifications.
        op.execute(f"ALTER TABLE tweets DROP COLUMN {column}")
