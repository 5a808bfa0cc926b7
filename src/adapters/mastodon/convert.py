"""Chirp's views as Mastodon entities. `base` is the server's own origin, for the
absolute URLs Mastodon clients expect."""

from __future__ import annotations

from datetime import datetime

from adapters.mastodon import entities as m
from adapters.mastodon.content import note_html, status_html
from application.notifications.inbox import NotificationView
from application.tweets.views import EntryView, TweetView
from domain.media import Media
from domain.notification import NotificationKind
from domain.profile import Profile

DEFAULT_AVATAR = "/avatars/original/missing.png"
DEFAULT_HEADER = "/headers/original/missing.png"
# One neutral grey: Chirp keeps no per-image blurhash, and clients only show it while
# the real image loads.
PLACEHOLDER_BLURHASH = "00Eyb["
NOTIFICATION_TYPES = {
    NotificationKind.FOLLOW: "follow",
    NotificationKind.LIKE: "favourite",
    NotificationKind.RETWEET: "reblog",
    # A reply is a mention, as in Mastodon.
    NotificationKind.REPLY: "mention",
    NotificationKind.MENTION: "mention",
}


def iso(moment: datetime) -> str:
    """Mastodon's timestamps: ISO 8601 in UTC with milliseconds and a Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def media_path(storage_key: str) -> str:
    return f"/media/{storage_key}"


def account(profile: Profile, base: str) -> m.Account:
    url = f"{base}/@{profile.username}"
    picture = base + (media_path(profile.picture_key) if profile.picture_key else DEFAULT_AVATAR)
    header = base + DEFAULT_HEADER
    return m.Account(
        id=profile.id,
        username=profile.username,
        acct=profile.username,
        display_name=profile.display_name,
        locked=False,
        bot=False,
        discoverable=True,
        group=False,
        created_at=iso(profile.created_at),
        note=note_html(profile.bio),
        url=url,
        uri=url,
        avatar=picture,
        avatar_static=picture,
        header=header,
        header_static=header,
        followers_count=profile.followers_count,
        following_count=profile.following_count,
        statuses_count=profile.tweets_count,
    )


def credential_account(profile: Profile, base: str) -> m.Account:
    own = account(profile, base)
    own.source = m.Source(note=profile.bio)
    return own


def attachment(media: Media, base: str) -> m.MediaAttachment:
    url = base + media_path(media.storage_key)
    size = m.MediaSize(
        width=media.width,
        height=media.height,
        size=f"{media.width}x{media.height}",
        aspect=round(media.width / media.height, 4) if media.height else 1.0,
    )
    return m.MediaAttachment(
        id=media.id,
        type="image",
        url=url,
        preview_url=url,
        remote_url=None,
        meta=m.MediaMeta(original=size, small=size),
        description=None,
        blurhash=PLACEHOLDER_BLURHASH,
    )


def mention(profile: Profile, base: str) -> m.Mention:
    return m.Mention(
        id=profile.id,
        username=profile.username,
        url=f"{base}/@{profile.username}",
        acct=profile.username,
    )


def tag(name: str, base: str) -> m.Tag:
    return m.Tag(name=name, url=f"{base}/tags/{name}")


def status(view: TweetView, base: str, *, signed_in: bool = True) -> m.Status:
    tweet = view.tweet
    url = f"{base}/@{view.author.username}/{tweet.id}"
    answer = m.Status(
        id=tweet.id,
        uri=url,
        url=url,
        created_at=iso(tweet.created_at),
        account=account(view.author, base),
        content=status_html(tweet.text, base),
        visibility="public",
        sensitive=False,
        spoiler_text="",
        media_attachments=[attachment(item, base) for item in view.media],
        mentions=[mention(p, base) for p in view.mentions],
        tags=[tag(name, base) for name in tweet.hashtags],
        reblogs_count=tweet.retweet_count,
        favourites_count=tweet.like_count,
        replies_count=tweet.reply_count,
        in_reply_to_id=tweet.in_reply_to_id,
        in_reply_to_account_id=tweet.in_reply_to_author_id,
        reblog=None,
    )
    if signed_in:
        answer.favourited = view.liked_by_me
        answer.reblogged = view.retweeted_by_me
        answer.muted = answer.bookmarked = answer.pinned = False
    return answer


def entry_status(entry: EntryView, base: str, *, signed_in: bool = True) -> m.Status:
    """A timeline entry; a retweet is a status of its own (the retweet's id) around the
    original, as Mastodon shows a reblog."""
    original = status(entry.tweet, base, signed_in=signed_in)
    if entry.retweeted_by is None:
        return original
    return reblog_status(original, entry.retweeted_by, entry.key, entry.at, base)


def reblog_status(
    original: m.Status, by: Profile, reblog_id: str, at: datetime, base: str
) -> m.Status:
    url = f"{base}/@{by.username}/{reblog_id}"
    return m.Status(
        id=reblog_id,
        uri=url,
        url=url,
        created_at=iso(at),
        account=account(by, base),
        content="",
        visibility="public",
        sensitive=False,
        spoiler_text="",
        media_attachments=[],
        mentions=[],
        tags=[],
        reblogs_count=0,
        favourites_count=0,
        replies_count=0,
        in_reply_to_id=None,
        in_reply_to_account_id=None,
        reblog=original,
        favourited=original.favourited,
        reblogged=original.reblogged,
        muted=original.muted,
        bookmarked=original.bookmarked,
        pinned=original.pinned,
    )


def notification(view: NotificationView, base: str) -> m.Notification:
    n = view.notification
    kind = NOTIFICATION_TYPES.get(n.kind, str(n.kind))
    return m.Notification(
        id=n.id,
        type=kind,
        created_at=iso(n.created_at),
        account=account(view.actor, base),
        status=status(view.tweet, base) if view.tweet is not None else None,
        group_key=f"ungrouped-{n.id}",
    )
