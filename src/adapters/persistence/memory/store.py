"""The in-memory database: plain dicts, copied on every transaction so rollback is free."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.profile import Profile
from domain.token import AccessToken


@dataclass
class MemoryTables:
    profiles: dict[str, Profile] = field(default_factory=dict)
    tokens: dict[str, AccessToken] = field(default_factory=dict)
    login_failures: dict[str, list[datetime]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def snapshot(self) -> MemoryTables:
        return copy.deepcopy(self)


class MemoryDatabase:
    """One shared state; a lock makes transactions run one at a time, as serialisable ones."""

    def __init__(self) -> None:
        self.tables = MemoryTables()
        self.lock = asyncio.Lock()
