"""A 413 says which limit it enforced, in the units people read."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from tests.integration.http.conftest import User, assert_problem

MIB = 1024 * 1024
PNG_HEADER = b"\x89PNG\r\n\x1a\n"


def test_a_json_body_over_its_limit_states_64_kib(client: TestClient[Any]) -> None:
    response = client.post(
        "/api/v1/auth/signup",
        content=b'{"username": "' + b"x" * 70_000 + b'"}',
        headers={"content-type": "application/json"},
    )

    assert assert_problem(response, 413)["detail"] == "the body is larger than 64 KiB"


def test_an_image_over_its_limit_states_5_mib_however_it_is_caught(
    client: TestClient[Any], alice: User
) -> None:
    def sent(size: int, path: str = "/api/v1/media") -> Any:
        files = {"file": ("a.png", PNG_HEADER + b"\0" * size, "image/png")}
        if path.endswith("picture"):
            return client.put(path, files=files, headers=alice.auth)
        return client.post(path, files=files, headers=alice.auth)

    # Past the body bound (refused before reading), and inside it but over the file bound.
    for response in (sent(6 * MIB), sent(5 * MIB), sent(6 * MIB, "/api/v1/me/picture")):
        assert assert_problem(response, 413)["detail"] == "the file is larger than 5 MiB"
