"""The schema, as SQLAlchemy Core tables. Migrations under migrations/ create the same."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from adapters.persistence.sql.types import UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

ID = String(32)

profiles = Table(
    "profiles",
    metadata,
    Column("id", ID, primary_key=True),
    Column("username", String(30), nullable=False),
    Column("username_key", String(30), nullable=False, unique=True),
    Column("email", String(254), nullable=False),
    Column("email_key", String(254), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("bio", String(1000), nullable=False, server_default=""),
    Column("picture_key", String(100), nullable=True),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("followers_count", Integer, nullable=False, server_default=text("0")),
    Column("following_count", Integer, nullable=False, server_default=text("0")),
    Column("tweets_count", Integer, nullable=False, server_default=text("0")),
    # A small stable integer naming the profile in follow_lists (migration 0010): an
    # identity on PostgreSQL; on SQLite a trigger gives a new row the next one (the
    # default 0 is never kept). Not SQLite's rowid, which VACUUM may renumber.
    Column("number", Integer, Identity(), nullable=False),
    # Suggestions for someone who follows nobody: the most followed first.
    Index("ix_profiles_followers_count_username_key", "followers_count", "username_key"),
    Index("ix_profiles_number", "number", unique=True),
)

access_tokens = Table(
    "access_tokens",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("profile_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("revoked", Boolean, nullable=False, server_default=text("false")),
    # OAuth tokens only (migration 0008): space-separated scopes and the app holding it.
    Column("scopes", String(1000), nullable=True),
    # No foreign key: SQLite cannot add one to an existing table; apps are never deleted.
    Column("app_id", ID, nullable=True),
    Index("ix_access_tokens_profile_id", "profile_id"),
)

oauth_apps = Table(
    "oauth_apps",
    metadata,
    Column("id", ID, primary_key=True),
    Column("client_id", String(64), nullable=False, unique=True),
    Column("secret_digest", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("redirect_uris", String(4000), nullable=False),
    Column("scopes", String(1000), nullable=False),
    Column("website", String(2000), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

oauth_codes = Table(
    "oauth_codes",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("app_id", ID, ForeignKey("oauth_apps.id", ondelete="CASCADE"), nullable=False),
    Column("profile_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("redirect_uri", String(2000), nullable=False),
    Column("scopes", String(1000), nullable=False),
    Column("code_challenge", String(128), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
)

oauth_app_tokens = Table(
    "oauth_app_tokens",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("app_id", ID, ForeignKey("oauth_apps.id", ondelete="CASCADE"), nullable=False),
    Column("scopes", String(1000), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("revoked", Boolean, nullable=False, server_default=text("false")),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_key", String(300), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Index("ix_login_failures_account_key_at", "account_key", "at"),
)

media = Table(
    "media",
    metadata,
    Column("id", ID, primary_key=True),
    Column("owner_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("storage_key", String(100), nullable=False, unique=True),
    Column("content_type", String(50), nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("tweet_id", ID, nullable=True),
    Column("position", Integer, nullable=True),
    Index("ix_media_tweet_id", "tweet_id"),
    Index("ix_media_owner_id", "owner_id"),
)

tweets = Table(
    "tweets",
    metadata,
    Column("id", ID, primary_key=True),
    Column("author_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("text", String(2000), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("like_count", Integer, nullable=False, server_default=text("0")),
    Column("retweet_count", Integer, nullable=False, server_default=text("0")),
    # What a reply answers stays when that tweet is deleted: no foreign key (0006).
    Column("in_reply_to_id", ID, nullable=True),
    Column("in_reply_to_author_id", ID, nullable=True),
    Column("reply_count", Integer, nullable=False, server_default=text("0")),
    # What a page shows of a tweet, on its row (migration 0011; tweets never change): the
    # mentioned profile ids and the hashtags, space-separated in order (NULL for none),
    # and how many media it carries (a page looks media up only for tweets with some).
    # tweet_mentions and tweet_hashtags stay the indexes of mention and hashtag lookups.
    Column("mention_ids", Text, nullable=True),
    Column("hashtags", Text, nullable=True),
    Column("media_count", Integer, nullable=False, server_default=text("0")),
    Index("ix_tweets_author_id_created_at_id", "author_id", "created_at", "id"),
    # The home timeline walks this one newest first (migration 0005).
    Index("ix_tweets_created_at_id_author_id", "created_at", "id", "author_id"),
    Index("ix_tweets_in_reply_to_id_created_at_id", "in_reply_to_id", "created_at", "id"),
    # The public timeline: tweets that answer nobody, newest first.
    Index(
        "ix_tweets_public_created_at_id",
        "created_at",
        "id",
        sqlite_where=text("in_reply_to_id IS NULL"),
        postgresql_where=text("in_reply_to_id IS NULL"),
    ),
)
# Full-text search lives outside these tables (migration 0006): FTS5 tables `tweets_fts`
# and `profiles_fts` kept by triggers on SQLite; GIN indexes over
# to_tsvector('simple', ...) of tweets.text and profiles.display_name, and a "C"
# collation index of profiles.username_key, on PostgreSQL. SQLite's tweets also carry
# `search_key`, the FTS5 rowid that orders like (created_at, id), kept by the insert
# trigger with its unique index (migration 0009): no write names it.
SEARCH_OBJECTS = frozenset(
    {
        "tweets_fts",
        "search_key",
        "ix_tweets_search_key",
        "profiles_fts",
        "ix_tweets_text_search",
        "ix_profiles_display_name_search",
        "ix_profiles_username_key_bytes",
    }
)

tweet_mentions = Table(
    "tweet_mentions",
    metadata,
    Column("tweet_id", ID, ForeignKey("tweets.id", ondelete="CASCADE"), primary_key=True),
    Column("profile_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("ix_tweet_mentions_profile_id_tweet_id", "profile_id", "tweet_id"),
)

tweet_hashtags = Table(
    "tweet_hashtags",
    metadata,
    Column("tweet_id", ID, ForeignKey("tweets.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(200), primary_key=True),  # case folded, so longer than 50
    Column("position", Integer, nullable=False),
    # The tweet's date, so a hashtag page and trending read this table alone.
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_tweet_hashtags_tag_created_at_tweet_id", "tag", "created_at", "tweet_id"),
    Index("ix_tweet_hashtags_created_at_tag", "created_at", "tag"),
)

likes = Table(
    "likes",
    metadata,
    Column("profile_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("tweet_id", ID, ForeignKey("tweets.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_likes_tweet_id_created_at_profile_id", "tweet_id", "created_at", "profile_id"),
    Index("ix_likes_profile_id_created_at_tweet_id", "profile_id", "created_at", "tweet_id"),
)

retweets = Table(
    "retweets",
    metadata,
    Column("id", ID, primary_key=True),
    Column("profile_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("tweet_id", ID, ForeignKey("tweets.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    UniqueConstraint("profile_id", "tweet_id", name="uq_retweets_profile_id_tweet_id"),
    Index("ix_retweets_tweet_id_created_at_id", "tweet_id", "created_at", "id"),
    Index("ix_retweets_profile_id_created_at_id", "profile_id", "created_at", "id"),
    Index("ix_retweets_created_at_id_profile_id", "created_at", "id", "profile_id", "tweet_id"),
)

follows = Table(
    "follows",
    metadata,
    Column("follower_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("followee_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Index(
        "ix_follows_followee_id_created_at_follower_id", "followee_id", "created_at", "follower_id"
    ),
    Index(
        "ix_follows_follower_id_created_at_followee_id", "follower_id", "created_at", "followee_id"
    ),
)

# Whom each profile follows, as one packed list of profile numbers per follower: the
# suggestions count these in Python instead of joining follows with itself. Kept with
# the follows rows in the same transaction (follow_lists.py, bulk.py); `chirp check`
# compares the two. Big-endian int32 one after the other, PostgreSQL's int4send form.
follow_lists = Table(
    "follow_lists",
    metadata,
    Column(
        "follower",
        Integer,
        ForeignKey("profiles.number", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("followees", LargeBinary(), nullable=False),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", ID, primary_key=True),
    Column("recipient_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("actor_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), nullable=False),
    Column("tweet_id", ID, ForeignKey("tweets.id", ondelete="CASCADE"), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("read", Boolean, nullable=False, server_default=text("false")),
    Index("ix_notifications_recipient_id_created_at_id", "recipient_id", "created_at", "id"),
    Index("ix_notifications_actor_id_kind", "actor_id", "kind"),
    Index("ix_notifications_tweet_id", "tweet_id"),
)

# Reading positions of the Mastodon API (migration 0008).
markers = Table(
    "markers",
    metadata,
    Column("profile_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("timeline", String(20), primary_key=True),
    Column("last_read_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

# One counter per key and fixed window; rows of ended windows are swept away.
rate_limit_counters = Table(
    "rate_limit_counters",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("window_seconds", Integer, primary_key=True),
    Column("window_start", BigInteger, primary_key=True),
    Column("hits", Integer, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Index("ix_rate_limit_counters_expires_at", "expires_at"),
)

# A tweet written under a client's Idempotency-Key (no foreign key to the tweet: the key
# is claimed before the tweet is written, and outlives a deleted tweet).
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("owner_id", ID, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("request_digest", String(64), nullable=False),
    Column("tweet_id", ID, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_idempotency_keys_created_at", "created_at"),
)
