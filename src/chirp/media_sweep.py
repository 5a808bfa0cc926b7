"""The orphan sweep as an operational task, outside any HTTP server."""

from __future__ import annotations

from datetime import timedelta

from application.media.sweep import SweepReport
from chirp.container import build_container
from chirp.settings import Settings


async def run_sweep(settings: Settings, older_than: timedelta) -> SweepReport:
    container = build_container(settings)
    try:
        return await container.use_cases.sweep_orphans()(older_than)  # type: ignore[no-any-return]
    finally:
        if settings.storage == "sql":
            await container.core.engine().dispose()
