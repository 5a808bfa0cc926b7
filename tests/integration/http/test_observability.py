"""Request ids, access log lines, log redaction, metrics and health, seen from outside."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
import structlog
from dependency_injector import providers
from litestar.testing import TestClient

from application.accounts.get_profile import GetProfile
from chirp.app import create_app
from chirp.container import build_container
from chirp.logging import configure_logging
from tests.integration.http.conftest import User, settings_for_tests, sign_up

KNOWN_PASSWORD = "Tr0ub4dor&3-horse"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """Everything the process logs, as JSON lines, at DEBUG so as much as possible shows."""
    buffer = io.StringIO()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    configure_logging("json", level=logging.DEBUG, stream=buffer)
    yield buffer
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.reset_defaults()


def lines_of(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def access_lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [line for line in lines_of(buffer) if line["logger"] == "chirp.access"]


def test_every_answer_carries_a_fresh_request_id(client: TestClient[Any]) -> None:
    first, second = client.get("/health"), client.get("/no/such/path")

    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    assert all(re.fullmatch(r"[0-9a-f]{32}", value) for value in ids)
    assert ids[0] != ids[1]


def test_a_well_formed_incoming_request_id_is_kept(client: TestClient[Any]) -> None:
    answer = client.get("/health", headers={"X-Request-ID": "edge-7f3a:42"})

    assert answer.headers["x-request-id"] == "edge-7f3a:42"


@pytest.mark.parametrize("incoming", ["has spaces in it", "x" * 200, "line\tbreak", ""])
def test_a_malformed_incoming_request_id_is_replaced(
    client: TestClient[Any], incoming: str
) -> None:
    answer = client.get("/health", headers={"X-Request-ID": incoming})

    assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["x-request-id"])


def test_one_access_line_per_request_with_the_route_template(
    client: TestClient[Any], log_output: io.StringIO
) -> None:
    sign_up(client, "alice")
    answer = client.get("/api/v1/profiles/alice", headers={"X-Request-ID": "trace-1"})
    client.get("/api/v1/profiles/nobody")

    lines = access_lines(log_output)
    assert len(lines) == 4
    profile_line = lines[2]
    assert profile_line == {
        **profile_line,
        "method": "GET",
        "path": "/api/v1/profiles/{username}",
        "status": 200,
        "request_id": "trace-1",
        "level": "info",
    }
    assert answer.headers["x-request-id"] == "trace-1"
    assert isinstance(profile_line["duration_ms"], float)
    assert lines[3]["status"] == 404 and lines[3]["path"] == "/api/v1/profiles/{username}"
    assert "alice" not in json.dumps(lines[2]), "the raw path is not logged"


def test_console_format_is_readable(client: TestClient[Any]) -> None:
    buffer = io.StringIO()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        configure_logging("console", stream=buffer)
        client.get("/health")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        structlog.reset_defaults()

    line = next(x for x in buffer.getvalue().splitlines() if "chirp.access" in x)
    assert "path=/health" in line and "status=200" in line and "request_id=" in line


def test_no_password_or_token_ever_reaches_a_log_line(
    sqlite_url: str, log_output: io.StringIO
) -> None:
    with TestClient(app=create_app(settings_for_tests(sqlite_url))) as client:
        user: User = sign_up(client, "carol", KNOWN_PASSWORD)
        assert client.get("/api/v1/me", headers=user.auth).status_code == 200
        client.post("/api/v1/auth/login", json={"username": "carol", "password": "wrong-" * 3})
        client.post(
            "/api/v1/me/password",
            headers={**user.auth, "Cookie": f"session={user.token}"},
            json={"current_password": KNOWN_PASSWORD, "new_password": KNOWN_PASSWORD + "!"},
        )
        logging.getLogger("chirp.test").warning(
            "a careless line", extra={"password": KNOWN_PASSWORD, "token": user.token}
        )
        logging.getLogger("chirp.test").warning("header was Bearer %s", user.token)

    output = log_output.getvalue()
    assert len(access_lines(log_output)) == 5, "the requests were logged"
    assert KNOWN_PASSWORD not in output
    assert user.token not in output
    assert "wrong-wrong-" not in output


def test_an_unhandled_error_is_logged_with_its_request_id(log_output: io.StringIO) -> None:
    container = build_container(settings_for_tests())

    class BrokenGetProfile(GetProfile):
        async def __call__(self, *_: Any, **__: Any) -> Any:
            raise RuntimeError("the disk caught fire")

    container.use_cases.get_profile.override(
        providers.Singleton(BrokenGetProfile, container.core.uow)
    )
    with TestClient(app=create_app(container=container)) as client:
        answer = client.get("/api/v1/profiles/alice")

    assert answer.status_code == 500
    assert "fire" not in answer.text
    errors = [line for line in lines_of(log_output) if line["logger"] == "chirp.errors"]
    assert len(errors) == 1
    assert errors[0]["request_id"] == answer.headers["x-request-id"]
    assert "the disk caught fire" in errors[0]["exception"]
    assert access_lines(log_output)[-1]["status"] == 500


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format (0 when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = re.escape(name + (f"{{{wanted}}}" if labels else "")) + r" ([0-9.e+-]+)$"
    for line in text.splitlines():
        found = re.match(pattern, line)
        if found:
            return float(found.group(1))
    return 0.0


def test_metrics_show_traffic_by_route_template_and_the_business(sqlite_url: str) -> None:
    with TestClient(app=create_app(settings_for_tests(sqlite_url))) as client:
        alice, bob = sign_up(client, "alice"), sign_up(client, "bob")
        tweet = client.post("/api/v1/tweets", headers=alice.auth, json={"text": "hello"}).json()
        for user in (alice, bob, bob):
            client.put(f"/api/v1/tweets/{tweet['id']}/like", headers=user.auth)
        client.get("/api/v1/tweets/nope")
        answer = client.get("/metrics")

    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = answer.text
    route = "/api/v1/tweets/{tweet_id}/like"
    assert metric(text, "chirp_http_requests_total", method="PUT", route=route, status="200") == 3
    assert (
        metric(
            text,
            "chirp_http_request_duration_seconds_count",
            method="POST",
            route="/api/v1/auth/signup",
            status="201",
        )
        == 2
    )
    assert (
        metric(
            text,
            "chirp_http_requests_total",
            method="GET",
            route="/api/v1/tweets/{tweet_id}",
            status="404",
        )
        == 1
    )
    assert metric(text, "chirp_signups_total") == 2
    assert metric(text, "chirp_tweets_posted_total") == 1
    assert metric(text, "chirp_likes_total") == 3
    assert metric(text, "chirp_db_pool_size") >= 1
    assert "chirp_db_pool_checked_out" in text


def test_failed_acts_are_not_business(client: TestClient[Any]) -> None:
    client.post("/api/v1/auth/signup", json={"username": "x", "email": "bad", "password": "1"})
    client.post("/api/v1/tweets", json={"text": "no token"})

    text = client.get("/metrics").text

    assert metric(text, "chirp_signups_total") == 0
    assert metric(text, "chirp_tweets_posted_total") == 0
    assert (
        metric(
            text,
            "chirp_http_requests_total",
            method="POST",
            route="/api/v1/auth/signup",
            status="422",
        )
        == 1
    )


def test_each_app_counts_only_its_own_traffic() -> None:
    with (
        TestClient(app=create_app(settings_for_tests())) as first,
        TestClient(app=create_app(settings_for_tests())) as second,
    ):
        first.get("/health")
        first.get("/health")
        second.get("/health")
        counted = [
            metric(
                c.get("/metrics").text,
                "chirp_http_requests_total",
                method="GET",
                route="/health",
                status="200",
            )
            for c in (first, second)
        ]
    assert counted == [2, 1]


def test_metrics_can_be_switched_off() -> None:
    with TestClient(app=create_app(settings_for_tests(metrics_enabled=False))) as client:
        answer = client.get("/metrics")
        health = client.get("/health")

    assert answer.status_code == 404
    assert "x-request-id" in health.headers, "request ids and logs stay on"


def test_metrics_stay_out_of_the_api_document(client: TestClient[Any]) -> None:
    paths = client.get("/schema/openapi.json").json()["paths"]

    assert "/metrics" not in paths


def test_health_is_503_while_the_database_is_unreachable() -> None:
    settings = settings_for_tests("postgresql://chirp@127.0.0.1:1/chirp")
    with TestClient(app=create_app(settings)) as client:
        answer = client.get("/health")

    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable"}
