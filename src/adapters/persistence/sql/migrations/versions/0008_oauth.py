"""oauth: client applications, authorization codes, app tokens, scoped tokens, markers

The Mastodon client API lets third-party apps act for a person with limited scopes.
Chirp's own tokens keep NULL scopes (full access).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from adapters.persistence.sql.types import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "oauth_apps",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("secret_digest", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("redirect_uris", sa.String(4000), nullable=False),
        sa.Column("scopes", sa.String(1000), nullable=False),
        sa.Column("website", sa.String(2000), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_oauth_apps"),
        sa.UniqueConstraint("client_id", name="uq_oauth_apps_client_id"),
    )
    op.create_table(
        "oauth_codes",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("profile_id", sa.String(32), nullable=False),
        sa.Column("redirect_uri", sa.String(2000), nullable=False),
        sa.Column("scopes", sa.String(1000), nullable=False),
        sa.Column("code_challenge", sa.String(128), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["oauth_apps.id"],
            name="fk_oauth_codes_app_id_oauth_apps",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_oauth_codes_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("digest", name="pk_oauth_codes"),
    )
    op.create_table(
        "oauth_app_tokens",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("scopes", sa.String(1000), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False, server_default=sa.text("false")),
        sa.ForeignKeyConstraint(
            ["app_id"],
            ["oauth_apps.id"],
            name="fk_oauth_app_tokens_app_id_oauth_apps",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("digest", name="pk_oauth_app_tokens"),
    )
    op.create_table(
        "markers",
        sa.Column("profile_id", sa.String(32), nullable=False),
        sa.Column("timeline", sa.String(20), nullable=False),
        sa.Column("last_read_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_markers_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", "timeline", name="pk_markers"),
    )
    op.add_column("access_tokens", sa.Column("scopes", sa.String(1000), nullable=True))
    op.add_column("access_tokens", sa.Column("app_id", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("access_tokens") as batch:
        batch.drop_column("app_id")
        batch.drop_column("scopes")
    op.drop_table("markers")
    op.drop_table("oauth_app_tokens")
    op.drop_table("oauth_codes")
    op.drop_table("oauth_apps")
