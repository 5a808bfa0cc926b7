"""Fuzzing from the contract: schemathesis generates valid and invalid requests for every
operation of the OpenAPI document, in-process against the app, anonymous and logged in,
on SQLite and PostgreSQL, and checks every answer against the document.

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
from schemathesis import checks as all_checks
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi

from chirp.app import create_app
from tests.integration.http.conftest import PASSWORD, settings_for_tests
from tests.support.fuzz_tally import FuzzTally

FUZZ_EXAMPLES = int(os.environ.get("CHIRP_FUZZ_EXAMPLES", "8"))
CHECKS = [
    all_checks.not_a_server_error,
    all_checks.status_code_conformance,
    all_checks.content_type_conformance,
    all_checks.response_schema_conformance,
    all_checks.negative_data_rejection,
    all_checks.use_after_free,
]
TALLY = FuzzTally()


@pytest.fixture(params=["sqlite", "postgres"])
def backend_url(request: pytest.FixtureRequest) -> Iterator[str]:
    request.applymarker(pytest.mark.postgres) if request.param == "postgres" else None
    yield request.getfixturevalue(f"{request.param}_url")


@pytest.fixture(params=["anonymous", "logged-in"])
def auth_mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fuzzed_app(backend_url: str, auth_mode: str) -> Iterator[Any]:
    app = create_app(settings_for_tests(backend_url))
    yield app
    asgi.shutdown_lifespans()


@pytest.fixture
def api_schema(fuzzed_app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/schema/openapi.json", fuzzed_app)


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


def _fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy(generation_mode=mode, headers=headers or None))
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call_and_validate(checks=CHECKS)
        TALLY.count(response.status_code)

    run()


def _modes(operation: Any) -> list[GenerationMode]:
    """Invalid input exists only where there is input with a shape: a query or a body
    (a free-form path segment is never invalid, only unknown)."""
    if len(operation.query) or len(operation.body):
        return [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    return [GenerationMode.POSITIVE]


def test_every_answer_conforms_to_the_contract(
    api_schema: Any, new_session: Callable[[], dict[str, str]]
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 30, "every operation of the document is fuzzed"
    for operation in operations:
        headers = new_session()
        for mode in _modes(operation):
            try:
                _fuzz(operation, mode, headers)
            except Exception as failure:
                raise AssertionError(f"{operation.label} ({mode.value}): {failure}") from failure
    print("TALLY", TALLY.total, dict(TALLY.by_status))
