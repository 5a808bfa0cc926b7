"""Prometheus metrics of one app instance, in a registry of its own (not the process-wide
default), so two apps in one process - tests, for one - never share or clash.

Business counters count successful (2xx) answers of the routes that do the act, so no
use case knows about metrics. PUT like/retweet/follow are idempotent: a repeated one is
counted again, so these count requests that succeeded, not rows created."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_PARAMETER = re.compile(r"\{[^}]*\}")

# (method, route template with parameters as {}) -> (counter name, help)
BUSINESS_EVENTS = {
    ("POST", "/api/v1/auth/signup"): ("chirp_signups", "Accounts created"),
    ("POST", "/api/v1/tweets"): ("chirp_tweets_posted", "Tweets posted"),
    ("PUT", "/api/v1/tweets/{}/like"): ("chirp_likes", "Like requests that succeeded"),
    ("PUT", "/api/v1/tweets/{}/retweet"): ("chirp_retweets", "Retweet requests that succeeded"),
    ("PUT", "/api/v1/profiles/{}/follow"): ("chirp_follows", "Follow requests that succeeded"),
}
POOL_FIGURES = {
    "checked_out": "Database connections in use",
    "checked_in": "Idle database connections kept in the pool",
    "size": "Configured size of the database connection pool",
    "overflow": "Connections opened beyond the pool size (negative: room left in the pool)",
}


def _shape(template: str) -> str:
    return _PARAMETER.sub("{}", template)


class _PoolCollector(Collector):
    def __init__(self, figures: Callable[[], Mapping[str, int]]) -> None:
        self._figures = figures

    def collect(self) -> Iterator[GaugeMetricFamily]:
        for name, value in self._figures().items():
            if name in POOL_FIGURES:
                yield GaugeMetricFamily(f"chirp_db_pool_{name}", POOL_FIGURES[name], value=value)


class HttpMetrics:
    def __init__(self, pool_figures: Callable[[], Mapping[str, int]] | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        labels = ("method", "route", "status")
        self._requests = Counter(
            "chirp_http_requests", "HTTP requests answered", labels, registry=self.registry
        )
        self._latency = Histogram(
            "chirp_http_request_duration_seconds",
            "Time to answer an HTTP request",
            labels,
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self._business = {
            key: Counter(name, description, registry=self.registry)
            for key, (name, description) in BUSINESS_EVENTS.items()
        }
        if pool_figures is not None:
            self.registry.register(_PoolCollector(pool_figures))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        code = str(status)
        self._requests.labels(method, route, code).inc()
        self._latency.labels(method, route, code).observe(seconds)
        if 200 <= status < 300:
            counter = self._business.get((method, _shape(route)))
            if counter is not None:
                counter.inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
