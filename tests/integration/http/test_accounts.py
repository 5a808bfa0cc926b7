"""Sign-up, log-in, log-out, /me, password change and profiles, through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import TestClient

from tests.integration.http.conftest import PASSWORD, User, assert_problem

SIGNUP = "/api/v1/auth/signup"
LOGIN = "/api/v1/auth/login"
ME = "/api/v1/me"


def test_signup_answers_201_with_the_profile_and_email(client: TestClient[Any]) -> None:
    response = client.post(
        SIGNUP,
        json={"username": "Alice_1", "email": "a@example.com", "password": PASSWORD},
    )
    assert response.status_code == 201
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["username"] == "Alice_1"
    assert body["display_name"] == "Alice_1"
    assert body["email"] == "a@example.com"
    assert body["picture_url"] is None
    assert body["bio"] == ""
    assert body["created_at"].endswith("Z")
    assert (body["followers_count"], body["following_count"], body["tweets_count"]) == (0, 0, 0)
    assert body["followed_by_me"] is False
    assert "password" not in response.text and "id" not in body


def test_signup_keeps_a_chosen_display_name(client: TestClient[Any]) -> None:
    response = client.post(
        SIGNUP,
        json={
            "username": "al",
            "email": "a@example.com",
            "password": PASSWORD,
            "display_name": "Alice 🐦",
        },
    )
    assert response.json()["display_name"] == "Alice 🐦"


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("username", {"username": "no spaces", "email": "a@example.com", "password": PASSWORD}),
        ("username", {"username": "x" * 31, "email": "a@example.com", "password": PASSWORD}),
        ("username", {"username": "", "email": "a@example.com", "password": PASSWORD}),
        ("email", {"username": "ok", "email": "not-an-email", "password": PASSWORD}),
        ("password", {"username": "ok", "email": "a@example.com", "password": "short"}),
        ("password", {"username": "ok", "email": "a@example.com", "password": "p" * 129}),
        (
            "display_name",
            {
                "username": "ok",
                "email": "a@example.com",
                "password": PASSWORD,
                "display_name": "d" * 51,
            },
        ),
        ("password", {"username": "ok", "email": "a@example.com"}),
        ("username", {"username": 7, "email": "a@example.com", "password": PASSWORD}),
        (
            "is_admin",
            {"username": "ok", "email": "a@example.com", "password": PASSWORD, "is_admin": True},
        ),
        (
            "followers_count",
            {
                "username": "ok",
                "email": "a@example.com",
                "password": PASSWORD,
                "followers_count": 1000,
            },
        ),
    ],
)
def test_invalid_signups_get_422_naming_the_field(
    client: TestClient[Any], field: str, body: dict[str, Any]
) -> None:
    problem = assert_problem(client.post(SIGNUP, json=body), 422)
    assert field in {error["field"] for error in problem["errors"]}
    assert client.get("/api/v1/profiles/ok").status_code == 404


def test_malformed_json_is_400(client: TestClient[Any]) -> None:
    response = client.post(
        SIGNUP, content=b'{"username": ', headers={"content-type": "application/json"}
    )
    assert_problem(response, 400)


def test_a_taken_username_in_any_case_or_email_is_409_naming_the_field(
    client: TestClient[Any], alice: User
) -> None:
    taken_name = client.post(
        SIGNUP, json={"username": "ALICE", "email": "new@example.com", "password": PASSWORD}
    )
    assert [e["field"] for e in assert_problem(taken_name, 409)["errors"]] == ["username"]
    taken_email = client.post(
        SIGNUP, json={"username": "newbie", "email": "ALICE@example.com", "password": PASSWORD}
    )
    assert [e["field"] for e in assert_problem(taken_email, 409)["errors"]] == ["email"]


def test_login_by_username_or_email_in_any_case(client: TestClient[Any], alice: User) -> None:
    for login in ("alice", "ALICE", "Alice@Example.com"):
        response = client.post(LOGIN, json={"username": login, "password": PASSWORD})
        assert response.status_code == 200
        token = response.json()
        assert token["token_type"] == "bearer"
        assert len(token["access_token"]) >= 43  # 256 bits, base64url
        assert token["expires_at"].endswith("Z")


def test_wrong_password_and_unknown_user_get_the_same_401(
    client: TestClient[Any], alice: User
) -> None:
    wrong = assert_problem(
        client.post(LOGIN, json={"username": "alice", "password": "nope-nope"}), 401
    )
    unknown = assert_problem(
        client.post(LOGIN, json={"username": "ghost", "password": "nope-nope"}), 401
    )
    assert wrong == unknown


def test_too_many_failures_lock_only_that_account(
    client: TestClient[Any], alice: User, bob: User
) -> None:
    for _ in range(10):
        assert (
            client.post(LOGIN, json={"username": "alice", "password": "wrong-pass"}).status_code
            == 401
        )
    locked = client.post(LOGIN, json={"username": "alice", "password": PASSWORD})
    assert_problem(locked, 429)
    retry_after = int(locked.headers["Retry-After"])
    assert 1 <= retry_after <= 15 * 60
    assert client.post(LOGIN, json={"username": "bob", "password": PASSWORD}).status_code == 200
    assert client.get(ME, headers=alice.auth).status_code == 200


def test_me_needs_a_token(client: TestClient[Any]) -> None:
    response = client.get(ME)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Basic abc", "Bearer", "token"])
def test_a_bad_token_is_401_on_every_endpoint_even_public_ones(
    client: TestClient[Any], alice: User, header: str
) -> None:
    assert_problem(client.get(ME, headers={"Authorization": header}), 401)
    assert_problem(client.get("/api/v1/profiles/alice", headers={"Authorization": header}), 401)


def test_me_shows_email_and_profiles_never_do(
    client: TestClient[Any], alice: User, bob: User
) -> None:
    me = client.get(ME, headers=alice.auth).json()
    assert me["email"] == "alice@example.com"
    public = client.get("/api/v1/profiles/ALICE", headers=bob.auth)
    assert public.status_code == 200
    assert "email" not in public.json()
    assert public.json()["username"] == "alice"


def test_unknown_profile_is_404(client: TestClient[Any]) -> None:
    assert_problem(client.get("/api/v1/profiles/nobody"), 404)


def test_patch_me_edits_the_given_fields(client: TestClient[Any], alice: User) -> None:
    response = client.patch(ME, headers=alice.auth, json={"bio": "  hello  ", "display_name": "Al"})
    assert response.status_code == 200
    body = response.json()
    assert (body["bio"], body["display_name"], body["username"]) == ("hello", "Al", "alice")
    renamed = client.patch(
        ME, headers=alice.auth, json={"username": "Alicia", "email": "al@example.com"}
    )
    assert (renamed.json()["username"], renamed.json()["email"]) == ("Alicia", "al@example.com")
    assert client.get("/api/v1/profiles/alicia").status_code == 200
    assert client.get("/api/v1/profiles/alice").status_code == 404


def test_patch_me_can_change_the_case_of_ones_own_username(
    client: TestClient[Any], alice: User
) -> None:
    assert (
        client.patch(ME, headers=alice.auth, json={"username": "ALICE"}).json()["username"]
        == "ALICE"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"bio": "b" * 161}, "bio"),
        ({"username": "bad name"}, "username"),
        ({"email": "nope"}, "email"),
        ({"display_name": ""}, "display_name"),
        ({"bio": None}, "bio"),
        ({"followers_count": 5}, "followers_count"),
        ({"password": "newpassword"}, "password"),
        ({"created_at": "2020-01-01T00:00:00Z"}, "created_at"),
    ],
)
def test_patch_me_rejects_invalid_or_forbidden_fields(
    client: TestClient[Any], alice: User, body: dict[str, Any], field: str
) -> None:
    problem = assert_problem(client.patch(ME, headers=alice.auth, json=body), 422)
    assert field in {error["field"] for error in problem["errors"]}
    assert client.get(ME, headers=alice.auth).json()["bio"] == ""


def test_patch_me_to_a_taken_username_or_email_is_409(
    client: TestClient[Any], alice: User, bob: User
) -> None:
    name = assert_problem(client.patch(ME, headers=alice.auth, json={"username": "BOB"}), 409)
    assert name["errors"][0]["field"] == "username"
    mail = assert_problem(
        client.patch(ME, headers=alice.auth, json={"email": "bob@example.com"}), 409
    )
    assert mail["errors"][0]["field"] == "email"


def test_logout_revokes_only_that_token(client: TestClient[Any], alice: User) -> None:
    second = client.post(LOGIN, json={"username": "alice", "password": PASSWORD}).json()[
        "access_token"
    ]
    assert client.post("/api/v1/auth/logout", headers=alice.auth).status_code == 204
    assert_problem(client.get(ME, headers=alice.auth), 401)
    assert client.get(ME, headers={"Authorization": f"Bearer {second}"}).status_code == 200


def test_logout_needs_a_token(client: TestClient[Any]) -> None:
    assert_problem(client.post("/api/v1/auth/logout"), 401)


def test_password_change_revokes_every_other_token(client: TestClient[Any], alice: User) -> None:
    second = client.post(LOGIN, json={"username": "alice", "password": PASSWORD}).json()[
        "access_token"
    ]
    response = client.post(
        f"{ME}/password",
        headers=alice.auth,
        json={"current_password": PASSWORD, "new_password": "a brand new secret"},
    )
    assert response.status_code == 204
    assert client.get(ME, headers=alice.auth).status_code == 200
    assert_problem(client.get(ME, headers={"Authorization": f"Bearer {second}"}), 401)
    assert_problem(client.post(LOGIN, json={"username": "alice", "password": PASSWORD}), 401)
    assert (
        client.post(LOGIN, json={"username": "alice", "password": "a brand new secret"}).status_code
        == 200
    )


def test_password_change_with_a_wrong_current_password_is_401_and_changes_nothing(
    client: TestClient[Any], alice: User
) -> None:
    response = client.post(
        f"{ME}/password",
        headers=alice.auth,
        json={"current_password": "not it at all", "new_password": "a brand new secret"},
    )
    assert_problem(response, 401)
    assert client.get(ME, headers=alice.auth).status_code == 200
    assert client.post(LOGIN, json={"username": "alice", "password": PASSWORD}).status_code == 200


def test_password_change_validates_the_new_password(client: TestClient[Any], alice: User) -> None:
    response = client.post(
        f"{ME}/password",
        headers=alice.auth,
        json={"current_password": PASSWORD, "new_password": "short"},
    )
    assert assert_problem(response, 422)["errors"][0]["field"] == "new_password"


def test_health_and_openapi(client: TestClient[Any]) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    document = client.get("/schema/openapi.json").json()
    assert "/api/v1/auth/signup" in document["paths"]
    assert client.get("/schema").status_code == 200


def test_unknown_route_is_a_404_problem(client: TestClient[Any]) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404)


def test_wrong_method_is_a_405_problem(client: TestClient[Any]) -> None:
    assert_problem(client.delete("/api/v1/auth/signup"), 405)


def test_a_body_over_64_kib_is_413(client: TestClient[Any]) -> None:
    response = client.post(
        SIGNUP,
        content=b'{"username": "' + b"x" * 70_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert_problem(response, 413)
