"""Fitting an app with its request ids, access log and (unless switched off) metrics."""

from __future__ import annotations

from litestar import Litestar

from adapters.http.controllers.metrics import metrics as metrics_endpoint
from adapters.http.metrics import HttpMetrics
from adapters.http.observability import observe_requests
from adapters.persistence.sql.pool import pool_figures
from chirp.container import Container


def instrument(app: Litestar, container: Container) -> None:
    settings = container.core.settings()
    metrics = None
    if settings.metrics_enabled:
        sql = settings.storage == "sql"
        metrics = HttpMetrics(lambda: pool_figures(container.core.engine()) if sql else {})
        app.state.metrics = metrics
        app.register(metrics_endpoint)
    observe_requests(app, metrics)
