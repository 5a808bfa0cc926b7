"""A database that does not answer is a page with a 503 and Retry-After, as on the API,
never a 500."""

from __future__ import annotations

from typing import Any

from dependency_injector import providers
from litestar.testing import TestClient

from application.ports.unit_of_work import StorageUnavailable
from chirp.app import create_app
from tests.integration.http.conftest import settings_for_tests


class _Unreachable:
    async def __call__(self, *_: Any) -> Any:
        raise StorageUnavailable("connection refused")


def test_a_page_answers_503_while_the_database_is_away() -> None:
    app = create_app(settings_for_tests())
    with TestClient(app=app) as client:
        use_cases = app.state.container.use_cases
        with use_cases.tweet_replies.override(providers.Object(_Unreachable())):
            answer = client.get("/tweets/01ARZ3NDEKTSV4RRFFQ69G5FAV")

    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "2"
    assert 'role="alert"' in answer.text
