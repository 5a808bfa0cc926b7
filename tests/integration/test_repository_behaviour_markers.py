"""Behaviour suite for reading positions (markers) and for dismissing notifications,
run on every storage backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.marker import Marker
from domain.notification import Notification, NotificationKind
from tests.conftest import BACKENDS
from tests.integration.test_repository_behaviour_accounts import a_profile

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


async def _people(uow_factory) -> None:  # type: ignore[no-untyped-def]
    async with uow_factory() as uow:
        for n in (1, 2):
            await uow.profiles.add(a_profile(n))
        await uow.commit()


def a_notification(n: int, recipient: int = 1) -> Notification:
    return Notification(
        id=f"01N{n:023d}",
        recipient_id=a_profile(recipient).id,
        kind=NotificationKind.FOLLOW,
        actor_id=a_profile(3 - recipient).id,
        tweet_id=None,
        created_at=NOW + timedelta(seconds=n),
    )


async def test_a_saved_marker_replaces_the_previous_one_of_its_timeline(uow_factory):
    await _people(uow_factory)
    me = a_profile(1).id
    first = Marker(me, "home", "01T1", 1, NOW)
    async with uow_factory() as uow:
        await uow.markers.save(first)
        await uow.markers.save(Marker(me, "notifications", "01N1", 1, NOW))
        await uow.commit()
    moved = first.moved_to("01T2", NOW + timedelta(minutes=1))
    async with uow_factory() as uow:
        await uow.markers.save(moved)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        mine = await uow.markers.of_profile(me)
        theirs = await uow.markers.of_profile(a_profile(2).id)
    assert [m.timeline for m in mine] == ["home", "notifications"]
    assert mine[0] == moved and mine[0].version == 2
    assert theirs == []


async def test_dismiss_removes_only_the_recipients_own_notification(uow_factory):
    await _people(uow_factory)
    async with uow_factory() as uow:
        await uow.notifications.add(a_notification(1))
        await uow.notifications.add(a_notification(2))
        await uow.notifications.add(a_notification(3, recipient=2))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.notifications.dismiss(a_profile(2).id, a_notification(1).id) is False
        assert await uow.notifications.dismiss(a_profile(1).id, a_notification(1).id) is True
        assert await uow.notifications.dismiss(a_profile(1).id, a_notification(1).id) is False
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.notifications.get(a_notification(1).id) is None
        assert await uow.notifications.get(a_notification(2).id) is not None


async def test_clear_removes_every_notification_of_the_recipient_and_no_other(uow_factory):
    await _people(uow_factory)
    async with uow_factory() as uow:
        for n in (1, 2):
            await uow.notifications.add(a_notification(n))
        await uow.notifications.add(a_notification(3, recipient=2))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.notifications.clear(a_profile(1).id)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.notifications.unread_count(a_profile(1).id) == 0
        assert await uow.notifications.unread_count(a_profile(2).id) == 1
