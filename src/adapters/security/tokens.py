"""Bearer secrets: 256 random bits for the client, a SHA-256 digest for storage.

A fast hash is enough here (unlike passwords): the secret has full entropy, so the
digest cannot be reversed by guessing."""

from __future__ import annotations

import hashlib
import secrets


class RandomTokenMinter:
    def new_secret(self) -> str:
        return secrets.token_urlsafe(32)

    def digest(self, secret: str) -> str:
        return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
