"""A database that does not answer is a 503 with Retry-After here too, as on Chirp's
own API (apps retry a 503), never a 500."""

from __future__ import annotations

from typing import Any

from dependency_injector import providers

from application.ports.unit_of_work import StorageUnavailable
from tests.integration.mastodon.conftest import Api


class _Unreachable:
    async def __call__(self, *_: Any) -> Any:
        raise StorageUnavailable("connection refused")


def test_the_mastodon_api_answers_503_while_the_database_is_away(api: Api) -> None:
    with api.container.use_cases.get_tweet.override(providers.Object(_Unreachable())):
        answer = api.client.get("/api/v1/statuses/01ARZ3NDEKTSV4RRFFQ69G5FAV")

    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "2"
    assert "database" in answer.json()["error"]
