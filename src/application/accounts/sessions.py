"""Bearer tokens: resolving one to its profile, and ending it."""

from __future__ import annotations

from application.ports.security import TokenMinter
from application.ports.system import Clock
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import AuthenticationFailed


class Authenticate:
    def __init__(self, uow: UnitOfWorkFactory, minter: TokenMinter, clock: Clock) -> None:
        self._uow, self._minter, self._clock = uow, minter, clock

    async def __call__(self, secret: str) -> str:
        """The id of the token's profile; AuthenticationFailed when unknown, expired or
        revoked, and for a token an OAuth client holds: Chirp's own API has no scopes to
        hold it to, so a `read` token must not act there with full access."""
        async with self._uow(read_only=True) as uow:
            token = await uow.tokens.get(self._minter.digest(secret))
        if token is None or not token.is_active(self._clock.now()) or token.scopes is not None:
            raise AuthenticationFailed("the token is invalid, expired or revoked")
        return token.profile_id


class LogOut:
    def __init__(self, uow: UnitOfWorkFactory, minter: TokenMinter) -> None:
        self._uow, self._minter = uow, minter

    @retry_on_conflict
    async def __call__(self, secret: str) -> None:
        async with self._uow() as uow:
            await uow.tokens.revoke(self._minter.digest(secret))
            await uow.commit()
