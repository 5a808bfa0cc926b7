"""The pages' defences through HTTP: CSRF on every form, sessions, cookies, escaping,
headers, redirects and abuse limits."""

from __future__ import annotations

import re

import httpx
from litestar.testing import TestClient

from chirp.app import create_app
from chirp.settings import Settings
from tests.integration.http.conftest import settings_for_tests
from tests.integration.web.conftest import Browser
from tests.support.images import png

FORMS = [
    "/signup",
    "/login",
    "/logout",
    "/tweets",
    "/tweets/SOMEID/like",
    "/tweets/SOMEID/unlike",
    "/tweets/SOMEID/retweet",
    "/tweets/SOMEID/unretweet",
    "/tweets/SOMEID/delete",
    "/profiles/bob/follow",
    "/profiles/bob/unfollow",
    "/settings/profile",
    "/settings/picture",
]
SESSION_PAGES = ["/", "/notifications", "/settings/profile"]


def _post_tweet(alice: Browser, text: str) -> str:
    assert alice.submit("/tweets", {"text": text, "next": "/"}).status_code == 303
    return re.findall(r'id="tweet-([^"]+)"', alice.get("/").text)[0]


def test_every_form_refuses_a_missing_or_wrong_csrf_token(alice: Browser) -> None:
    tweet_id = _post_tweet(alice, "still here")
    fields = {"text": "forged", "username": "alice", "password": "x", "display_name": "Forged"}
    for path in FORMS:
        for token in [None, "wrong", ""]:
            sent = fields if token is None else {**fields, "csrf": token}
            answer = alice.client.post(
                path.replace("SOMEID", tweet_id), data=sent, follow_redirects=False
            )
            assert answer.status_code == 403, path
            assert 'role="alert"' in answer.text
    # Nothing happened: the tweet is unliked and undeleted, the session alive, no new tweet.
    home = alice.get("/")
    assert home.status_code == 200
    assert home.text.count("<article") == 1
    assert ">Like</button>" in home.text and "Forged" not in home.text


def test_pages_and_actions_that_need_a_session_redirect_to_log_in(browser: Browser) -> None:
    for path in [*SESSION_PAGES, "/?cursor=x"]:
        answer = browser.get(path, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login?next=/")
    for path in FORMS[2:]:
        answer = browser.submit(path.replace("SOMEID", "x"), {"text": "hi"})
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login")


def test_log_in_takes_you_back_where_you_were_going_but_never_off_site(browser: Browser) -> None:
    browser.sign_up("alice")
    browser.log_out()
    for wanted, landed in [("/notifications", "/notifications"), ("//evil.example", "/")]:
        answer = browser.submit(
            "/login", {"username": "alice", "password": "correct horse battery", "next": wanted}
        )
        assert answer.status_code == 303
        assert answer.headers["location"] == landed
        browser.log_out()


def session_cookie_of(answer: httpx.Response) -> str:
    [cookie] = [c for c in answer.headers.get_list("set-cookie") if c.startswith("chirp_session=")]
    return cookie


def test_session_cookie_flags(browser: Browser) -> None:
    cookie = session_cookie_of(browser.sign_up("alice"))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP here


def test_session_cookie_is_secure_over_https(web_settings: Settings) -> None:
    with TestClient(app=create_app(web_settings), base_url="https://chirp.test") as client:
        cookie = session_cookie_of(Browser(client).sign_up("alice"))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_log_out_revokes_the_token_itself(browser: Browser) -> None:
    browser.sign_up("alice")
    stolen = browser.client.cookies.get("chirp_session")
    assert browser.get("/").status_code == 200
    assert browser.log_out().headers["location"] == "/login"
    assert browser.get("/", follow_redirects=False).status_code == 303
    # The old secret, replayed as a cookie or as a bearer token, is dead everywhere.
    browser.client.cookies.set("chirp_session", stolen)
    replay = browser.get("/", follow_redirects=False)
    assert replay.status_code == 303
    api = browser.get("/api/v1/me", headers={"Authorization": f"Bearer {stolen}"})
    assert api.status_code == 401


def test_hostile_text_is_escaped_everywhere(alice: Browser) -> None:
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" #tag'
    assert (
        alice.submit("/settings/profile", {"display_name": "<b>Al</b>", "bio": hostile}).status_code
        == 303
    )
    _post_tweet(alice, hostile)
    for path in ["/", "/profiles/alice", "/profiles/alice/with_replies"]:
        body = alice.get(path).text
        assert "<script>alert" not in body and "<img src=x" not in body and "<b>Al" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "&lt;b&gt;Al&lt;/b&gt;" in body


def test_pages_carry_a_strict_content_security_policy(alice: Browser) -> None:
    for path in ["/", "/login", "/profiles/alice", "/profiles/nobody"]:
        answer = alice.get(path)
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in alice.get("/").text  # only <script src=...>
    assert " style=" not in alice.get("/").text


def test_the_api_keeps_its_own_headers(browser: Browser) -> None:
    answer = browser.get("/api/v1/profiles/nobody")
    assert answer.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_stale_session_cookie_is_cleared(browser: Browser) -> None:
    browser.client.cookies.set("chirp_session", "not-a-token")
    answer = browser.get("/login")
    assert answer.status_code == 200
    assert 'chirp_session=""' in answer.headers.get("set-cookie", "") or (
        "chirp_session=;" in answer.headers.get("set-cookie", "")
    )


def test_log_in_is_limited_like_the_api() -> None:
    settings = settings_for_tests(rate_limit_login="3/3600")
    with TestClient(app=create_app(settings)) as client:
        browser = Browser(client)
        codes = [
            browser.submit("/login", {"username": "x", "password": "wrong"}).status_code
            for _ in range(4)
        ]
        assert codes == [401, 401, 401, 429]
        refused = browser.submit("/login", {"username": "x", "password": "wrong"})
        assert int(refused.headers["retry-after"]) >= 1
        assert 'role="alert"' in refused.text
        # The same counter as the API's: the API is refused for this address too.
        api = client.post("/api/v1/auth/login", json={"username": "x", "password": "wrong"})
        assert api.status_code == 429


def test_writes_are_limited_per_user() -> None:
    settings = settings_for_tests(rate_limit_write="3/3600")
    with TestClient(app=create_app(settings)) as client:
        browser = Browser(client)
        browser.sign_up("alice")
        codes = [browser.submit("/tweets", {"text": f"number {n}"}).status_code for n in range(4)]
        assert codes == [303, 303, 303, 429]


def test_an_oversized_image_is_refused(alice: Browser) -> None:
    big = png(8, 8) + b"\0" * (5 * 1024 * 1024)
    answer = alice.submit(
        "/tweets",
        {"text": "big"},
        files=[("images", ("big.png", big, "image/png"))],
    )
    assert answer.status_code == 413
    assert 'role="alert"' in answer.text
    assert "<article" not in alice.get("/").text


def test_log_in_and_out_hand_out_a_new_csrf_token(browser: Browser) -> None:
    planted = browser.csrf()
    browser.sign_up("alice")
    after_log_in = browser.csrf()
    assert after_log_in != planted
    refused = browser.client.post("/tweets", data={"csrf": planted, "text": "x"})
    assert refused.status_code == 403
    browser.log_out()
    assert browser.csrf() not in {planted, after_log_in}
