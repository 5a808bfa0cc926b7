"""The browsable docs work offline and show examples that are true: each example fits its
schema, each error status has its own, and the request examples run as they stand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
from litestar.testing import TestClient

from tests.integration.http.test_openapi_document import operations

ERROR_STATUSES = {"400", "401", "403", "404", "409", "413", "415", "422", "429"}


@pytest.fixture
def document(client: TestClient[Any]) -> dict[str, Any]:
    return client.get("/schema/openapi.json").json()  # type: ignore[no-any-return]


def test_the_page_loads_everything_from_this_server(client: TestClient[Any]) -> None:
    page = client.get("/schema")
    assert page.status_code == 200

    loaded = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text)

    assert len(loaded) >= 4, loaded  # style sheet, two scripts, icon
    for address in loaded:
        assert address.startswith("/schema/assets/"), f"{address} is not served here"
        asset = client.get(address)
        assert asset.status_code == 200 and len(asset.content) > 100, address


def test_only_the_page_s_own_assets_are_served(client: TestClient[Any]) -> None:
    for name in ("swagger-editor.js", "..%2F..%2Fpyproject.toml", "LICENSE"):
        assert client.get(f"/schema/assets/{name}").status_code == 404


def test_the_root_is_the_web_client_which_asks_a_visitor_to_log_in(
    client: TestClient[Any],
) -> None:
    answer = client.get("/", follow_redirects=False)

    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/"


def examples_with_schemas(document: dict[str, Any]) -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """(where, example, schema) for every example in the document."""
    for name, schema in document["components"]["schemas"].items():
        for example in schema.get("examples", []):
            yield f"schema {name}", example, {"$ref": f"#/components/schemas/{name}"}
    for name, operation in operations(document):
        bodies = [("request", operation.get("requestBody", {}))]
        bodies += list(operation["responses"].items())
        for status, body in bodies:
            for media in body.get("content", {}).values():
                for key, example in media.get("examples", {}).items():
                    yield f"{name} {status} {key}", example["value"], media["schema"]


def test_every_example_fits_its_schema(document: dict[str, Any]) -> None:
    checked, wrong = 0, []
    for where, example, schema in examples_with_schemas(document):
        validator = jsonschema_rs.validator_for({**schema, "components": document["components"]})
        checked += 1
        if not validator.is_valid(example):
            wrong.append(f"{where}: {next(validator.iter_errors(example)).message}")

    assert checked > 100
    assert wrong == []


def test_each_error_status_shows_its_own_example(document: dict[str, Any]) -> None:
    details: dict[str, set[str]] = {}
    for name, operation in operations(document):
        for status, response in operation["responses"].items():
            media = response.get("content", {}).get("application/problem+json")
            if status not in ERROR_STATUSES or media is None:
                continue  # test_openapi_document checks that every error is a problem
            [example] = media["examples"].values()
            assert example["value"]["status"] == int(status), f"{name} {status}"
            details.setdefault(status, set()).add(example["value"]["detail"])

    assert len({detail for found in details.values() for detail in found}) >= len(details)
    assert "wrong username or password" in details["401"]
    assert {"tweet not found", "profile not found"} <= details["404"]
    assert {"the body is larger than 64 KiB", "the file is larger than 5 MiB"} <= details["413"]


def request_example(document: dict[str, Any], path: str, method: str) -> Any:
    schema = document["paths"][path][method]["requestBody"]["content"]["application/json"]
    alternatives = schema["schema"].get("oneOf", [schema["schema"]])  # an optional body
    [reference] = [a["$ref"] for a in alternatives if "$ref" in a]
    name = reference.rsplit("/", 1)[1]
    return document["components"]["schemas"][name]["examples"][0]


def test_the_request_examples_run_as_they_stand(
    client: TestClient[Any], document: dict[str, Any]
) -> None:
    def example(path: str, method: str = "post") -> Any:
        return request_example(document, f"/api/v1{path}", method)

    assert client.post("/api/v1/auth/signup", json=example("/auth/signup")).status_code == 201
    login = client.post("/api/v1/auth/login", json=example("/auth/login"))
    assert login.status_code == 200, login.text
    auth = {"Authorization": f"Bearer {login.json()['access_token']}"}

    steps = [
        ("patch", "/me", example("/me", "patch")),
        ("post", "/tweets", example("/tweets")),
        ("post", "/notifications/read", example("/notifications/read")),
        ("post", "/me/password", example("/me/password")),
    ]
    for method, path, body in steps:
        answer = client.request(method.upper(), f"/api/v1{path}", json=body, headers=auth)
        assert answer.status_code < 300, f"{method} {path}: {answer.text}"
