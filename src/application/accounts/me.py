"""Reading and editing your own account."""

from __future__ import annotations

from dataclasses import dataclass

from application.ports.security import PasswordHasher, TokenMinter
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import AuthenticationFailed, Conflict, NotFound
from domain.profile import Profile, valid_password


class GetMe:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, profile_id: str) -> Profile:
        async with self._uow(read_only=True) as uow:
            profile = await uow.profiles.get(profile_id)
        if profile is None:
            raise NotFound("profile")
        return profile


@dataclass(frozen=True)
class ProfileEdit:
    """Only the fields a user may change; None leaves a field as it is."""

    username: str | None = None
    display_name: str | None = None
    bio: str | None = None
    email: str | None = None


class EditProfile:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    @retry_on_conflict
    async def __call__(self, profile_id: str, edit: ProfileEdit) -> Profile:
        async with self._uow() as uow:
            current = await uow.profiles.get(profile_id)
            if current is None:
                raise NotFound("profile")
            edited = current.edited(
                username=edit.username,
                display_name=edit.display_name,
                bio=edit.bio,
                email=edit.email,
            )
            renamed = edited.username_key != current.username_key
            if renamed and await uow.profiles.get_by_username(edited.username):
                raise Conflict("username", "this username is taken")
            readdressed = edited.email_key != current.email_key
            if readdressed and await uow.profiles.get_by_email(edited.email):
                raise Conflict("email", "this email is already registered")
            await uow.profiles.update(edited)
            await uow.commit()
        return edited


class ChangePassword:
    """Every other session of the user ends: a changed password is often a stolen one."""

    def __init__(self, uow: UnitOfWorkFactory, hasher: PasswordHasher, minter: TokenMinter) -> None:
        self._uow, self._hasher, self._minter = uow, hasher, minter

    @retry_on_conflict
    async def __call__(
        self, profile_id: str, current_secret: str, current_password: str, new_password: str
    ) -> None:
        valid_password(new_password, field="new_password")
        async with self._uow() as uow:
            profile = await uow.profiles.get(profile_id)
            if profile is None:
                raise NotFound("profile")
            if not await self._hasher.verify(profile.password_hash, current_password):
                raise AuthenticationFailed("the current password is wrong")
            new_hash = await self._hasher.hash(new_password)
            await uow.profiles.update(profile.with_password_hash(new_hash))
            await uow.tokens.revoke_all_of(
                profile_id, except_digest=self._minter.digest(current_secret)
            )
            await uow.commit()
