from __future__ import annotations

from dataclasses import dataclass

from application.ports.security import PasswordHasher
from application.ports.system import Clock, IdGenerator
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import Conflict
from domain.profile import Profile, valid_password


@dataclass(frozen=True)
class SignupInput:
    username: str
    email: str
    password: str
    display_name: str | None = None


class SignUp:
    def __init__(
        self, uow: UnitOfWorkFactory, hasher: PasswordHasher, clock: Clock, ids: IdGenerator
    ) -> None:
        self._uow, self._hasher, self._clock, self._ids = uow, hasher, clock, ids

    async def __call__(self, data: SignupInput) -> Profile:
        Profile.register(  # validate every field before paying for the hash
            id="-",
            username=data.username,
            email=data.email,
            password_hash="-",
            display_name=data.display_name,
            created_at=self._clock.now(),
        )
        valid_password(data.password)
        password_hash = await self._hasher.hash(data.password)
        return await self._store(data, password_hash)

    @retry_on_conflict
    async def _store(self, data: SignupInput, password_hash: str) -> Profile:
        profile = Profile.register(
            id=self._ids.new_id(),
            username=data.username,
            email=data.email,
            password_hash=password_hash,
            display_name=data.display_name,
            created_at=self._clock.now(),
        )
        async with self._uow() as uow:
            if await uow.profiles.get_by_username(profile.username):
                raise Conflict("username", "this username is taken")
            if await uow.profiles.get_by_email(profile.email):
                raise Conflict("email", "this email is already registered")
            await uow.profiles.add(profile)
            await uow.commit()
        return profile
