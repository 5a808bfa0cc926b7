"""Storage of OAuth clients, their authorization codes and app-only tokens."""

from __future__ import annotations

from typing import Protocol

from domain.oauth import AppToken, AuthorizationCode, OAuthApp


class OAuthRepository(Protocol):
    async def add_app(self, app: OAuthApp) -> None: ...

    async def app(self, app_id: str) -> OAuthApp | None: ...

    async def app_by_client_id(self, client_id: str) -> OAuthApp | None: ...

    async def add_code(self, code: AuthorizationCode) -> None: ...

    async def take_code(self, digest: str) -> AuthorizationCode | None:
        """The code, removed in the same step: of two concurrent takers only one gets it."""
        ...

    async def add_app_token(self, token: AppToken) -> None: ...

    async def app_token(self, digest: str) -> AppToken | None: ...

    async def revoke_app_token(self, digest: str) -> None: ...
