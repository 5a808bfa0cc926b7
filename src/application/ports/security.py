from __future__ import annotations

from typing import Protocol


class PasswordHasher(Protocol):
    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str, password: str) -> bool:
        """False for a wrong password; never raises for a mismatch."""
        ...

    async def verify_dummy(self, password: str) -> None:
        """Spend the time of a real verification, so unknown accounts answer as slowly."""
        ...

    def needs_rehash(self, password_hash: str) -> bool: ...


class TokenMinter(Protocol):
    def new_secret(self) -> str:
        """A fresh random bearer secret, handed to the client once."""
        ...

    def digest(self, secret: str) -> str:
        """The one-way form stored and looked up; the secret itself is never stored."""
        ...
