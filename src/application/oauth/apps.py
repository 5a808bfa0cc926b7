"""Registering an OAuth client, and recognising it again by its credentials."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from application.ports.security import TokenMinter
from application.ports.system import Clock, IdGenerator
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import InvalidInput
from domain.oauth import OAuthApp, OAuthError, check_redirect_uris, parse_scopes, scopes_within

MAX_APP_NAME = 200


@dataclass(frozen=True)
class RegisteredApp:
    app: OAuthApp
    client_secret: str  # handed out once; only its digest is kept


class RegisterApp:
    def __init__(
        self, uow: UnitOfWorkFactory, minter: TokenMinter, clock: Clock, ids: IdGenerator
    ) -> None:
        self._uow, self._minter, self._clock, self._ids = uow, minter, clock, ids

    @retry_on_conflict
    async def __call__(
        self, name: str, redirect_uris: str, scopes: str | None, website: str | None
    ) -> RegisteredApp:
        name = name.strip()
        if not name or len(name) > MAX_APP_NAME:
            raise InvalidInput.of("client_name", f"must be 1 to {MAX_APP_NAME} characters")
        uris = check_redirect_uris(redirect_uris)
        try:
            granted = parse_scopes(scopes)
        except OAuthError as error:
            raise InvalidInput.of("scopes", error.description) from None
        secret = self._minter.new_secret()
        app = OAuthApp(
            id=self._ids.new_id(),
            client_id=self._minter.new_secret(),
            secret_digest=self._minter.digest(secret),
            name=name,
            redirect_uris=uris,
            scopes=granted,
            website=(website or "").strip() or None,
            created_at=self._clock.now(),
        )
        async with self._uow() as uow:
            await uow.oauth.add_app(app)
            await uow.commit()
        return RegisteredApp(app=app, client_secret=secret)


async def client_of(
    uow: UnitOfWork, minter: TokenMinter, client_id: str, client_secret: str | None
) -> OAuthApp:
    """The app these credentials name; `client_secret` None skips the secret (public
    clients using PKCE). One answer for an unknown id and a wrong secret."""
    app = await uow.oauth.app_by_client_id(client_id) if client_id else None
    if app is None or (
        client_secret is not None
        and not hmac.compare_digest(app.secret_digest, minter.digest(client_secret))
    ):
        raise OAuthError("invalid_client", "client authentication failed")
    return app


class FindClient:
    """The app behind a client_id, for the authorization page (no secret there)."""

    def __init__(self, uow: UnitOfWorkFactory, minter: TokenMinter) -> None:
        self._uow, self._minter = uow, minter

    async def __call__(self, client_id: str, redirect_uri: str, scopes: str | None) -> OAuthApp:
        async with self._uow(read_only=True) as uow:
            app = await client_of(uow, self._minter, client_id, None)
        if not app.accepts_redirect(redirect_uri):
            raise OAuthError("invalid_request", "redirect_uri is not registered for this app")
        wanted = parse_scopes(scopes, default=" ".join(sorted(app.scopes)))
        if not scopes_within(wanted, app.scopes):
            raise OAuthError("invalid_scope", "the app was not registered for these scopes")
        return app
