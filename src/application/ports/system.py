from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""
        ...


class IdGenerator(Protocol):
    def new_id(self) -> str:
        """An opaque id that sorts by creation time (later ids sort after earlier ones)."""
        ...
