"""Mastodon's entities as its documentation defines them (docs.joinmastodon.org/entities).
Ids are strings; fields Chirp has no notion of carry Mastodon's neutral values."""

from __future__ import annotations

from typing import Any

import msgspec


class Field(msgspec.Struct):
    name: str
    value: str
    verified_at: str | None = None


class Source(msgspec.Struct):
    note: str
    fields: list[Field] = msgspec.field(default_factory=list)
    privacy: str = "public"
    sensitive: bool = False
    language: str = ""
    follow_requests_count: int = 0


class Account(msgspec.Struct):
    id: str
    username: str
    acct: str
    display_name: str
    locked: bool
    bot: bool
    discoverable: bool
    group: bool
    created_at: str
    note: str
    url: str
    uri: str
    avatar: str
    avatar_static: str
    header: str
    header_static: str
    followers_count: int
    following_count: int
    statuses_count: int
    last_status_at: str | None = None
    noindex: bool = False
    indexable: bool = True
    hide_collections: bool = False
    emojis: list[Any] = msgspec.field(default_factory=list)
    fields: list[Field] = msgspec.field(default_factory=list)
    roles: list[Any] = msgspec.field(default_factory=list)
    source: Source | msgspec.UnsetType = msgspec.UNSET


class MediaSize(msgspec.Struct):
    width: int
    height: int
    size: str
    aspect: float


class MediaMeta(msgspec.Struct):
    original: MediaSize
    small: MediaSize


class MediaAttachment(msgspec.Struct):
    id: str
    type: str
    url: str
    preview_url: str
    remote_url: str | None
    meta: MediaMeta
    description: str | None
    blurhash: str | None
    text_url: str | None = None


class Mention(msgspec.Struct):
    id: str
    username: str
    url: str
    acct: str


class Tag(msgspec.Struct):
    name: str
    url: str
    history: list[Any] = msgspec.field(default_factory=list)
    following: bool | msgspec.UnsetType = msgspec.UNSET


class Application(msgspec.Struct):
    name: str
    website: str | None = None


class Status(msgspec.Struct):
    id: str
    uri: str
    url: str | None
    created_at: str
    account: Account
    content: str
    visibility: str
    sensitive: bool
    spoiler_text: str
    media_attachments: list[MediaAttachment]
    mentions: list[Mention]
    tags: list[Tag]
    reblogs_count: int
    favourites_count: int
    replies_count: int
    in_reply_to_id: str | None
    in_reply_to_account_id: str | None
    reblog: Status | None
    favourited: bool | msgspec.UnsetType = msgspec.UNSET
    reblogged: bool | msgspec.UnsetType = msgspec.UNSET
    muted: bool | msgspec.UnsetType = msgspec.UNSET
    bookmarked: bool | msgspec.UnsetType = msgspec.UNSET
    pinned: bool | msgspec.UnsetType = msgspec.UNSET
    language: str | None = None
    edited_at: str | None = None
    application: Application | None = None
    poll: None = None
    card: None = None
    emojis: list[Any] = msgspec.field(default_factory=list)
    filtered: list[Any] = msgspec.field(default_factory=list)
    # Only in the answer to a delete, so the client can offer "delete and redraft".
    text: str | msgspec.UnsetType = msgspec.UNSET


class Notification(msgspec.Struct):
    id: str
    type: str
    created_at: str
    account: Account
    status: Status | None = None
    group_key: str | msgspec.UnsetType = msgspec.UNSET


class Relationship(msgspec.Struct):
    id: str
    following: bool
    followed_by: bool
    showing_reblogs: bool = True
    notifying: bool = False
    languages: list[str] | None = None
    blocking: bool = False
    blocked_by: bool = False
    muting: bool = False
    muting_notifications: bool = False
    requested: bool = False
    requested_by: bool = False
    domain_blocking: bool = False
    endorsed: bool = False
    note: str = ""


class AppOut(msgspec.Struct):
    id: str
    name: str
    website: str | None
    scopes: list[str]
    redirect_uri: str
    redirect_uris: list[str]
    vapid_key: str = ""
    client_id: str | msgspec.UnsetType = msgspec.UNSET
    client_secret: str | msgspec.UnsetType = msgspec.UNSET
    client_secret_expires_at: int | msgspec.UnsetType = msgspec.UNSET


class Token(msgspec.Struct):
    access_token: str
    token_type: str
    scope: str
    created_at: int


class Marker(msgspec.Struct):
    last_read_id: str
    version: int
    updated_at: str


class Search(msgspec.Struct):
    accounts: list[Account]
    statuses: list[Status]
    hashtags: list[Tag]
