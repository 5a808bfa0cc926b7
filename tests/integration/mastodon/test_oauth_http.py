"""Instance discovery, apps and OAuth 2 through HTTP: the grants, the consent page
(CSRF, escaping, state, PKCE), revocation and scope enforcement."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

from domain.oauth import pkce_challenge
from tests.integration.mastodon.conftest import CALLBACK, OOB, PASSWORD, Api, Person, error_of


def test_the_instance_answers_with_and_without_a_trailing_slash(api: Api) -> None:
    for path in ("/api/v1/instance", "/api/v1/instance/", "/api/v2/instance/"):
        answer = api.client.get(path)
        assert answer.status_code == 200, path
        assert re.fullmatch(r"4\.3\.0 \(compatible; Chirp \d+\.\d+\)", answer.json()["version"])
    statuses = api.client.get("/api/v2/instance").json()["configuration"]["statuses"]
    assert statuses["max_characters"] == 280 and statuses["max_media_attachments"] == 4


def test_nodeinfo_and_the_oauth_metadata_describe_the_server(api: Api) -> None:
    href = api.client.get("/.well-known/nodeinfo").json()["links"][0]["href"]
    assert api.client.get(urlsplit(href).path).json()["software"]["name"] == "chirp"
    meta = api.client.get("/.well-known/oauth-authorization-server").json()
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert {"authorization_code", "password", "client_credentials"} <= set(
        meta["grant_types_supported"]
    )
    assert meta["token_endpoint"].endswith("/oauth/token")
    assert "write:statuses" in meta["scopes_supported"]


def test_an_app_registers_with_json_too_and_a_bad_one_is_refused(api: Api) -> None:
    made = api.client.post(
        "/api/v1/apps",
        json={"client_name": "J", "redirect_uris": [OOB], "scopes": "read"},
    )
    assert made.status_code == 200 and made.json()["scopes"] == ["read"]
    assert isinstance(made.json()["client_secret"], str)
    error_of(api.client.post("/api/v1/apps", data={"redirect_uris": OOB}), 422)
    error_of(api.client.post("/api/v1/apps", data={"client_name": "x", "redirect_uris": OOB,
                                                    "scopes": "root"}), 422)  # fmt: skip


def test_apps_verify_credentials_names_the_app_behind_the_token(api: Api, alice: Person) -> None:
    answer = api.client.get("/api/v1/apps/verify_credentials", headers=alice.auth)
    assert answer.status_code == 200
    assert answer.json()["name"] == "Test <App>" and "client_secret" not in answer.json()
    error_of(api.client.get("/api/v1/apps/verify_credentials"), 401)


def _token(api: Api, **fields: str) -> Any:
    return api.client.post(
        "/oauth/token",
        data={"client_id": api.app["client_id"], "client_secret": api.app["client_secret"],
              **fields},
    )  # fmt: skip


def test_the_password_grant_refuses_wrong_credentials(api: Api, alice: Person) -> None:
    wrong = _token(api, grant_type="password", username="alice", password="nope")
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    unknown = _token(api, grant_type="password", username="nobody", password=PASSWORD)
    assert unknown.json() == wrong.json(), "no user enumeration"
    bad_client = api.client.post(
        "/oauth/token",
        data={"grant_type": "password", "client_id": api.app["client_id"],
              "client_secret": "nope", "username": "alice", "password": PASSWORD},
    )  # fmt: skip
    assert bad_client.status_code == 401 and bad_client.json()["error"] == "invalid_client"
    other = _token(api, grant_type="implicit")
    assert other.status_code == 400 and other.json()["error"] == "unsupported_grant_type"


def test_client_credentials_give_an_app_token_that_is_no_user(api: Api) -> None:
    answer = _token(api, grant_type="client_credentials", scope="read")
    assert answer.status_code == 200 and answer.json()["token_type"] == "Bearer"
    auth = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    assert api.client.get("/api/v1/apps/verify_credentials", headers=auth).status_code == 200
    assert api.client.get("/api/v1/timelines/public", headers=auth).status_code == 200
    error_of(api.client.get("/api/v1/accounts/verify_credentials", headers=auth), 422)


def test_a_read_token_cannot_post_and_a_bad_token_is_401(api: Api) -> None:
    reader = api.person("reader", scope="read")
    assert "scopes" in error_of(
        api.client.post("/api/v1/statuses", json={"status": "hi"}, headers=reader.auth), 403
    )
    assert api.client.get("/api/v1/accounts/verify_credentials", headers=reader.auth).is_success
    for header in ("Bearer nonsense", "Basic abc", "Bearer"):
        answer = api.client.get("/api/v1/timelines/home", headers={"Authorization": header})
        error_of(answer, 401)
    error_of(api.client.get("/api/v1/timelines/home"), 401)


def test_granular_scopes_allow_exactly_their_part(api: Api) -> None:
    poster = api.person("poster", scope="write:statuses read:statuses")
    assert api.client.post(
        "/api/v1/statuses", json={"status": "hi"}, headers=poster.auth
    ).is_success
    other = api.sign_up("other")
    error_of(api.client.post(f"/api/v1/accounts/{other}/follow", headers=poster.auth), 403)


def test_a_revoked_token_is_refused(api: Api, alice: Person) -> None:
    revoked = api.client.post(
        "/oauth/revoke",
        data={"client_id": api.app["client_id"], "client_secret": api.app["client_secret"],
              "token": alice.token},
    )  # fmt: skip
    assert revoked.status_code == 200 and revoked.json() == {}
    error_of(api.client.get("/api/v1/accounts/verify_credentials", headers=alice.auth), 401)


def _consent(api: Api, **extra: str) -> tuple[Any, dict[str, str]]:
    params = {
        "client_id": api.app["client_id"],
        "redirect_uri": CALLBACK,
        "response_type": "code",
        "scope": "read write",
        "state": "st<1>",
        **extra,
    }
    page = api.client.get("/oauth/authorize/", params=params)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text))
    return page, {name: unescape(value) for name, value in fields.items()}


def test_the_consent_page_is_labelled_escaped_and_not_framable(api: Api) -> None:
    page, fields = _consent(api)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<label for="username">Username</label>' in page.text
    assert '<label for="password">Password</label>' in page.text
    assert "Test &lt;App&gt;" in page.text and "<App>" not in page.text
    assert fields["state"] == "st<1>" and "st&lt;1&gt;" in page.text
    assert fields["csrf_token"] and page.headers["x-frame-options"] == "DENY"
    assert "samesite=strict" in page.headers["set-cookie"].lower()


def test_the_code_flow_with_pkce_gives_a_token_once(api: Api, alice: Person) -> None:
    verifier = "v" * 64
    _, fields = _consent(api, code_challenge=pkce_challenge(verifier),
                            code_challenge_method="S256")  # fmt: skip
    answer = api.client.post(
        "/oauth/authorize",
        data={**fields, "username": "alice", "password": PASSWORD, "decision": "allow"},
        follow_redirects=False,
    )
    assert answer.status_code == 302
    location = urlsplit(answer.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
    query = parse_qs(location.query)
    assert query["state"] == ["st<1>"]
    redeem = {"grant_type": "authorization_code", "code": query["code"][0],
              "redirect_uri": CALLBACK, "client_id": api.app["client_id"]}  # fmt: skip
    wrong = api.client.post("/oauth/token", data={**redeem, "code_verifier": "w" * 64})
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    # The wrong attempt used the code up: the right verifier now comes too late.
    late = api.client.post("/oauth/token", data={**redeem, "code_verifier": verifier})
    assert late.status_code == 400

    _, fields = _consent(api, code_challenge=pkce_challenge(verifier), code_challenge_method="S256")
    again = api.client.post(
        "/oauth/authorize",
        data={**fields, "username": "alice", "password": PASSWORD},
        follow_redirects=False,
    )
    code = parse_qs(urlsplit(again.headers["location"]).query)["code"][0]
    token = api.client.post(
        "/oauth/token", data={**redeem, "code": code, "code_verifier": verifier}
    )
    assert token.status_code == 200 and token.json()["scope"] == "read write"
    auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
    me = api.client.get("/api/v1/accounts/verify_credentials", headers=auth)
    assert me.json()["id"] == alice.id
    reused = api.client.post(
        "/oauth/token", data={**redeem, "code": code, "code_verifier": verifier}
    )
    assert reused.status_code == 400


def test_the_out_of_band_redirect_shows_the_code(api: Api, alice: Person) -> None:
    _, fields = _consent(api, redirect_uri=OOB)
    answer = api.client.post(
        "/oauth/authorize", data={**fields, "username": "alice", "password": PASSWORD}
    )
    code = re.search(r'<code id="authorization-code">([^<]+)</code>', answer.text)
    assert answer.status_code == 200 and code
    token = _token(api, grant_type="authorization_code", code=unescape(code.group(1)),
                   redirect_uri=OOB)  # fmt: skip
    assert token.status_code == 200


def test_the_form_refuses_a_missing_csrf_token_and_a_wrong_password(
    api: Api, alice: Person
) -> None:
    _, fields = _consent(api)
    forged = {**fields, "csrf_token": "forged", "username": "alice", "password": PASSWORD}
    assert api.client.post("/oauth/authorize", data=forged).status_code == 403
    api.client.cookies.clear()
    no_cookie = {**fields, "username": "alice", "password": PASSWORD}
    assert api.client.post("/oauth/authorize", data=no_cookie).status_code == 403
    _, fields = _consent(api)
    wrong = api.client.post("/oauth/authorize", data={**fields, "username": "alice",
                                                       "password": "nope"})  # fmt: skip
    assert wrong.status_code == 401 and "Wrong username or password" in wrong.text
    assert '<label for="password">Password</label>' in wrong.text


def test_a_denial_goes_back_with_access_denied(api: Api) -> None:
    _, fields = _consent(api)
    answer = api.client.post(
        "/oauth/authorize", data={**fields, "decision": "deny"}, follow_redirects=False
    )
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query == {"error": ["access_denied"], "state": ["st<1>"]}


def test_an_unknown_client_or_redirect_is_refused_on_the_page(api: Api) -> None:
    unknown = api.client.get("/oauth/authorize", params={"client_id": "x", "redirect_uri": OOB})
    assert unknown.status_code == 400 and "client authentication failed" in unknown.text
    page, _ = _consent(api, redirect_uri="https://evil.example/")
    assert page.status_code == 400 and "Location" not in page.headers
    page, _ = _consent(api, scope="admin:read")
    assert page.status_code == 400
