from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import InvalidInput


@dataclass(frozen=True)
class Follow:
    follower_id: str
    followee_id: str
    created_at: datetime

    @classmethod
    def start(cls, *, follower_id: str, followee_id: str, created_at: datetime) -> Follow:
        if follower_id == followee_id:
            raise InvalidInput.of("username", "you cannot follow yourself")
        return cls(follower_id=follower_id, followee_id=followee_id, created_at=created_at)
