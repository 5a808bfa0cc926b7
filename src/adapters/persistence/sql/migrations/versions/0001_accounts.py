"""accounts: profiles, access tokens, login failures

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from adapters.persistence.sql.types import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("username", sa.String(30), nullable=False),
        sa.Column("username_key", sa.String(30), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("email_key", sa.String(254), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("bio", sa.String(1000), nullable=False, server_default=""),
        sa.Column("picture_key", sa.String(100), nullable=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("followers_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("following_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("tweets_count", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("id", name="pk_profiles"),
        sa.UniqueConstraint("username_key", name="uq_profiles_username_key"),
        sa.UniqueConstraint("email_key", name="uq_profiles_email_key"),
    )
    op.create_table(
        "access_tokens",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("profile_id", sa.String(32), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False, server_default=sa.text("false")),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_access_tokens_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("digest", name="pk_access_tokens"),
    )
    op.create_index("ix_access_tokens_profile_id", "access_tokens", ["profile_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_key", sa.String(300), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_account_key_at", "login_failures", ["account_key", "at"])


def downgrade() -> None:
    op.drop_table("login_failures")
    op.drop_table("access_tokens")
    op.drop_table("profiles")
