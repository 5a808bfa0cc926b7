"""The OpenAPI document describes every operation well enough to use it without the code.

Generic on purpose: a route added later is held to the same standard without a change
here."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import TestClient

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document(client: TestClient[Any]) -> dict[str, Any]:
    answer = client.get("/schema/openapi.json")
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    return body


def operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [
        (f"{method.upper()} {path}", operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]
    assert len(found) > 10, "the document lists the API"
    return found


def test_every_operation_has_a_unique_id_and_a_summary(document: dict[str, Any]) -> None:
    listed = operations(document)
    missing = [name for name, op in listed if not op.get("operationId") or not op.get("summary")]
    ids = [op["operationId"] for _, op in listed if op.get("operationId")]

    assert missing == []
    assert len(ids) == len(set(ids))


def test_every_operation_documents_its_client_errors_as_problems(
    document: dict[str, Any],
) -> None:
    without_4xx, not_problem = [], []
    for name, operation in operations(document):
        client_errors = {
            code: answer for code, answer in operation["responses"].items() if code.startswith("4")
        }
        if not client_errors:
            without_4xx.append(name)
        for code, answer in client_errors.items():
            if "application/problem+json" not in answer.get("content", {}):
                not_problem.append(f"{name} {code}")

    assert without_4xx == []
    assert not_problem == []


def test_a_bearer_token_can_be_entered_in_the_browsable_docs(
    client: TestClient[Any], document: dict[str, Any]
) -> None:
    schemes = document["components"]["securitySchemes"]
    bearer = [name for name, s in schemes.items() if s.get("scheme") == "bearer"]
    secured = [name for name, op in operations(document) if op.get("security")]

    assert bearer, "a bearer scheme the Authorize button offers"
    assert any("/api/v1/me" in name for name in secured)
    assert client.get("/schema").status_code == 200


def _media_examples(operation: dict[str, Any]) -> bool:
    """An answer that shows its own example (each error status has one of its own)."""
    return any(
        media.get("examples")
        for response in operation["responses"].values()
        for media in response.get("content", {}).values()
    )


def _schemas_of(operation: dict[str, Any]) -> list[dict[str, Any]]:
    bodies = [operation.get("requestBody", {}), *operation["responses"].values()]
    return [
        media["schema"]
        for body in bodies
        for media in body.get("content", {}).values()
        if "schema" in media
    ]


def _has_example(document: dict[str, Any], schema: dict[str, Any]) -> bool:
    """The schema, what it refers to, or one of its alternatives shows an example."""
    reference = schema.get("$ref")
    if reference is not None:
        schema = document["components"]["schemas"][reference.rsplit("/", 1)[1]]
    alternatives = schema.get("oneOf", []) + schema.get("anyOf", [])
    return bool(schema.get("examples")) or any(_has_example(document, a) for a in alternatives)


def test_every_operation_shows_an_example_body(document: dict[str, Any]) -> None:
    """At least its error bodies carry one; request and answer bodies mostly do too."""
    without = [
        name
        for name, operation in operations(document)
        if not any(_has_example(document, s) for s in _schemas_of(operation))
        and not _media_examples(operation)
    ]
    assert without == []


def test_every_request_body_schema_has_an_example(document: dict[str, Any]) -> None:
    without = []
    for name, operation in operations(document):
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
            schema = media.get("schema", {})
            if media_type == "application/json" and not _has_example(document, schema):
                without.append(name)
    assert without == []
