"""The document states the rules the server enforces (the issue's examples among them),
and OPTIONS lists exactly the methods of each path."""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.testing import TestClient

METHODS = {"get", "post", "put", "patch", "delete"}
PAGED = [
    "/api/v1/timeline",
    "/api/v1/profiles/{username}/tweets",
    "/api/v1/profiles/{username}/likes",
    "/api/v1/profiles/{username}/followers",
    "/api/v1/profiles/{username}/following",
    "/api/v1/tweets/{tweet_id}/likes",
    "/api/v1/tweets/{tweet_id}/retweets",
    "/api/v1/notifications",
]


@pytest.fixture
def document(client: TestClient[Any]) -> dict[str, Any]:
    return dict(client.get("/schema/openapi.json").json())


def schema_of(document: dict[str, Any], name: str) -> dict[str, Any]:
    return dict(document["components"]["schemas"][name])


def parameter(document: dict[str, Any], path: str, name: str, method: str = "get") -> Any:
    found = [p for p in document["paths"][path][method]["parameters"] if p["name"] == name]
    assert found, f"{name} on {path}"
    return found[0]["schema"]


@pytest.mark.parametrize("path", PAGED)
def test_limit_is_documented_as_1_to_100(document, path):
    limit = parameter(document, path, "limit")
    assert (limit["minimum"], limit["maximum"]) == (1, 100)


def test_body_lengths_patterns_and_closed_objects_are_documented(document):
    signup = schema_of(document, "SignupIn")
    assert (
        signup["properties"]["password"]["minLength"],
        signup["properties"]["password"]["maxLength"],
    ) == (8, 128)
    assert signup["properties"]["username"]["pattern"] == "^[A-Za-z0-9_]{1,30}$"
    assert signup["additionalProperties"] is False and set(signup["required"]) == {
        "username",
        "email",
        "password",
    }
    tweet = schema_of(document, "TweetIn")
    assert tweet["properties"]["media_ids"]["maxItems"] == 4
    assert "pattern" in tweet["properties"]["text"]
    assert schema_of(document, "UploadIn")["additionalProperties"] is False


def test_the_idempotency_key_header_is_documented_with_its_format(document):
    key = parameter(document, "/api/v1/tweets", "Idempotency-Key", "post")
    assert re.fullmatch(key["pattern"], "a" * 64) and not re.search(key["pattern"], "a" * 65)
    assert not re.search(key["pattern"], "a b")


def test_every_operation_documents_503_for_a_database_that_does_not_answer(document):
    missing = [
        f"{method} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS and "503" not in operation["responses"]
    ]
    assert missing == []


def test_options_lists_exactly_the_documented_methods_of_every_path(client, document):
    wrong = {}
    for path, item in document["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "x", path)
        answer = client.options(concrete)
        allowed = {m.strip().lower() for m in answer.headers.get("allow", "").split(",")}
        documented = {m for m in item if m in METHODS} | {"options"}
        if answer.status_code != 204 or allowed != documented:
            wrong[path] = (answer.status_code, sorted(allowed), sorted(documented))
    assert wrong == {}
