"""How many times a write request waits for PostgreSQL: each act and a new tweet, counted
on the wire (tests/support/round_trips.py) over whole HTTP requests, token check
included, once the statements are prepared. The bounds are the design's (issue 10):
an act is one statement; a tweet without mentions or a reply a few."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from chirp.app import create_app
from tests.integration.http.conftest import PASSWORD, settings_for_tests
from tests.support.figures import record_figures
from tests.support.round_trips import RoundTripCounter, round_trip_counter

pytestmark = pytest.mark.parametrize("database_url", ["postgres"], indirect=True)

REPEATS = 6
# The token check (one read), then the act: one statement, its whole transaction.
MOST_PER_ACT = 1 + 1
# A tweet: the author read, then its rows in one statement (its whole transaction).
MOST_PER_POST = 1 + 2


async def _user(client: AsyncTestClient[Any], name: str) -> dict[str, str]:
    signup = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/signup", json=signup)).status_code == 201
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def _per_request(
    counter: RoundTripCounter,
    client: AsyncTestClient[Any],
    auth: dict[str, str],
    calls: list[tuple[str, str, Any]],
) -> float:
    """Round trips per request over `calls` run REPEATS times, after one warm-up round."""
    for round_ in range(1 + REPEATS):
        if round_ == 1:
            before = counter.total
        for method, path, body in calls:
            response = await client.request(method, path, json=body, headers=auth)
            assert response.status_code < 300, response.text
    return (counter.total - before) / (REPEATS * len(calls))


async def test_each_write_takes_the_fewest_round_trips(database_url: str) -> None:
    with round_trip_counter(database_url) as counter:
        app = create_app(settings_for_tests(counter.url_for(database_url)))
        async with AsyncTestClient(app=app, timeout=30) as client:
            author = await _user(client, "author")
            fan = await _user(client, "fan")
            posted = await client.post("/api/v1/tweets", json={"text": "hi"}, headers=author)
            tweet = posted.json()["id"]
            figures = {
                "like": await _per_request(
                    counter,
                    client,
                    fan,
                    [
                        ("PUT", f"/api/v1/tweets/{tweet}/like", None),
                        ("DELETE", f"/api/v1/tweets/{tweet}/like", None),
                    ],
                ),
                "retweet": await _per_request(
                    counter,
                    client,
                    fan,
                    [
                        ("PUT", f"/api/v1/tweets/{tweet}/retweet", None),
                        ("DELETE", f"/api/v1/tweets/{tweet}/retweet", None),
                    ],
                ),
                "follow": await _per_request(
                    counter,
                    client,
                    fan,
                    [
                        ("PUT", "/api/v1/profiles/author/follow", None),
                        ("DELETE", "/api/v1/profiles/author/follow", None),
                    ],
                ),
                "post": await _per_request(
                    counter, client, fan, [("POST", "/api/v1/tweets", {"text": "a #tag"})]
                ),
            }
    print("round trips per request:", figures)
    record_figures("postgres_round_trips", **figures)
    assert max(figures["like"], figures["retweet"], figures["follow"]) <= MOST_PER_ACT
    assert figures["post"] <= MOST_PER_POST
