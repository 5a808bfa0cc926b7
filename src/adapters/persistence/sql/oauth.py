from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.tables import oauth_app_tokens, oauth_apps, oauth_codes
from domain.oauth import AppToken, AuthorizationCode, OAuthApp


def scopes_text(scopes: frozenset[str]) -> str:
    return " ".join(sorted(scopes))


def scopes_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _app(row: Any) -> OAuthApp:
    return OAuthApp(
        id=row.id,
        client_id=row.client_id,
        secret_digest=row.secret_digest,
        name=row.name,
        redirect_uris=tuple(row.redirect_uris.split()),
        scopes=scopes_of(row.scopes),
        website=row.website,
        created_at=row.created_at,
    )


class SqlOAuth:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add_app(self, app: OAuthApp) -> None:
        await self._c.execute(
            insert(oauth_apps).values(
                id=app.id,
                client_id=app.client_id,
                secret_digest=app.secret_digest,
                name=app.name,
                redirect_uris=" ".join(app.redirect_uris),
                scopes=scopes_text(app.scopes),
                website=app.website,
                created_at=app.created_at,
            )
        )

    async def app(self, app_id: str) -> OAuthApp | None:
        row = (await self._c.execute(select(oauth_apps).where(oauth_apps.c.id == app_id))).first()
        return _app(row) if row else None

    async def app_by_client_id(self, client_id: str) -> OAuthApp | None:
        statement = select(oauth_apps).where(oauth_apps.c.client_id == client_id)
        row = (await self._c.execute(statement)).first()
        return _app(row) if row else None

    async def add_code(self, code: AuthorizationCode) -> None:
        await self._c.execute(
            insert(oauth_codes).values(
                digest=code.digest,
                app_id=code.app_id,
                profile_id=code.profile_id,
                redirect_uri=code.redirect_uri,
                scopes=scopes_text(code.scopes),
                code_challenge=code.code_challenge,
                created_at=code.created_at,
                expires_at=code.expires_at,
            )
        )

    async def take_code(self, digest: str) -> AuthorizationCode | None:
        row = (
            await self._c.execute(select(oauth_codes).where(oauth_codes.c.digest == digest))
        ).first()
        if row is None:
            return None
        # Only the transaction whose delete hit the row may use the code.
        removed = await self._c.execute(delete(oauth_codes).where(oauth_codes.c.digest == digest))
        if removed.rowcount != 1:
            return None
        return AuthorizationCode(
            digest=row.digest,
            app_id=row.app_id,
            profile_id=row.profile_id,
            redirect_uri=row.redirect_uri,
            scopes=scopes_of(row.scopes),
            code_challenge=row.code_challenge,
            created_at=row.created_at,
            expires_at=row.expires_at,
        )

    async def add_app_token(self, token: AppToken) -> None:
        await self._c.execute(
            insert(oauth_app_tokens).values(
                digest=token.digest,
                app_id=token.app_id,
                scopes=scopes_text(token.scopes),
                created_at=token.created_at,
                revoked=token.revoked,
            )
        )

    async def app_token(self, digest: str) -> AppToken | None:
        statement = select(oauth_app_tokens).where(oauth_app_tokens.c.digest == digest)
        row = (await self._c.execute(statement)).first()
        if row is None:
            return None
        return AppToken(
            digest=row.digest,
            app_id=row.app_id,
            scopes=scopes_of(row.scopes),
            created_at=row.created_at,
            revoked=row.revoked,
        )

    async def revoke_app_token(self, digest: str) -> None:
        await self._c.execute(
            update(oauth_app_tokens).where(oauth_app_tokens.c.digest == digest).values(revoked=True)
        )
