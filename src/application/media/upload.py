"""Uploading an image a tweet may use later."""

from __future__ import annotations

from application.media.storage import check_upload, discard, new_storage_key
from application.ports.media import ImageProcessor, MediaStore, ProcessedImage
from application.ports.system import Clock, IdGenerator
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import NotFound
from domain.media import Media


class UploadMedia:
    """The bytes are stored before the record is committed, so a committed record
    always has its bytes; if the commit fails the bytes are deleted again."""

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

    async def __call__(self, owner_id: str, data: bytes) -> Media:
        check_upload(data)
        image = await self._processor.process(data)
        key = new_storage_key(image.content_type)
        await self._store.put(key, image.data, image.content_type)
        try:
            return await self._record(owner_id, key, image)
        except BaseException:
            await discard(self._store, [key])
            raise

    @retry_on_conflict
    async def _record(self, owner_id: str, key: str, image: ProcessedImage) -> Media:
        media = media_of(
            image, id=self._ids.new_id(), owner_id=owner_id, key=key, clock=self._clock
        )
        async with self._uow() as uow:
            if await uow.profiles.get(owner_id) is None:
                raise NotFound("profile")
            await uow.media.add(media)
            await uow.commit()
        return media


def media_of(image: ProcessedImage, *, id: str, owner_id: str, key: str, clock: Clock) -> Media:
    return Media(
        id=id,
        owner_id=owner_id,
        storage_key=key,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        size_bytes=len(image.data),
        created_at=clock.now(),
    )
