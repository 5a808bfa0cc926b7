"""timeline indexes: tweets and retweets in time order, with their author

The home timeline of someone who follows many profiles walks these newest first and
keeps the rows of followed authors: the cost of a page then depends on the share of
followed authors, not on how many tweets exist. The author columns make the indexes
covering, so the walk never touches the tables.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_tweets_created_at_id_author_id", "tweets", ["created_at", "id", "author_id"]
    )
    op.create_index(
        "ix_retweets_created_at_id_profile_id",
        "retweets",
        ["created_at", "id", "profile_id", "tweet_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_retweets_created_at_id_profile_id", table_name="retweets")
    op.drop_index("ix_tweets_created_at_id_author_id", table_name="tweets")
