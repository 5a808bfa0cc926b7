"""Setting and removing a profile picture.

The picture is a media record owned by the user, so the orphan sweep sees it is in
use. The picture it replaces loses its record in the same transaction and its bytes
right after the commit, once nothing refers to them.
"""

from __future__ import annotations

from application.media.storage import check_upload, discard, new_storage_key
from application.media.upload import media_of
from application.ports.media import ImageProcessor, MediaStore, ProcessedImage
from application.ports.system import Clock, IdGenerator
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import NotFound
from domain.media import PICTURE_BOX
from domain.profile import Profile


class SetProfilePicture:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        store: MediaStore,
        processor: ImageProcessor,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._uow, self._store, self._processor = uow, store, processor
        self._clock, self._ids = clock, ids

    async def __call__(self, user_id: str, data: bytes) -> Profile:
        check_upload(data)
        image = await self._processor.process(data, fit_within=PICTURE_BOX)
        key = new_storage_key(image.content_type)
        await self._store.put(key, image.data, image.content_type)
        try:
            profile, released = await self._swap(user_id, key, image)
        except BaseException:
            await discard(self._store, [key])
            raise
        await discard(self._store, released)
        return profile

    @retry_on_conflict
    async def _swap(
        self, user_id: str, key: str, image: ProcessedImage
    ) -> tuple[Profile, list[str]]:
        media = media_of(image, id=self._ids.new_id(), owner_id=user_id, key=key, clock=self._clock)
        async with self._uow() as uow:
            profile = await _profile(uow, user_id)
            await uow.media.add(media)
            released = await _release_picture(uow, profile.picture_key)
            updated = profile.with_picture(key)
            await uow.profiles.update(updated)
            await uow.commit()
        return updated, released


class RemoveProfilePicture:
    def __init__(self, uow: UnitOfWorkFactory, store: MediaStore) -> None:
        self._uow, self._store = uow, store

    async def __call__(self, user_id: str) -> Profile:
        profile, released = await self._clear(user_id)
        await discard(self._store, released)
        return profile

    @retry_on_conflict
    async def _clear(self, user_id: str) -> tuple[Profile, list[str]]:
        async with self._uow() as uow:
            profile = await _profile(uow, user_id)
            if profile.picture_key is None:
                return profile, []
            released = await _release_picture(uow, profile.picture_key)
            updated = profile.with_picture(None)
            await uow.profiles.update(updated)
            await uow.commit()
        return updated, released


async def _profile(uow: UnitOfWork, user_id: str) -> Profile:
    profile = await uow.profiles.get(user_id)
    if profile is None:
        raise NotFound("profile")
    return profile


async def _release_picture(uow: UnitOfWork, key: str | None) -> list[str]:
    """Drops the record of a picture being replaced; the keys whose bytes may go."""
    if key is None:
        return []
    media = await uow.media.get_by_storage_key(key)
    if media is not None and media.tweet_id is not None:
        return []  # a tweet shows the same bytes: they stay with the tweet
    if media is not None:
        await uow.media.remove(media.id)
    return [key]
