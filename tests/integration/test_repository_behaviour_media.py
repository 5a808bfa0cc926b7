"""The media repository behaviour suite, run on every storage backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.media import Media
from domain.profile import Profile
from tests.conftest import BACKENDS

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
OWNER = Profile.register(
    id="01OWNER0000000000000000000",
    username="owner",
    email="owner@example.com",
    password_hash="$argon2id$fake",
    display_name=None,
    created_at=NOW,
)


def a_media(n: int, *, created_at: datetime = NOW) -> Media:
    return Media(
        id=f"01M{n:023d}",
        owner_id=OWNER.id,
        storage_key=f"storageKey{n:06d}.png",
        content_type="image/png",
        width=40 + n,
        height=30,
        size_bytes=1000 + n,
        created_at=created_at,
    )


async def store(uow_factory, *media: Media, picture: str | None = None) -> None:
    async with uow_factory() as uow:
        await uow.profiles.add(OWNER.with_picture(picture))
        for item in media:
            await uow.media.add(item)
        await uow.commit()


async def test_a_record_is_found_by_id_and_by_storage_key(uow_factory):
    await store(uow_factory, a_media(1))
    async with uow_factory(read_only=True) as uow:
        assert await uow.media.get(a_media(1).id) == a_media(1)
        assert await uow.media.get_by_storage_key(a_media(1).storage_key) == a_media(1)
        assert await uow.media.get_by_storage_key("missingKey00.png") is None


async def test_a_removed_record_is_gone(uow_factory):
    await store(uow_factory, a_media(1), a_media(2))
    async with uow_factory() as uow:
        await uow.media.remove(a_media(1).id)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.media.get(a_media(1).id) is None
        assert await uow.media.get(a_media(2).id) == a_media(2)


async def test_known_storage_keys_names_the_keys_some_record_holds(uow_factory):
    await store(uow_factory, a_media(1), a_media(2))
    asked = [a_media(1).storage_key, "strayFile0000.png", a_media(2).storage_key]
    async with uow_factory(read_only=True) as uow:
        assert await uow.media.known_storage_keys(asked) == {
            a_media(1).storage_key,
            a_media(2).storage_key,
        }
        assert await uow.media.known_storage_keys([]) == set()


async def test_known_storage_keys_answers_for_more_keys_than_one_query_holds(uow_factory):
    await store(uow_factory, a_media(7))
    asked = [f"strayFile{n:06d}.png" for n in range(1200)] + [a_media(7).storage_key]
    async with uow_factory(read_only=True) as uow:
        assert await uow.media.known_storage_keys(asked) == {a_media(7).storage_key}


async def test_unused_older_than_skips_new_uploads_tweet_media_and_pictures(uow_factory):
    old = NOW - timedelta(hours=2)
    unused, in_tweet, picture = (
        a_media(1, created_at=old),
        a_media(2, created_at=old),
        a_media(3, created_at=old),
    )
    fresh = a_media(4)
    await store(uow_factory, unused, in_tweet, picture, fresh, picture=picture.storage_key)
    async with uow_factory() as uow:
        await uow.media.attach_to_tweet([in_tweet.id], "01TWEET0000000000000000000")
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        found = await uow.media.unused_older_than(NOW - timedelta(hours=1))
    assert [m.id for m in found] == [unused.id]


async def test_media_already_attached_cannot_be_attached_again(uow_factory):
    first, second = a_media(1), a_media(2)
    await store(uow_factory, first, second)
    async with uow_factory() as uow:
        assert await uow.media.attach_to_tweet([first.id], "01TWEETA000000000000000000")
        await uow.commit()
    async with uow_factory() as uow:
        taken = await uow.media.attach_to_tweet([second.id, first.id], "01TWEETB000000000000000000")
    assert taken is False
    async with uow_factory(read_only=True) as uow:
        found = await uow.media.get_many([first.id, second.id])
    assert found[first.id].tweet_id == "01TWEETA000000000000000000"
    assert found[second.id].tweet_id is None
