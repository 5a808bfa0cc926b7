from __future__ import annotations

from application.transaction import UnitOfWorkFactory


class CheckHealth:
    """True when storage answers a query; cheap enough to be polled every second."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self) -> bool:
        try:
            async with self._uow(read_only=True) as uow:
                await uow.profiles.get("health-probe")
        except Exception:
            return False
        return True
