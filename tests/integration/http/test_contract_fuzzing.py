"""Fuzzing from the contract: schemathesis generates valid and invalid requests for every
operation of the OpenAPI document, in-process against the app, anonymous and logged in,
on SQLite and PostgreSQL, and runs every check schemathesis has on every answer
(tests/support/contract_checks.py names the narrow exclusions and why).

`CHIRP_FUZZ_EXAMPLES` sets the examples per operation (small by default so `make test`
stays quick); run it bigger on its own with e.g.
`CHIRP_FUZZ_EXAMPLES=500 .venv/bin/pytest tests/integration/http/test_contract_fuzzing.py`."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi

from chirp.app import create_app
from tests.conftest import BACKENDS
from tests.integration.http.conftest import PASSWORD, settings_for_tests
from tests.support.contract_checks import CHECKS
from tests.support.figures import StatusTally, record_figures

pytestmark = pytest.mark.parametrize("database_url", BACKENDS[1:], indirect=True)

FUZZ_EXAMPLES = int(os.environ.get("CHIRP_FUZZ_EXAMPLES", "4"))


@pytest.fixture(params=["anonymous", "logged-in"])
def auth_mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fuzzed_app(database_url: str, auth_mode: str) -> Iterator[Any]:
    app = create_app(settings_for_tests(database_url))
    yield app
    asgi.shutdown_lifespans()


@pytest.fixture
def api_schema(fuzzed_app: Any, auth_mode: str) -> Any:
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", fuzzed_app)
    if auth_mode == "logged-in":
        # The token is ours to send: a generated (random or missing) one would only
        # test the anonymous run again, and a mutation of it would be undone by ours.
        schema.config.generation.update(with_security_parameters=False)
    return schema


@pytest.fixture
def new_session(auth_mode: str, api_schema: Any) -> Callable[[], dict[str, str]]:
    """Headers for a fresh caller: nobody, or a new account with its own token (the fuzzer
    may log out, or rename the account, so no operation inherits another's session)."""

    def anonymous() -> dict[str, str]:
        return {}

    def logged_in() -> dict[str, str]:
        name = f"fuzz{uuid.uuid4().hex[:12]}"
        credentials = {"username": name, "password": PASSWORD}
        signup = api_schema["/api/v1/auth/signup"]["POST"].Case(
            body={**credentials, "email": f"{name}@example.com"}, media_type="application/json"
        )
        assert signup.call().status_code == 201
        login = api_schema["/api/v1/auth/login"]["POST"].Case(
            body=credentials, media_type="application/json"
        )
        return {"Authorization": f"Bearer {login.call().json()['access_token']}"}

    return anonymous if auth_mode == "anonymous" else logged_in


def _fuzz(
    operation: Any, mode: GenerationMode, headers: dict[str, str], tally: StatusTally
) -> None:
    # The token goes in as the caller's own (explicit) headers, so ignored_auth knows it
    # is valid and checks the operation refuses the same request without it.
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call_and_validate(headers=headers or None, checks=CHECKS)
        tally.count(response.status_code)

    run()


def _modes(operation: Any) -> list[GenerationMode]:
    """Invalid input exists only where there is input with a shape: a query or a body
    (a free-form path segment is never invalid, only unknown)."""
    if len(operation.query) or len(operation.body):
        return [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    return [GenerationMode.POSITIVE]


def test_every_answer_conforms_to_the_contract(
    request: pytest.FixtureRequest, api_schema: Any, new_session: Callable[[], dict[str, str]]
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 30, "every operation of the document is fuzzed"
    tally = StatusTally()
    for operation in operations:
        headers = new_session()
        for mode in _modes(operation):
            try:
                _fuzz(operation, mode, headers, tally)
            except Exception as failure:
                raise AssertionError(f"{operation.label} ({mode.value}): {failure}") from failure
    assert not any(status >= 500 for status in tally.by_status)
    record_figures(
        request.node.name,
        operations=len(operations),
        requests=tally.total,
        statuses=dict(tally.by_status),
    )


def test_linked_operations_conform_and_deleted_tweets_stay_gone(
    request: pytest.FixtureRequest, api_schema: Any, new_session: Callable[[], dict[str, str]]
) -> None:
    """Stateful: schemathesis chains operations through the links it infers from the
    document (a created tweet's id into like, retweet, delete, then get), so
    use_after_free can see a deleted tweet being read."""

    tally = StatusTally()

    class Scenario(api_schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            self.headers = new_session()

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": self.headers}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            tally.count(response.status_code)
            case.validate_response(
                response,
                checks=CHECKS,
                headers=self.headers or None,
                transport_kwargs=kwargs,
                recorder=self.recorder,
            )

    Scenario.run(
        settings=settings(
            max_examples=FUZZ_EXAMPLES * 2,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    assert tally.total > 0
    record_figures(request.node.name, requests=tally.total, statuses=dict(tally.by_status))
