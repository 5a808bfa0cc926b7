from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.oauth import scopes_of, scopes_text
from adapters.persistence.sql.tables import access_tokens, login_failures
from domain.token import AccessToken


class SqlTokens:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def add(self, token: AccessToken) -> None:
        await self._c.execute(
            insert(access_tokens).values(
                digest=token.digest,
                profile_id=token.profile_id,
                created_at=token.created_at,
                expires_at=token.expires_at,
                revoked=token.revoked,
                scopes=None if token.scopes is None else scopes_text(token.scopes),
                app_id=token.app_id,
            )
        )

    async def get(self, digest: str) -> AccessToken | None:
        row = (
            await self._c.execute(select(access_tokens).where(access_tokens.c.digest == digest))
        ).first()
        if row is None:
            return None
        return AccessToken(
            digest=row.digest,
            profile_id=row.profile_id,
            created_at=row.created_at,
            expires_at=row.expires_at,
            revoked=row.revoked,
            scopes=None if row.scopes is None else scopes_of(row.scopes),
            app_id=row.app_id,
        )

    async def revoke(self, digest: str) -> None:
        await self._c.execute(
            update(access_tokens).where(access_tokens.c.digest == digest).values(revoked=True)
        )

    async def revoke_all_of(self, profile_id: str, *, except_digest: str | None = None) -> None:
        statement = update(access_tokens).where(access_tokens.c.profile_id == profile_id)
        if except_digest is not None:
            statement = statement.where(access_tokens.c.digest != except_digest)
        await self._c.execute(statement.values(revoked=True))


class SqlLoginFailures:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def record(self, account_key: str, at: datetime) -> None:
        await self._c.execute(insert(login_failures).values(account_key=account_key, at=at))

    async def since(self, account_key: str, since: datetime) -> list[datetime]:
        result = await self._c.execute(
            select(login_failures.c.at)
            .where(login_failures.c.account_key == account_key, login_failures.c.at >= since)
            .order_by(login_failures.c.at)
        )
        return list(result.scalars())

    async def clear(self, account_key: str) -> None:
        await self._c.execute(
            delete(login_failures).where(login_failures.c.account_key == account_key)
        )
