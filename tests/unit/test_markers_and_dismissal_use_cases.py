"""Markers (reading positions), one notification, dismissing and clearing them, and
reading your own upload back: the use cases the Mastodon API added, on memory adapters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.media.memory_store import MemoryMediaStore
from adapters.media.pillow_processor import PillowImageProcessor
from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.system.ids import UlidGenerator
from application.markers import GetMarkers, SaveMarkers
from application.media.own import GetOwnMedia
from application.media.upload import UploadMedia
from application.notifications.dismiss import (
    ClearNotifications,
    DismissNotification,
    GetNotification,
)
from application.pagination import PageRequest
from domain.errors import InvalidInput, NotFound
from tests.support.images import png
from tests.support.social import Social


@pytest.fixture
def social(clock) -> Social:
    return Social(MemoryUnitOfWorkFactory(), clock)


async def _three_notifications(social: Social) -> tuple[str, str, list[str]]:
    ann, bob = await social.register("ann"), await social.register("bob")
    tweet = await social.tweet(ann, "hello")
    await social.like(tweet.tweet.id, bob)
    social.clock.advance(timedelta(seconds=1))
    await social.retweet(tweet.tweet.id, bob)
    social.clock.advance(timedelta(seconds=1))
    await social.follow(bob, "ann")
    page = await social.notifications(ann, PageRequest())
    return ann, bob, [n.notification.id for n in page.items]


async def test_markers_move_with_a_version_and_mark_notifications_read(social: Social) -> None:
    ann, _bob, ids = await _three_notifications(social)
    save, get = SaveMarkers(social.uow, social.clock), GetMarkers(social.uow)
    assert await get(ann, ["home", "notifications"]) == {}
    first = await save(ann, {"notifications": ids[1], "home": "01TWEET"})
    assert first["notifications"].version == 1 and first["home"].last_read_id == "01TWEET"
    social.clock.advance(timedelta(minutes=1))
    moved = await save(ann, {"home": "01LATER"})
    assert moved["home"].version == 2 and moved["home"].updated_at == social.clock.now()
    found = await get(ann, ["home"])
    assert list(found) == ["home"] and found["home"].last_read_id == "01LATER"
    assert await social.unread_count(ann) == 1, "the one newer than the marker is unread"
    with pytest.raises(InvalidInput):
        await save(ann, {"lists": "x"})


async def test_a_notification_is_read_dismissed_and_cleared_by_its_recipient_only(
    social: Social,
) -> None:
    ann, bob, ids = await _three_notifications(social)
    one = await GetNotification(social.uow)(ann, ids[0])
    assert one.notification.id == ids[0] and one.actor.username == "bob"
    with pytest.raises(NotFound):
        await GetNotification(social.uow)(bob, ids[0])
    with pytest.raises(NotFound):
        await DismissNotification(social.uow)(bob, ids[0])
    await DismissNotification(social.uow)(ann, ids[0])
    left = await social.notifications(ann, PageRequest())
    assert [n.notification.id for n in left.items] == ids[1:]
    await ClearNotifications(social.uow)(ann)
    assert (await social.notifications(ann, PageRequest())).items == []


async def test_an_upload_is_read_back_by_its_owner_only(social: Social) -> None:
    ann, bob = await social.register("ann"), await social.register("bob")
    upload = UploadMedia(social.uow, MemoryMediaStore(social.clock), PillowImageProcessor(),
                         social.clock, UlidGenerator())  # fmt: skip
    media = await upload(ann, png())
    assert (await GetOwnMedia(social.uow)(ann, media.id)) == media
    with pytest.raises(NotFound):
        await GetOwnMedia(social.uow)(bob, media.id)
