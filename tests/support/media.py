"""The media use cases wired on one storage and an in-memory store, as the container
wires them, with a stand-in processor where decoding is not what a test is about."""

from __future__ import annotations

from typing import Any

from adapters.media.memory_store import MemoryMediaStore
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.media.pictures import RemoveProfilePicture, SetProfilePicture
from application.media.serve import GetMediaBytes
from application.media.sweep import SweepOrphans
from application.media.upload import UploadMedia
from application.ports.media import ImageProcessor, MediaStore, ProcessedImage
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory
from domain.errors import UnsupportedMedia
from domain.media import Media
from domain.profile import Profile

IMAGE = b"img:a picture"
FAKE_SIZE = (800, 600)


class StandInProcessor:
    """'Decodes' bytes that start with b"img" as an 800x600 PNG, refuses the rest."""

    async def process(
        self, data: bytes, *, fit_within: tuple[int, int] | None = None
    ) -> ProcessedImage:
        if not data.startswith(b"img"):
            raise UnsupportedMedia("not an image")
        width, height = FAKE_SIZE
        if fit_within:
            scale = min(1.0, fit_within[0] / width, fit_within[1] / height)
            width, height = round(width * scale), round(height * scale)
        return ProcessedImage(b"clean " + data, "image/png", width, height)


class CommitFails:
    """A unit of work factory whose transactions cannot commit, as when storage fails."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self._inner = inner

    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        uow: Any = self._inner(read_only=read_only)

        async def refuse() -> None:
            raise ConnectionError("the database went away")

        uow.commit = refuse
        return uow  # type: ignore[no-any-return]


class MediaKit:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: FixedClock | None = None,
        store: MediaStore | None = None,
        processor: ImageProcessor | None = None,
    ) -> None:
        self.uow = uow
        self.clock = clock or FixedClock()
        self.store = store or MemoryMediaStore(self.clock)
        self.processor = processor or StandInProcessor()
        self.ids = UlidGenerator()
        self.upload = UploadMedia(uow, self.store, self.processor, self.clock, self.ids)
        self.set_picture = self.picture_setter(uow)
        self.remove_picture = RemoveProfilePicture(uow, self.store)
        self.get_bytes = GetMediaBytes(uow, self.store)
        self.sweep = SweepOrphans(uow, self.store, self.clock)

    def uploader(self, uow: UnitOfWorkFactory) -> UploadMedia:
        return UploadMedia(uow, self.store, self.processor, self.clock, self.ids)

    def picture_setter(self, uow: UnitOfWorkFactory) -> SetProfilePicture:
        return SetProfilePicture(uow, self.store, self.processor, self.clock, self.ids)

    async def register(self, username: str) -> str:
        profile = Profile.register(
            id=self.ids.new_id(),
            username=username,
            email=f"{username}@example.com",
            password_hash="$argon2id$not-used-here",
            display_name=None,
            created_at=self.clock.now(),
        )
        async with self.uow() as uow:
            await uow.profiles.add(profile)
            await uow.commit()
        return profile.id

    async def profile(self, user_id: str) -> Profile:
        async with self.uow(read_only=True) as uow:
            found = await uow.profiles.get(user_id)
        assert found is not None
        return found

    async def record(self, storage_key: str) -> Media | None:
        async with self.uow(read_only=True) as uow:
            return await uow.media.get_by_storage_key(storage_key)

    async def attach(self, media_id: str, tweet_id: str) -> None:
        async with self.uow() as uow:
            await uow.media.attach_to_tweet([media_id], tweet_id)
            await uow.commit()
