"""Reading positions. Saving the notifications position also marks those notifications
read, so the unread count follows the position."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from application.ports.system import Clock
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.marker import Marker, check_timeline


class GetMarkers:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, profile_id: str, timelines: Iterable[str]) -> dict[str, Marker]:
        wanted = {check_timeline(name) for name in timelines}
        async with self._uow(read_only=True) as uow:
            found = await uow.markers.of_profile(profile_id)
        return {m.timeline: m for m in found if m.timeline in wanted}


class SaveMarkers:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    @retry_on_conflict
    async def __call__(self, profile_id: str, positions: Mapping[str, str]) -> dict[str, Marker]:
        for name in positions:
            check_timeline(name)
        now = self._clock.now()
        saved: dict[str, Marker] = {}
        async with self._uow() as uow:
            current = {m.timeline: m for m in await uow.markers.of_profile(profile_id)}
            for name, last_read_id in positions.items():
                before = current.get(name) or Marker(profile_id, name, last_read_id, 0, now)
                marker = before.moved_to(last_read_id, now)
                await uow.markers.save(marker)
                saved[name] = marker
                if name == "notifications":
                    mark = await uow.notifications.get(last_read_id)
                    if mark is not None and mark.recipient_id == profile_id:
                        await uow.notifications.mark_read(profile_id, mark)
            await uow.commit()
        return saved
