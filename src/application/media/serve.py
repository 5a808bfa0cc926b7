"""Reading the bytes of an image by its storage key."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports.media import MediaStore
from application.transaction import UnitOfWorkFactory
from domain.errors import NotFound


@dataclass(frozen=True)
class MediaBytes:
    data: bytes
    content_type: str


class GetMediaBytes:
    """Only keys with a record are served: bytes waiting for the sweep are not media."""

    def __init__(self, uow: UnitOfWorkFactory, store: MediaStore) -> None:
        self._uow, self._store = uow, store

    async def __call__(self, storage_key: str) -> MediaBytes:
        async with self._uow(read_only=True) as uow:
            media = await uow.media.get_by_storage_key(storage_key)
        data = await self._store.get(storage_key) if media is not None else None
        if media is None or data is None:
            raise NotFound("media")
        return MediaBytes(data=data, content_type=media.content_type)
