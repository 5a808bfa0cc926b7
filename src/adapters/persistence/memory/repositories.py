from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from adapters.persistence.memory.store import MemoryTables
from domain.profile import Profile, email_key, username_key
from domain.token import AccessToken


class MemoryProfiles:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables

    async def add(self, profile: Profile) -> None:
        self._t.profiles[profile.id] = profile

    async def update(self, profile: Profile) -> None:
        stored = self._t.profiles[profile.id]
        self._t.profiles[profile.id] = Profile(
            **{
                **profile.__dict__,
                "followers_count": stored.followers_count,
                "following_count": stored.following_count,
                "tweets_count": stored.tweets_count,
            }
        )

    async def get(self, profile_id: str) -> Profile | None:
        return self._t.profiles.get(profile_id)

    async def get_by_username(self, username: str) -> Profile | None:
        key = username_key(username)
        return next((p for p in self._t.profiles.values() if p.username_key == key), None)

    async def get_by_email(self, email: str) -> Profile | None:
        key = email_key(email)
        return next((p for p in self._t.profiles.values() if p.email_key == key), None)

    async def get_many(self, profile_ids: list[str]) -> dict[str, Profile]:
        return {i: self._t.profiles[i] for i in profile_ids if i in self._t.profiles}

    async def get_many_by_usernames(self, usernames: list[str]) -> dict[str, Profile]:
        wanted = {username_key(name) for name in usernames}
        return {p.username_key: p for p in self._t.profiles.values() if p.username_key in wanted}

    async def adjust_counts(
        self, profile_id: str, *, followers: int = 0, following: int = 0, tweets: int = 0
    ) -> None:
        p = self._t.profiles.get(profile_id)
        if p is not None:
            self._t.profiles[profile_id] = replace(
                p,
                followers_count=p.followers_count + followers,
                following_count=p.following_count + following,
                tweets_count=p.tweets_count + tweets,
            )


class MemoryTokens:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables

    async def add(self, token: AccessToken) -> None:
        self._t.tokens[token.digest] = token

    async def get(self, digest: str) -> AccessToken | None:
        return self._t.tokens.get(digest)

    async def revoke(self, digest: str) -> None:
        token = self._t.tokens.get(digest)
        if token is not None:
            self._t.tokens[digest] = AccessToken(**{**token.__dict__, "revoked": True})

    async def revoke_all_of(self, profile_id: str, *, except_digest: str | None = None) -> None:
        for digest, token in list(self._t.tokens.items()):
            if token.profile_id == profile_id and digest != except_digest:
                await self.revoke(digest)


class MemoryLoginFailures:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables

    async def record(self, account_key: str, at: datetime) -> None:
        self._t.login_failures.setdefault(account_key, []).append(at)

    async def since(self, account_key: str, since: datetime) -> list[datetime]:
        return sorted(at for at in self._t.login_failures.get(account_key, []) if at >= since)

    async def clear(self, account_key: str) -> None:
        self._t.login_failures.pop(account_key, None)
