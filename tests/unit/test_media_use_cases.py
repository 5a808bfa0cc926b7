"""The media use cases on in-memory adapters: uploads, pictures, serving bytes."""

from __future__ import annotations

import pytest

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from application.media.storage import new_storage_key
from domain.errors import ContentTooLarge, InvalidInput, NotFound, UnsupportedMedia
from domain.media import MAX_UPLOAD_BYTES
from tests.support.media import IMAGE, CommitFails, MediaKit


@pytest.fixture
def kit(clock) -> MediaKit:
    return MediaKit(MemoryUnitOfWorkFactory(), clock)


async def test_an_upload_stores_the_processed_bytes_and_records_what_they_are(kit):
    alice = await kit.register("alice")

    media = await kit.upload(alice, IMAGE)

    assert await kit.store.get(media.storage_key) == b"clean " + IMAGE
    assert await kit.record(media.storage_key) == media
    assert (media.owner_id, media.content_type) == (alice, "image/png")
    assert (media.width, media.height, media.size_bytes) == (800, 600, len(b"clean " + IMAGE))
    assert media.created_at == kit.clock.now() and media.tweet_id is None


async def test_storage_keys_are_random_with_the_extension_of_the_detected_type(kit):
    alice = await kit.register("alice")
    first = await kit.upload(alice, IMAGE)
    second = await kit.upload(alice, IMAGE)
    assert first.storage_key != second.storage_key
    assert first.storage_key.endswith(".png")
    assert len(first.storage_key) >= 32
    assert new_storage_key("image/jpeg").endswith(".jpg")
    assert new_storage_key("image/webp").endswith(".webp")


async def test_an_upload_that_is_not_an_image_stores_nothing(kit):
    alice = await kit.register("alice")
    with pytest.raises(UnsupportedMedia):
        await kit.upload(alice, b"plain text")
    assert len(kit.store) == 0


async def test_an_empty_or_oversized_upload_is_refused_before_processing(kit):
    alice = await kit.register("alice")
    with pytest.raises(InvalidInput) as empty:
        await kit.upload(alice, b"")
    assert empty.value.problems[0].field == "file"
    with pytest.raises(ContentTooLarge):
        await kit.upload(alice, b"img" + b"x" * MAX_UPLOAD_BYTES)
    assert len(kit.store) == 0


async def test_a_failed_transaction_leaves_no_orphan_bytes(kit):
    alice = await kit.register("alice")
    with pytest.raises(ConnectionError):
        await kit.uploader(CommitFails(kit.uow))(alice, IMAGE)
    assert len(kit.store) == 0


async def test_an_upload_for_an_unknown_user_leaves_nothing_behind(kit):
    with pytest.raises(NotFound):
        await kit.upload("01NOBODY00000000000000000", IMAGE)
    assert len(kit.store) == 0


async def test_a_picture_is_fitted_stored_recorded_and_shown_on_the_profile(kit):
    alice = await kit.register("alice")

    profile = await kit.set_picture(alice, IMAGE)

    key = profile.picture_key
    assert key is not None and (await kit.profile(alice)).picture_key == key
    record = await kit.record(key)
    assert record is not None and record.owner_id == alice
    assert (record.width, record.height) == (400, 300)
    assert await kit.store.get(key) == b"clean " + IMAGE


async def test_a_new_picture_replaces_the_old_record_and_bytes(kit):
    alice = await kit.register("alice")
    old = (await kit.set_picture(alice, IMAGE)).picture_key
    new = (await kit.set_picture(alice, IMAGE + b" v2")).picture_key
    assert old and new and old != new
    assert await kit.record(old) is None
    assert await kit.store.get(old) is None
    assert await kit.store.get(new) == b"clean " + IMAGE + b" v2"
    assert len(kit.store) == 1


async def test_a_failed_picture_change_keeps_the_old_picture_and_drops_the_new_bytes(kit):
    alice = await kit.register("alice")
    old = (await kit.set_picture(alice, IMAGE)).picture_key
    with pytest.raises(ConnectionError):
        await kit.picture_setter(CommitFails(kit.uow))(alice, IMAGE + b" v2")
    assert (await kit.profile(alice)).picture_key == old
    assert old is not None and await kit.store.get(old) is not None
    assert len(kit.store) == 1


async def test_a_picture_that_is_not_an_image_changes_nothing(kit):
    alice = await kit.register("alice")
    old = (await kit.set_picture(alice, IMAGE)).picture_key
    with pytest.raises(UnsupportedMedia):
        await kit.set_picture(alice, b"plain text")
    assert (await kit.profile(alice)).picture_key == old


async def test_removing_the_picture_removes_its_record_and_bytes_and_is_idempotent(kit):
    alice = await kit.register("alice")
    key = (await kit.set_picture(alice, IMAGE)).picture_key
    assert key is not None

    removed = await kit.remove_picture(alice)
    again = await kit.remove_picture(alice)

    assert removed.picture_key is None and again.picture_key is None
    assert (await kit.profile(alice)).picture_key is None
    assert await kit.record(key) is None
    assert len(kit.store) == 0


async def test_picture_bytes_a_tweet_also_uses_stay_when_the_picture_changes(kit):
    alice = await kit.register("alice")
    key = (await kit.set_picture(alice, IMAGE)).picture_key
    assert key is not None
    record = await kit.record(key)
    assert record is not None
    await kit.attach(record.id, "01TWEET000000000000000000")

    await kit.remove_picture(alice)

    assert await kit.store.get(key) is not None
    assert await kit.record(key) is not None


async def test_pictures_of_unknown_users_are_not_found(kit):
    with pytest.raises(NotFound):
        await kit.set_picture("01NOBODY00000000000000000", IMAGE)
    with pytest.raises(NotFound):
        await kit.remove_picture("01NOBODY00000000000000000")
    assert len(kit.store) == 0


async def test_stored_bytes_are_served_with_their_recorded_type(kit):
    alice = await kit.register("alice")
    media = await kit.upload(alice, IMAGE)
    served = await kit.get_bytes(media.storage_key)
    assert (served.data, served.content_type) == (b"clean " + IMAGE, "image/png")


async def test_unknown_keys_and_bytes_without_a_record_are_not_found(kit):
    await kit.store.put("strayFileWithoutRecord.png", b"bytes", "image/png")
    for key in ("strayFileWithoutRecord.png", "neverStoredAnywhere.png", "../../etc/passwd"):
        with pytest.raises(NotFound):
            await kit.get_bytes(key)


async def test_a_record_whose_bytes_are_gone_is_not_found(kit):
    alice = await kit.register("alice")
    media = await kit.upload(alice, IMAGE)
    await kit.store.delete(media.storage_key)
    with pytest.raises(NotFound):
        await kit.get_bytes(media.storage_key)
