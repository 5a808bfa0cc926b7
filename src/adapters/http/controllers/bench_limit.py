"""The benchmark's yardstick: the cheapest answer this server can give.

Registered only when CHIRP_BENCH_LIMIT_ENDPOINT is set. It goes through the same app
guards, hooks and request observer as every API route, and touches no use case, so the
ratio of a real endpoint to it is what the endpoint's own work costs."""

from __future__ import annotations

from typing import Any

from litestar import get

LIMIT_BODY: dict[str, Any] = {"status": "ok", "answer": 42}


@get(
    "/api/v1/bench/limit",
    operation_id="benchLimit",
    include_in_schema=False,
)
async def bench_limit() -> dict[str, Any]:
    return LIMIT_BODY
