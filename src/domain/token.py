"""An access token as the server keeps it: only its digest, never the secret."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AccessToken:
    digest: str
    profile_id: str
    created_at: datetime
    expires_at: datetime
    revoked: bool = False
    # Set when an OAuth client asked for the token: what it may do and which app holds it.
    # None (Chirp's own log-in) keeps full access.
    scopes: frozenset[str] | None = None
    app_id: str | None = None

    def is_active(self, now: datetime) -> bool:
        return not self.revoked and now < self.expires_at
