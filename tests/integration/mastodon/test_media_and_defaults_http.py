"""Media uploads and the start-up endpoints apps call, through the Mastodon API."""

from __future__ import annotations

import pytest

from adapters.mastodon.routes.defaults import EMPTY_LISTS
from tests.integration.mastodon.conftest import Api, Person, error_of
from tests.support.images import png


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_an_upload_is_a_media_attachment(api: Api, alice: Person, version: str) -> None:
    answer = api.client.post(f"/api/{version}/media", headers=alice.auth,
                             files={"file": ("p.png", png(40, 20), "image/png")})  # fmt: skip
    media = answer.json()
    assert answer.status_code == 200 and media["type"] == "image"
    assert media["meta"]["original"] == {"width": 40, "height": 20, "size": "40x20", "aspect": 2.0}
    assert media["blurhash"] and media["preview_url"] == media["url"]
    served = api.client.get(media["url"].split("testserver.local")[-1])
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    fetched = api.client.get(f"/api/v1/media/{media['id']}", headers=alice.auth)
    assert fetched.json()["id"] == media["id"]
    updated = api.client.put(f"/api/v1/media/{media['id']}", headers=alice.auth,
                             data={"description": "a picture"})  # fmt: skip
    assert updated.status_code == 200 and updated.json()["id"] == media["id"]


def test_uploads_that_are_not_images_or_not_yours_are_refused(
    api: Api, alice: Person, bob: Person
) -> None:
    text = api.client.post("/api/v2/media", headers=alice.auth,
                           files={"file": ("a.txt", b"hello", "text/plain")})  # fmt: skip
    error_of(text, 422)
    error_of(api.client.post("/api/v2/media", headers=alice.auth, data={"x": "1"}), 422)
    media = api.client.post("/api/v2/media", headers=alice.auth,
                            files={"file": ("p.png", png(), "image/png")}).json()  # fmt: skip
    error_of(api.client.get(f"/api/v1/media/{media['id']}", headers=bob.auth), 404)
    error_of(api.client.post("/api/v2/media", files={"file": ("p.png", png(), "image/png")}), 401)
    taken = api.client.post("/api/v1/statuses", headers=bob.auth,
                            json={"status": "x", "media_ids": [media["id"]]})  # fmt: skip
    error_of(taken, 422)


def test_start_up_endpoints_answer_empty_lists(api: Api, alice: Person) -> None:
    for path, _scope in EMPTY_LISTS:
        answer = api.client.get(path, headers=alice.auth)
        assert (answer.status_code, answer.json()) == (200, []), path


def test_preferences_and_unknown_paths(api: Api, alice: Person) -> None:
    prefs = api.client.get("/api/v1/preferences", headers=alice.auth).json()
    assert prefs["posting:default:visibility"] == "public"
    assert error_of(api.client.get("/api/v1/no/such/thing"), 404) == "Record not found"


def test_browser_apps_on_other_origins_may_read_answers(api: Api, alice: Person) -> None:
    origin = {"Origin": "https://elk.example"}
    answer = api.client.get("/api/v1/timelines/home", headers={**alice.auth, **origin})
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "link" in answer.headers["access-control-expose-headers"].lower()
    preflight = api.client.options(
        "/api/v1/statuses",
        headers={**origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization"},
    )  # fmt: skip
    assert preflight.status_code in (200, 204)
    assert "access-control-allow-credentials" not in preflight.headers
