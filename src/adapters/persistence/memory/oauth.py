from __future__ import annotations

from dataclasses import replace

from adapters.persistence.memory.store import MemoryTables
from domain.oauth import AppToken, AuthorizationCode, OAuthApp


class MemoryOAuth:
    def __init__(self, tables: MemoryTables) -> None:
        self._apps: dict[str, OAuthApp] = tables.extra.setdefault("oauth_apps", {})
        self._codes: dict[str, AuthorizationCode] = tables.extra.setdefault("oauth_codes", {})
        self._tokens: dict[str, AppToken] = tables.extra.setdefault("oauth_app_tokens", {})

    async def add_app(self, app: OAuthApp) -> None:
        self._apps[app.id] = app

    async def app(self, app_id: str) -> OAuthApp | None:
        return self._apps.get(app_id)

    async def app_by_client_id(self, client_id: str) -> OAuthApp | None:
        return next((a for a in self._apps.values() if a.client_id == client_id), None)

    async def add_code(self, code: AuthorizationCode) -> None:
        self._codes[code.digest] = code

    async def take_code(self, digest: str) -> AuthorizationCode | None:
        return self._codes.pop(digest, None)

    async def add_app_token(self, token: AppToken) -> None:
        self._tokens[token.digest] = token

    async def app_token(self, digest: str) -> AppToken | None:
        return self._tokens.get(digest)

    async def revoke_app_token(self, digest: str) -> None:
        token = self._tokens.get(digest)
        if token is not None:
            self._tokens[digest] = replace(token, revoked=True)
