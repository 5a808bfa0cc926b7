"""Property: following the Link headers of the home timeline, from any page size, yields
every status and reblog exactly once, newest first (memory storage; few examples, each
one a whole small world)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient

from chirp.container import build_container
from tests.integration.http.conftest import settings_for_tests
from tests.integration.mastodon.conftest import Api

ACTS = st.lists(st.sampled_from(["alice", "bob", "reblog"]), min_size=1, max_size=12)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(acts=ACTS, limit=st.integers(min_value=1, max_value=5))
def test_link_pages_neither_skip_nor_repeat(
    mastodon_app: Litestar, acts: list[str], limit: int
) -> None:
    container = build_container(settings_for_tests())
    mastodon_app.state.use_cases = container.use_cases
    with TestClient(app=mastodon_app) as client:
        api = Api(client, container)
        alice, bob = api.person("alice"), api.person("bob")
        client.post(f"/api/v1/accounts/{alice.id}/follow", headers=bob.auth)
        expected: list[str] = []
        last_of_alice: str | None = None
        for act in acts:
            if act == "reblog" and last_of_alice:
                answer = client.post(f"/api/v1/statuses/{last_of_alice}/reblog", headers=bob.auth)
                expected.append(answer.json()["id"])
                last_of_alice = None  # reblogging twice is one reblog
            elif act != "reblog":
                author = alice if act == "alice" else bob
                status = api.post(author, f"{act} {len(expected)}")
                expected.append(status["id"])
                last_of_alice = status["id"] if act == "alice" else last_of_alice
        seen: list[str] = []
        url: str | None = f"/api/v1/timelines/home?limit={limit}"
        while url:
            page = client.get(url, headers=bob.auth)
            seen += [s["id"] for s in page.json()]
            links = dict(
                (part.split('rel="')[1].rstrip('"'), part.split(">")[0].lstrip("<"))
                for part in page.headers.get("link", "").split(", ")
                if part
            )
            url = links.get("next", "").split("testserver.local")[-1] or None
        assert seen == list(reversed(expected))
