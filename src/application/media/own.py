"""One of your own uploads, by id (someone else's answers as unknown)."""

from __future__ import annotations

from application.transaction import UnitOfWorkFactory
from domain.errors import NotFound
from domain.media import Media


class GetOwnMedia:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, owner_id: str, media_id: str) -> Media:
        async with self._uow(read_only=True) as uow:
            found = await uow.media.get(media_id)
        if found is None or found.owner_id != owner_id:
            raise NotFound("media")
        return found
