"""OAuth grants: each turns proof (a password, an authorization code, the client's own
credentials) into a token with scopes, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from application.accounts.login import LoginPolicy, PasswordCheck
from application.oauth.apps import client_of
from application.ports.security import PasswordHasher, TokenMinter
from application.ports.system import Clock
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import AuthenticationFailed
from domain.oauth import (
    CODE_LIFETIME,
    AppToken,
    AuthorizationCode,
    OAuthApp,
    OAuthError,
    parse_scopes,
    scopes_within,
)
from domain.token import AccessToken


@dataclass(frozen=True)
class ScopedToken:
    secret: str
    scopes: frozenset[str]
    created_at: datetime


def _wanted_scopes(app: OAuthApp, raw: str | None) -> frozenset[str]:
    wanted = parse_scopes(raw, default=" ".join(sorted(app.scopes)))
    if not scopes_within(wanted, app.scopes):
        raise OAuthError("invalid_scope", "the app was not registered for these scopes")
    return wanted


class _Issuer:
    def __init__(self, minter: TokenMinter, clock: Clock, policy: LoginPolicy) -> None:
        self.minter, self.clock, self.policy = minter, clock, policy

    async def user_token(
        self, uow: UnitOfWork, profile_id: str, app: OAuthApp, scopes: frozenset[str]
    ) -> ScopedToken:
        now = self.clock.now()
        secret = self.minter.new_secret()
        await uow.tokens.add(
            AccessToken(
                digest=self.minter.digest(secret),
                profile_id=profile_id,
                created_at=now,
                expires_at=now + self.policy.token_lifetime,
                scopes=scopes,
                app_id=app.id,
            )
        )
        return ScopedToken(secret=secret, scopes=scopes, created_at=now)


class PasswordGrant:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        minter: TokenMinter,
        clock: Clock,
        policy: LoginPolicy,
    ) -> None:
        self._uow, self._minter = uow, minter
        self._check = PasswordCheck(hasher, clock, policy)
        self._issue = _Issuer(minter, clock, policy)

    @retry_on_conflict
    async def __call__(
        self, client_id: str, client_secret: str, login: str, password: str, scopes: str | None
    ) -> ScopedToken:
        async with self._uow() as uow:
            app = await client_of(uow, self._minter, client_id, client_secret)
            wanted = _wanted_scopes(app, scopes)
            try:
                profile = await self._check.verified(uow, login, password)
            except AuthenticationFailed:
                raise OAuthError("invalid_grant", "wrong username or password") from None
            token = await self._issue.user_token(uow, profile.id, app, wanted)
            await uow.commit()
        return token


@dataclass(frozen=True)
class AuthorizationRequest:
    client_id: str
    redirect_uri: str
    scopes: str | None
    code_challenge: str | None
    code_challenge_method: str | None


class AuthorizeClient:
    """The consent page's answer: the person proves who they are, the app gets a code."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        minter: TokenMinter,
        clock: Clock,
        policy: LoginPolicy,
    ) -> None:
        self._uow, self._minter, self._clock = uow, minter, clock
        self._check = PasswordCheck(hasher, clock, policy)

    @retry_on_conflict
    async def __call__(self, request: AuthorizationRequest, login: str, password: str) -> str:
        method = request.code_challenge_method
        if request.code_challenge and (method or "plain") != "S256":
            raise OAuthError("invalid_request", "only code_challenge_method S256 is supported")
        async with self._uow() as uow:
            app = await client_of(uow, self._minter, request.client_id, None)
            if not app.accepts_redirect(request.redirect_uri):
                raise OAuthError("invalid_request", "redirect_uri is not registered")
            wanted = _wanted_scopes(app, request.scopes)
            profile = await self._check.verified(uow, login, password)
            now = self._clock.now()
            secret = self._minter.new_secret()
            await uow.oauth.add_code(
                AuthorizationCode(
                    digest=self._minter.digest(secret),
                    app_id=app.id,
                    profile_id=profile.id,
                    redirect_uri=request.redirect_uri,
                    scopes=wanted,
                    code_challenge=request.code_challenge or None,
                    created_at=now,
                    expires_at=now + CODE_LIFETIME,
                )
            )
            await uow.commit()
        return secret


