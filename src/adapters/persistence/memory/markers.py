from __future__ import annotations

from adapters.persistence.memory.store import MemoryTables
from domain.marker import Marker


class MemoryMarkers:
    def __init__(self, tables: MemoryTables) -> None:
        self._rows: dict[tuple[str, str], Marker] = tables.extra.setdefault("markers", {})

    async def of_profile(self, profile_id: str) -> list[Marker]:
        return sorted(
            (m for m in self._rows.values() if m.profile_id == profile_id),
            key=lambda m: m.timeline,
        )

    async def save(self, marker: Marker) -> None:
        self._rows[(marker.profile_id, marker.timeline)] = marker
