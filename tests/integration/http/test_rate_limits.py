"""Abuse limits through HTTP: 429 problem details with Retry-After and RateLimit headers,
per address for sign-up and log-in, per user for writes and reads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from dependency_injector import providers
from litestar.testing import TestClient

from adapters.http.rate_limits import RateLimitPolicy
from adapters.persistence.memory.rate_limits import MemoryRateLimiter
from adapters.system.clock import FixedClock
from application.ports.rate_limits import Quota
from chirp.app import create_app
from chirp.container import build_container
from chirp.settings import SettingError, Settings
from tests.integration.http.conftest import PASSWORD, assert_problem, settings_for_tests

SIGNUP = "/api/v1/auth/signup"
LOGIN = "/api/v1/auth/login"
ME = "/api/v1/me"


def _app(settings: Settings, clock: FixedClock) -> Any:
    container = build_container(settings)
    container.core.clock.override(providers.Object(clock))
    return create_app(container=container)


@pytest.fixture
def limited() -> Iterator[Any]:
    """Opens a client on an app with the given quotas and a clock the test moves."""
    clients: list[TestClient[Any]] = []

    def open_client(clock: FixedClock, **quotas: str) -> TestClient[Any]:
        client = TestClient(app=_app(settings_for_tests(**quotas), clock))
        clients.append(client.__enter__())
        return client

    yield open_client
    for client in clients:
        client.__exit__(None, None, None)


def _signup(client: TestClient[Any], name: str) -> Any:
    return client.post(
        SIGNUP, json={"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    )


def _token(client: TestClient[Any], name: str) -> dict[str, str]:
    _signup(client, name)
    login = client.post(LOGIN, json={"username": name, "password": PASSWORD})
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def test_signups_over_the_quota_of_an_address_answer_429_until_the_window_ends(limited, clock):
    clock.advance(timedelta(seconds=600))
    client = limited(clock, rate_limit_signup="2/3600")

    first, second, third = (_signup(client, name) for name in ("ann", "ben", "cat"))

    assert (first.status_code, second.status_code) == (201, 201)
    assert [r.headers["ratelimit-remaining"] for r in (first, second)] == ["1", "0"]
    assert first.headers["ratelimit-limit"] == "2"
    body = assert_problem(third, 429)
    assert "try again" in body["detail"]
    assert third.headers["retry-after"] == "3000"
    assert third.headers["ratelimit-reset"] == "3000"
    assert third.headers["ratelimit-remaining"] == "0"
    clock.advance(timedelta(seconds=3000))
    assert _signup(client, "cat").status_code == 201


def test_log_ins_are_limited_per_address_even_with_the_right_password(limited, clock):
    client = limited(clock, rate_limit_login="3/60")
    _signup(client, "ann")
    answers = [
        client.post(LOGIN, json={"username": "ann", "password": PASSWORD}).status_code
        for _ in range(4)
    ]
    assert answers == [200, 200, 200, 429]


def test_writes_are_limited_per_user_and_leave_other_users_and_reads_alone(limited, clock):
    client = limited(clock, rate_limit_write="2/60")
    ann, ben = _token(client, "ann"), _token(client, "ben")
    ann_edits = [client.patch(ME, json={"bio": f"v{i}"}, headers=ann) for i in range(3)]

    assert [r.status_code for r in ann_edits] == [200, 200, 429]
    assert client.get(ME, headers=ann).json()["bio"] == "v1", "the refused write did nothing"
    assert client.patch(ME, json={"bio": "mine"}, headers=ben).status_code == 200
    assert client.get(ME, headers=ann).status_code == 200


def test_reads_are_limited_per_user_when_a_token_is_sent_else_per_address(limited, clock):
    client = limited(clock, rate_limit_read="3/60")
    ann = _token(client, "ann")
    anonymous = [client.get("/api/v1/profiles/ann").status_code for _ in range(4)]
    with_token = [client.get("/api/v1/profiles/ann", headers=ann).status_code for _ in range(4)]
    assert anonymous == [200, 200, 200, 429]
    assert with_token == [200, 200, 200, 429]


def test_health_and_the_api_documents_are_not_limited(limited, clock):
    client = limited(clock, rate_limit_read="1/60")
    for _ in range(3):
        assert client.get("/health").status_code == 200
        schema = client.get("/schema/openapi.json")
        assert schema.status_code == 200 and "ratelimit-limit" not in schema.headers


def test_without_quotas_no_rate_limit_headers_are_sent(client: TestClient[Any]) -> None:
    response = client.get("/api/v1/profiles/nobody")
    assert response.status_code == 404
    assert "ratelimit-limit" not in response.headers


def test_a_database_limit_holds_across_apps_sharing_the_database(sqlite_url, clock):
    settings = settings_for_tests(
        sqlite_url, rate_limit_backend="database", rate_limit_signup="3/3600"
    )
    with TestClient(app=_app(settings, clock)) as one, TestClient(app=_app(settings, clock)) as two:
        answers = [_signup((one, two)[i % 2], f"user{i}").status_code for i in range(6)]
    assert sorted(answers) == [201, 201, 201, 429, 429, 429]


def test_batched_read_limits_hold_across_apps_within_the_bound_with_retry_after(sqlite_url, clock):
    """Reads count in each app and reach the database in batches: two apps (two
    workers) admit the quota, at most one hit each more (40 * 5% = 2 hits a sync), and
    the 429 says when the window ends."""
    clock.advance(timedelta(seconds=20))
    settings = settings_for_tests(
        sqlite_url, rate_limit_backend="database", rate_limit_read="40/60"
    )
    with TestClient(app=_app(settings, clock)) as one, TestClient(app=_app(settings, clock)) as two:
        answers = [(one, two)[i % 2].get("/api/v1/profiles/nobody") for i in range(60)]
    statuses = [answer.status_code for answer in answers]
    assert 40 <= statuses.count(404) <= 42 and statuses.count(429) == 60 - statuses.count(404)
    refused = next(answer for answer in answers if answer.status_code == 429)
    assert refused.headers["retry-after"] == refused.headers["ratelimit-reset"] == "40"


class _BrokenLimiter:
    async def hit(self, key: str, quota: Quota) -> Any:
        raise ConnectionError("the counter store is down")


def test_a_limiter_that_fails_lets_requests_through(clock):
    container = build_container(settings_for_tests(rate_limit_signup="1/60"))
    container.core.rate_limiter.override(providers.Object(_BrokenLimiter()))
    with TestClient(app=create_app(container=container)) as client:
        answers = [_signup(client, name).status_code for name in ("ann", "ben")]
    assert answers == [201, 201]


@pytest.mark.parametrize(
    ("method", "template", "viewer", "expected"),
    [
        ("POST", "/api/v1/auth/signup", "u1", "signup:addr:10.0.0.1"),
        ("POST", "/api/v1/auth/login", None, "login:addr:10.0.0.1"),
        ("POST", "/api/v1/tweets", "u1", "write:user:u1"),
        ("DELETE", "/api/v1/tweets/{tweet_id:str}", None, "write:addr:10.0.0.1"),
        ("GET", "/api/v1/timeline", "u1", "read:user:u1"),
        ("HEAD", "/api/v1/profiles/{username:str}", None, "read:addr:10.0.0.1"),
        ("OPTIONS", "/api/v1/tweets", "u1", None),
        ("GET", "/media/{key:str}", None, None),
        ("GET", "/health", None, None),
    ],
)
def test_each_request_counts_against_one_key(method, template, viewer, expected, clock):
    quota = Quota(5, 60)
    policy = RateLimitPolicy(
        MemoryRateLimiter(clock), signup=quota, login=quota, write=quota, read=quota
    )
    found = policy.quota_for(method, template, viewer, "10.0.0.1")
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CHIRP_RATE_LIMIT_WRITE", "lots"),
        ("CHIRP_RATE_LIMIT_READ", "0/60"),
        ("CHIRP_RATE_LIMIT_LOGIN", "5/"),
        ("CHIRP_RATE_LIMIT_BACKEND", "memcached"),
    ],
)
def test_a_bad_limit_setting_is_refused_with_its_name(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingError, match=name):
        Settings.from_env()


def test_limits_are_parsed_from_the_environment(monkeypatch):
    monkeypatch.setenv("CHIRP_RATE_LIMIT_WRITE", "7/30")
    monkeypatch.setenv("CHIRP_RATE_LIMIT_READ", "off")
    settings = Settings.from_env()
    assert Quota.parse(settings.rate_limit_write) == Quota(7, 30)
    assert Quota.parse(settings.rate_limit_read) is None
    assert settings.rate_limit_store == "sql"
