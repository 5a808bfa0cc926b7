"""The table of problem answers per operation stays in step with the routes."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from adapters.http.openapi_responses import PROBLEMS_BY_OPERATION, undocumented_operations


def test_every_operation_has_its_problems_listed_and_no_row_is_stale(
    client: TestClient[Any],
) -> None:
    document = client.get("/schema/openapi.json").json()
    operation_ids = {
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }

    assert undocumented_operations(client.app) == []
    assert set(PROBLEMS_BY_OPERATION) <= operation_ids


def test_every_api_operation_documents_a_bad_token_and_the_rate_limit(
    client: TestClient[Any],
) -> None:
    document = client.get("/schema/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            answers = operation["responses"]
            assert "401" in answers, f"{method} {path}"
            if path.startswith("/api/"):
                assert "Retry-After" in answers["429"]["description"], f"{method} {path}"
                problem = answers["429"]["content"]["application/problem+json"]["schema"]
                assert problem == {"$ref": "#/components/schemas/Problem"}