class RedeemAuthorizationCode:
    def __init__(
        self, uow: UnitOfWorkFactory, minter: TokenMinter, clock: Clock, policy: LoginPolicy
    ) -> None:
        self._uow, self._minter, self._clock = uow, minter, clock
        self._issue = _Issuer(minter, clock, policy)

    @retry_on_conflict
    async def __call__(
        self,
        client_id: str,
        client_secret: str | None,
        code: str,
        redirect_uri: str,
        code_verifier: str | None,
    ) -> ScopedToken:
        async with self._uow() as uow:
            app = await client_of(uow, self._minter, client_id, client_secret)
            # Taken before it is judged: a wrong attempt uses the code up as well.
            found = await uow.oauth.take_code(self._minter.digest(code))
            if found is None:
                raise OAuthError("invalid_grant", "the code is invalid, used or expired")
            if client_secret is None and found.code_challenge is None:
                raise OAuthError("invalid_client", "client authentication failed")
            try:
                found.check_redeemable(app.id, redirect_uri, code_verifier, self._clock.now())
            except OAuthError:
                await uow.commit()
                raise
            token = await self._issue.user_token(uow, found.profile_id, app, found.scopes)
            await uow.commit()
        return token


class ClientCredentialsGrant:
    def __init__(self, uow: UnitOfWorkFactory, minter: TokenMinter, clock: Clock) -> None:
        self._uow, self._minter, self._clock = uow, minter, clock

    @retry_on_conflict
    async def __call__(self, client_id: str, client_secret: str, scopes: str | None) -> ScopedToken:
        async with self._uow() as uow:
            app = await client_of(uow, self._minter, client_id, client_secret)
            wanted = _wanted_scopes(app, scopes)
            secret, now = self._minter.new_secret(), self._clock.now()
            await uow.oauth.add_app_token(
                AppToken(
                    digest=self._minter.digest(secret),
                    app_id=app.id,
                    scopes=wanted,
                    created_at=now,
                )
            )
            await uow.commit()
        return ScopedToken(secret=secret, scopes=wanted, created_at=now)


class RevokeToken:
    """RFC 7009: the client ends one of its tokens; an unknown token is not an error."""

    def __init__(self, uow: UnitOfWorkFactory, minter: TokenMinter) -> None:
        self._uow, self._minter = uow, minter

    @retry_on_conflict
    async def __call__(self, client_id: str, client_secret: str, token: str) -> None:
        digest = self._minter.digest(token)
        async with self._uow() as uow:
            app = await client_of(uow, self._minter, client_id, client_secret)
            user_token = await uow.tokens.get(digest)
            if user_token is not None and user_token.app_id == app.id:
                await uow.tokens.revoke(digest)
            app_token = await uow.oauth.app_token(digest)
            if app_token is not None and app_token.app_id == app.id:
                await uow.oauth.revoke_app_token(digest)
            await uow.commit()


@dataclass(frozen=True)
class Grant:
    """What a bearer token lets its holder do: as whom (None: the app alone), with which
    scopes (None: everything, Chirp's own tokens) and through which app."""

    profile_id: str | None
    scopes: frozenset[str] | None
    app: OAuthApp | None


class ResolveGrant:
    def __init__(self, uow: UnitOfWorkFactory, minter: TokenMinter, clock: Clock) -> None:
        self._uow, self._minter, self._clock = uow, minter, clock

    async def __call__(self, secret: str, *, with_app: bool = False) -> Grant:
        """AuthenticationFailed when the token is unknown, expired or revoked."""
        digest = self._minter.digest(secret)
        async with self._uow(read_only=True) as uow:
            token = await uow.tokens.get(digest)
            if token is not None:
                if not token.is_active(self._clock.now()):
                    raise AuthenticationFailed("the token is invalid, expired or revoked")
                app = await uow.oauth.app(token.app_id) if with_app and token.app_id else None
                return Grant(profile_id=token.profile_id, scopes=token.scopes, app=app)
            app_token = await uow.oauth.app_token(digest)
            if app_token is None or app_token.revoked:
                raise AuthenticationFailed("the token is invalid, expired or revoked")
            app = await uow.oauth.app(app_token.app_id) if with_app else None
            return Grant(profile_id=None, scopes=app_token.scopes, app=app)
