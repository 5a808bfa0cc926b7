from __future__ import annotations

from typing import Protocol

from domain.marker import Marker


class MarkerRepository(Protocol):
    async def of_profile(self, profile_id: str) -> list[Marker]: ...

    async def save(self, marker: Marker) -> None:
        """Stores the marker, replacing the profile's marker of the same timeline."""
        ...
