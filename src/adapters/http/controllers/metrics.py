from __future__ import annotations

from litestar import Request, Response, get

# Prometheus' text format; Litestar appends "; charset=utf-8" to every text/ type itself.
PROMETHEUS_TEXT = "text/plain; version=0.0.4"


@get("/metrics", include_in_schema=False, sync_to_thread=False)
def metrics(request: Request) -> Response[bytes]:  # type: ignore[type-arg]
    """Only routed when metrics are on (CHIRP_METRICS)."""
    return Response(request.app.state.metrics.exposition(), media_type=PROMETHEUS_TEXT)
