"""social: tweets, likes, retweets, follows, notifications

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from adapters.persistence.sql.types import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.String(32)


def _fk(column: str, table: str, source: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=f"fk_{source}_{column}_{table}", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "tweets",
        sa.Column("id", ID, nullable=False),
        sa.Column("author_id", ID, nullable=False),
        sa.Column("text", sa.String(2000), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("like_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("retweet_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("id", name="pk_tweets"),
        _fk("author_id", "profiles", "tweets"),
    )
    op.create_index(
        "ix_tweets_author_id_created_at_id", "tweets", ["author_id", "created_at", "id"]
    )
    op.create_table(
        "likes",
        sa.Column("profile_id", ID, nullable=False),
        sa.Column("tweet_id", ID, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("profile_id", "tweet_id", name="pk_likes"),
        _fk("profile_id", "profiles", "likes"),
        _fk("tweet_id", "tweets", "likes"),
    )
    op.create_index(
        "ix_likes_tweet_id_created_at_profile_id", "likes", ["tweet_id", "created_at", "profile_id"]
    )
    op.create_index(
        "ix_likes_profile_id_created_at_tweet_id", "likes", ["profile_id", "created_at", "tweet_id"]
    )
    op.create_table(
        "retweets",
        sa.Column("id", ID, nullable=False),
        sa.Column("profile_id", ID, nullable=False),
        sa.Column("tweet_id", ID, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_retweets"),
        sa.UniqueConstraint("profile_id", "tweet_id", name="uq_retweets_profile_id_tweet_id"),
        _fk("profile_id", "profiles", "retweets"),
        _fk("tweet_id", "tweets", "retweets"),
    )
    op.create_index(
        "ix_retweets_tweet_id_created_at_id", "retweets", ["tweet_id", "created_at", "id"]
    )
    op.create_index(
        "ix_retweets_profile_id_created_at_id", "retweets", ["profile_id", "created_at", "id"]
    )
    op.create_table(
        "follows",
        sa.Column("follower_id", ID, nullable=False),
        sa.Column("followee_id", ID, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("follower_id", "followee_id", name="pk_follows"),
        sa.ForeignKeyConstraint(
            ["follower_id"],
            ["profiles.id"],
            name="fk_follows_follower_id_profiles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["followee_id"],
            ["profiles.id"],
            name="fk_follows_followee_id_profiles",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_follows_followee_id_created_at_follower_id",
        "follows",
        ["followee_id", "created_at", "follower_id"],
    )
    op.create_index(
        "ix_follows_follower_id_created_at_followee_id",
        "follows",
        ["follower_id", "created_at", "followee_id"],
    )
    op.create_table(
        "notifications",
        sa.Column("id", ID, nullable=False),
        sa.Column("recipient_id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("actor_id", ID, nullable=False),
        sa.Column("tweet_id", ID, nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False, server_default=sa.text("false")),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
        _fk("recipient_id", "profiles", "notifications"),
        _fk("actor_id", "profiles", "notifications"),
        _fk("tweet_id", "tweets", "notifications"),
    )
    op.create_index(
        "ix_notifications_recipient_id_created_at_id",
        "notifications",
        ["recipient_id", "created_at", "id"],
    )
    op.create_index("ix_notifications_actor_id_kind", "notifications", ["actor_id", "kind"])
    op.create_index("ix_notifications_tweet_id", "notifications", ["tweet_id"])


def downgrade() -> None:
    for table in ("notifications", "follows", "retweets", "likes", "tweets"):
        op.drop_table(table)
