"""Image bytes in a dict: for tests and for `CHIRP_MEDIA_BACKEND=memory`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from adapters.media.keys import is_safe_key, require_safe_key
from application.ports.system import Clock


@dataclass(frozen=True)
class _Stored:
    data: bytes
    content_type: str
    written_at: datetime


class _UtcNow:
    def now(self) -> datetime:
        return datetime.now(UTC)


class MemoryMediaStore:
    """Follows the same key rules as the filesystem store, so tests catch a bad key."""

    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock or _UtcNow()
        self._items: dict[str, _Stored] = {}

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        self._items[require_safe_key(key)] = _Stored(bytes(data), content_type, self._clock.now())

    async def get(self, key: str) -> bytes | None:
        stored = self._items.get(key) if is_safe_key(key) else None
        return stored.data if stored else None

    async def delete(self, key: str) -> None:
        self._items.pop(key, None)

    async def keys_older_than(self, moment: datetime) -> list[str]:
        return sorted(key for key, item in self._items.items() if item.written_at < moment)

    def __len__(self) -> int:
        return len(self._items)
