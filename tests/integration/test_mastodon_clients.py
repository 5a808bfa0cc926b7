"""End to end: a real `chirp serve` (Chirp's API and the Mastodon API on their own
ports, one SQLite file) driven by Mastodon.py 2.3.3 as an app would drive it, with the
authorization-code flow filled in like a browser fills the HTML form."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from html import unescape

import httpx
import pytest
from mastodon import Mastodon, MastodonAPIError, MastodonUnauthorizedError

from adapters.persistence.sql.migrate import upgrade
from tests.support import databases
from tests.support.images import png
from tests.support.servers import Server, free_port, server_environment

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery"
SCOPES = ["read", "write", "follow"]


class Servers:
    def __init__(self, chirp: str, mastodon: str) -> None:
        self.chirp, self.mastodon = chirp, mastodon


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    workdir = tmp_path_factory.mktemp("mastodon-e2e")
    url = f"sqlite+aiosqlite:///{workdir / 'chirp.db'}"
    databases.off_loop(upgrade, url)
    mastodon_port = free_port()
    environment = server_environment(url, workdir, CHIRP_MASTODON_PORT=str(mastodon_port))
    server = Server(environment, workdir / "server.log").start()
    mastodon = f"http://127.0.0.1:{mastodon_port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{mastodon}/api/v1/instance/", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    try:
        for name in ("alice", "bob"):
            created = httpx.post(
                f"{server.url}/api/v1/auth/signup",
                json={"username": name, "email": f"{name}@example.com", "password": PASSWORD},
            )
            assert created.status_code == 201, created.text
        yield Servers(server.url, mastodon)
    finally:
        server.stop()


def app_credentials(base: str) -> tuple[str, str]:
    return Mastodon.create_app(
        "e2e client",
        scopes=SCOPES,
        redirect_uris=["urn:ietf:wg:oauth:2.0:oob"],
        api_base_url=base,
    )


def client(base: str, client_id: str, secret: str, token: str | None = None) -> Mastodon:
    return Mastodon(
        client_id=client_id,
        client_secret=secret,
        access_token=token,
        api_base_url=base,
        version_check_mode="created",
    )


def code_from_consent_page(authorize_url: str, username: str) -> str:
    """What a person does in the browser: open the page, fill the labelled fields, submit."""
    with httpx.Client() as browser:
        page = browser.get(authorize_url)
        assert page.status_code == 200
        assert '<label for="username">Username</label>' in page.text
        assert '<label for="password">Password</label>' in page.text
        fields = dict(
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text)
        )
        form = {name: unescape(value) for name, value in fields.items()}
        form.update(username=username, password=PASSWORD, decision="allow")
        answer = browser.post(authorize_url.split("?")[0], data=form)
        assert answer.status_code == 200, answer.text
        found = re.search(r'<code id="authorization-code">([^<]+)</code>', answer.text)
        assert found, answer.text
        return unescape(found.group(1))


def test_mastodon_py_drives_chirp(running: Servers) -> None:
    base = running.mastodon
    client_id, secret = app_credentials(base)
    version_probe = client(base, client_id, secret)
    assert version_probe.retrieve_mastodon_version() == "4.3.0"

    # alice logs in with the password grant, bob with the authorization-code flow.
    alice = client(base, client_id, secret)
    alice.log_in("alice", PASSWORD, scopes=SCOPES, allow_http=True)
    bob = client(base, client_id, secret)
    url = bob.auth_request_url(scopes=SCOPES, state="s-1", allow_http=True)
    bob.log_in(code=code_from_consent_page(url, "bob"), scopes=SCOPES, allow_http=True)
    me = alice.account_verify_credentials()
    bob_account = bob.account_verify_credentials()
    assert (me["username"], bob_account["username"]) == ("alice", "bob")

    # bob follows alice; alice posts (one with an image); bob pages his home timeline.
    relationship = bob.account_follow(me["id"])
    assert relationship["following"] is True
    media = alice.media_post(png(), mime_type="image/png", description="a picture")
    assert media["type"] == "image" and media["url"].startswith(base)
    pictured = alice.status_post("with a picture #chirp", media_ids=[media["id"]])
    assert pictured["media_attachments"][0]["id"] == media["id"]
    assert httpx.get(pictured["media_attachments"][0]["url"]).content[:4] == b"\x89PNG"
    posted = [alice.status_post(f"status {n} by @alice") for n in range(5)]
    first = bob.timeline_home(limit=2)
    seen = [s["id"] for s in first]
    page = first
    while (page := bob.fetch_next(page)) is not None and page:
        seen.extend(s["id"] for s in page)
    expected = [s["id"] for s in reversed(posted)] + [pictured["id"]]
    assert seen == expected, "paging through the Link headers skips or repeats nothing"

    # bob favourites and reblogs; alice sees both, and the follow, in her notifications.
    favourited = bob.status_favourite(pictured["id"])
    assert favourited["favourited"] is True and favourited["favourites_count"] == 1
    reblog = bob.status_reblog(pictured["id"])
    assert reblog["reblog"]["id"] == pictured["id"] and reblog["id"] != pictured["id"]
    # bob replies: alice is told (a reply is a mention) and the thread shows it.
    reply = bob.status_post("@alice nice one", in_reply_to_id=pictured["id"])
    assert reply["in_reply_to_id"] == pictured["id"]
    assert [m["id"] for m in reply["mentions"]] == [me["id"]]
    kinds = [n["type"] for n in alice.notifications()]
    assert kinds[:4] == ["mention", "reblog", "favourite", "follow"]
    thread = alice.status_context(pictured["id"])
    assert [s["id"] for s in thread["descendants"]] == [reply["id"]]
    assert [s["id"] for s in alice.status_context(reply["id"])["ancestors"]] == [pictured["id"]]

    # search finds bob and the status; the hashtag has its timeline.
    found = alice.search_v2("bob", result_type="accounts")
    assert [a["id"] for a in found["accounts"]] == [bob_account["id"]]
    statuses = alice.search_v2("picture", result_type="statuses")["statuses"]
    assert [s["id"] for s in statuses] == [pictured["id"]]
    assert [s["id"] for s in alice.timeline_hashtag("chirp")] == [pictured["id"]]

    # a status is deleted and answers with its text.
    deleted = alice.status_delete(posted[0]["id"])
    assert deleted["text"] == "status 0 by @alice"
    with pytest.raises(MastodonAPIError):
        alice.status(posted[0]["id"])

    # A read-only token cannot post; a revoked token is refused.
    reader = client(base, client_id, secret)
    reader.log_in("alice", PASSWORD, scopes=["read"], allow_http=True)
    with pytest.raises(MastodonAPIError) as refused:
        reader.status_post("not allowed")
    assert "403" in str(refused.value) or "scope" in str(refused.value)
    token = reader.access_token
    reader.revoke_access_token(allow_http=True)
    with pytest.raises(MastodonUnauthorizedError):
        client(base, client_id, secret, token).account_verify_credentials()


def test_instance_answers_on_paths_with_a_trailing_slash(running: Servers) -> None:
    answer = httpx.get(f"{running.mastodon}/api/v1/instance/", headers={"X-Request-ID": "r-1"})
    assert answer.status_code == 200 and answer.headers["x-request-id"] == "r-1"
    assert re.fullmatch(r"4\.3\.0 \(compatible; Chirp \d+\.\d+\)", answer.json()["version"])
    assert httpx.get(f"{running.chirp}/health").status_code == 200
