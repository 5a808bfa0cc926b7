"""Repositories never commit: the unit of work owns the transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.profile import Profile
from domain.token import AccessToken


class ProfileRepository(Protocol):
    async def add(self, profile: Profile) -> None: ...

    async def update(self, profile: Profile) -> None:
        """Stores the editable fields; counts are changed only by `adjust_counts`."""
        ...

    async def get(self, profile_id: str) -> Profile | None: ...

    async def get_by_username(self, username: str) -> Profile | None:
        """Case-insensitive lookup."""
        ...

    async def get_by_email(self, email: str) -> Profile | None:
        """Case-insensitive lookup."""
        ...

    async def get_many(self, profile_ids: list[str]) -> dict[str, Profile]: ...

    async def get_many_by_usernames(self, usernames: list[str]) -> dict[str, Profile]:
        """Case-insensitive lookup of many names at once (mentions); keyed by the
        username key (`domain.profile.username_key`) of each name that exists."""
        ...

    async def adjust_counts(
        self, profile_id: str, *, followers: int = 0, following: int = 0, tweets: int = 0
    ) -> None:
        """One atomic `count = count + delta` update, exact under concurrency."""
        ...


class TokenRepository(Protocol):
    async def add(self, token: AccessToken) -> None: ...

    async def get(self, digest: str) -> AccessToken | None: ...

    async def revoke(self, digest: str) -> None: ...

    async def revoke_all_of(self, profile_id: str, *, except_digest: str | None = None) -> None: ...


class LoginFailureRepository(Protocol):
    """Failed log-ins per account, kept in storage so every server process sees them."""

    async def record(self, account_key: str, at: datetime) -> None: ...

    async def since(self, account_key: str, since: datetime) -> list[datetime]:
        """The failures recorded at or after `since`, oldest first."""
        ...

    async def clear(self, account_key: str) -> None: ...
