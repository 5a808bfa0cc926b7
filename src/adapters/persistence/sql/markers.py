from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.tables import markers
from domain.marker import Marker

_m = markers.c


class SqlMarkers:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def of_profile(self, profile_id: str) -> list[Marker]:
        result = await self._c.execute(
            select(markers).where(_m.profile_id == profile_id).order_by(_m.timeline)
        )
        return [
            Marker(r.profile_id, r.timeline, r.last_read_id, r.version, r.updated_at)
            for r in result
        ]

    async def save(self, marker: Marker) -> None:
        values = {
            "last_read_id": marker.last_read_id,
            "version": marker.version,
            "updated_at": marker.updated_at,
        }
        changed = await self._c.execute(
            update(markers)
            .where(_m.profile_id == marker.profile_id, _m.timeline == marker.timeline)
            .values(**values)
        )
        if not changed.rowcount:
            await self._c.execute(
                insert(markers).values(
                    profile_id=marker.profile_id, timeline=marker.timeline, **values
                )
            )
