"""The connection pool's figures, for metrics."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine


def pool_figures(engine: AsyncEngine) -> dict[str, int]:
    """Empty for pools that keep no figures (e.g. NullPool)."""
    pool = engine.pool
    figures = {}
    for name, method in (
        ("checked_out", "checkedout"),
        ("checked_in", "checkedin"),
        ("size", "size"),
        ("overflow", "overflow"),
    ):
        read = getattr(pool, method, None)
        if callable(read):
            figures[name] = int(read())
    return figures
