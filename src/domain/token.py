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

    def is_active(self, now: datetime) -> bool:
        return not self.revoked and now < self.expires_at
