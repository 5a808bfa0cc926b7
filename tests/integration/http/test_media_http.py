"""Media through HTTP: uploads, profile pictures and the bytes served back, on the
in-memory store and on a filesystem store under a temporary directory."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from chirp.settings import Settings
from tests.integration.http.conftest import User, assert_problem, settings_for_tests
from tests.support.images import (
    COLOURS,
    GPS_IFD,
    SECRET,
    animated,
    decode,
    frame_colours,
    jpeg_with_gps,
    noisy_png,
    png,
    png_declaring,
    png_with_text,
)

MIB = 1024 * 1024
MEDIA = "/api/v1/media"
PICTURE = "/api/v1/me/picture"


@pytest.fixture(params=["memory", "filesystem"])
def app_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "filesystem":
        # Files on disk belong to a database that records them: memory:// refuses them.
        return settings_for_tests(
            request.getfixturevalue("sqlite_url"),
            media_backend="filesystem",
            media_root=tmp_path / "media",
        )
    return settings_for_tests()


def upload(client: TestClient[Any], user: User, data: bytes, name: str = "photo.png") -> Any:
    return client.post(MEDIA, files={"file": (name, data, "image/png")}, headers=user.auth)


def set_picture(client: TestClient[Any], user: User, data: bytes) -> Any:
    return client.put(PICTURE, files={"file": ("me.png", data, "image/png")}, headers=user.auth)


def key_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def stored_bytes(client: TestClient[Any], key: str) -> bytes | None:
    store = client.app.state.container.core.media_store()
    return asyncio.run(store.get(key))  # type: ignore[no-any-return]


def test_an_upload_answers_201_media_whose_url_serves_the_stored_bytes(client, alice):
    created = upload(client, alice, png(64, 48))

    assert created.status_code == 201, created.text
    media = created.json()
    assert set(media) == {"id", "url", "content_type", "width", "height", "size_bytes"}
    assert (media["content_type"], media["width"], media["height"]) == ("image/png", 64, 48)
    served = client.get(media["url"])
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/png"
    assert len(served.content) == media["size_bytes"]
    assert stored_bytes(client, key_of(media["url"])) == served.content
    assert decode(served.content).size == (64, 48)


def test_an_image_of_a_few_mib_fits_although_json_bodies_are_bounded_far_lower(client, alice):
    data = noisy_png(1000)
    assert len(data) > 2 * MIB
    created = upload(client, alice, data)
    assert created.status_code == 201, created.text
    assert created.json()["width"] == 1000


def test_the_storage_key_never_comes_from_the_file_name(client, alice):
    media = upload(client, alice, png(), name="../../etc/passwd.png").json()
    assert "passwd" not in media["url"]
    assert media["url"].startswith("/media/")


def test_a_jpeg_with_gps_comes_back_without_any_metadata(client, alice):
    media = upload(client, alice, jpeg_with_gps(), name="holiday.jpg").json()
    served = client.get(media["url"]).content
    image = decode(served)
    assert media["content_type"] == "image/jpeg"
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(GPS_IFD) == {}
    assert SECRET.encode() not in served
    assert media["size_bytes"] == len(served)


def test_png_text_chunks_are_stripped(client, alice):
    served = client.get(upload(client, alice, png_with_text()).json()["url"]).content
    assert decode(served).text == {}
    assert SECRET.encode() not in served


def test_an_animated_gif_keeps_its_frames(client, alice):
    media = upload(client, alice, animated("GIF"), name="loop.gif").json()
    image = decode(client.get(media["url"]).content)
    assert media["content_type"] == "image/gif"
    assert image.n_frames == 3
    assert frame_colours(image) == COLOURS


def test_a_text_file_named_png_is_415_whatever_its_declared_type(client, alice):
    refused = upload(client, alice, b"just some text, honestly", name="cat.png")
    assert_problem(refused, 415)


def test_a_body_that_is_not_multipart_is_415(client, alice):
    assert_problem(client.post(MEDIA, json={"file": "x"}, headers=alice.auth), 415)
    raw = client.post(MEDIA, content=png(), headers={**alice.auth, "Content-Type": "image/png"})
    assert_problem(raw, 415)


def test_a_body_of_6_mib_is_413(client, alice):
    refused = upload(client, alice, b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * MIB))
    assert_problem(refused, 413)


def test_a_chunked_body_without_length_is_cut_off_at_the_bound_too(client, alice):
    def chunks() -> Iterator[bytes]:
        yield b"--bound\r\nContent-Disposition: form-data; name=file; filename=a.png\r\n\r\n"
        for _ in range(7):
            yield b"\0" * MIB

    headers = {**alice.auth, "Content-Type": "multipart/form-data; boundary=bound"}
    refused = client.post(MEDIA, content=chunks(), headers=headers)
    assert "content-length" not in refused.request.headers
    assert_problem(refused, 413)


def test_a_file_part_just_over_5_mib_is_413_even_inside_the_body_bound(client, alice):
    assert_problem(upload(client, alice, b"\x89PNG\r\n\x1a\n" + b"\0" * (5 * MIB)), 413)


def test_a_decompression_bomb_is_422_naming_the_file(client, alice):
    refused = upload(client, alice, png_declaring(50_000, 50_000), name="tiny.png")
    body = assert_problem(refused, 422)
    assert [e["field"] for e in body["errors"]] == ["file"]


def test_no_file_part_is_422_naming_the_file(client, alice):
    missing = client.post(
        MEDIA, files={"picture": ("a.png", png(), "image/png")}, headers=alice.auth
    )
    body = assert_problem(missing, 422)
    assert [e["field"] for e in body["errors"]] == ["file"]
    text_only = client.post(
        MEDIA,
        data={"file": "a text field, not a file"},
        files={"other": ("a.png", png(), "image/png")},
        headers=alice.auth,
    )
    assert [e["field"] for e in assert_problem(text_only, 422)["errors"]] == ["file"]


def test_uploading_needs_a_token(client):
    refused = client.post(MEDIA, files={"file": ("a.png", png(), "image/png")})
    assert_problem(refused, 401)


def test_served_bytes_carry_cache_and_safety_headers(client, alice):
    url = upload(client, alice, png()).json()["url"]
    served = client.get(url)
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["cache-control"] == "public, max-age=31536000, immutable"
    etag = served.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")


def test_a_matching_if_none_match_is_304_without_a_body(client, alice):
    url = upload(client, alice, png()).json()["url"]
    etag = client.get(url).headers["etag"]
    for header in (etag, f'"other", {etag}', f"W/{etag}", "*"):
        again = client.get(url, headers={"If-None-Match": header})
        assert again.status_code == 304, header
        assert again.content == b""
        assert again.headers["etag"] == etag
    stale = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.content


def test_unknown_media_keys_are_404_problems(client):
    for key in ("neverUploadedAnything.png", "..%2F..%2Fchirp.db", "short"):
        assert_problem(client.get(f"/media/{key}"), 404)


def test_a_picture_is_set_scaled_to_400_and_shown_on_profiles(client, alice):
    answered = set_picture(client, alice, png(1200, 900))

    assert answered.status_code == 200, answered.text
    me = answered.json()
    assert me["email"] == alice.email and me["picture_url"].startswith("/media/")
    picture = client.get(me["picture_url"])
    assert picture.status_code == 200
    assert decode(picture.content).size == (400, 300)
    public = client.get(f"/api/v1/profiles/{alice.username}").json()
    assert public["picture_url"] == me["picture_url"]
    assert client.get("/api/v1/me", headers=alice.auth).json()["picture_url"] == me["picture_url"]


def test_a_new_picture_replaces_the_old_one_and_its_bytes_go(client, alice):
    old = set_picture(client, alice, png(colour=(1, 1, 1))).json()["picture_url"]
    new = set_picture(client, alice, png(colour=(2, 2, 2))).json()["picture_url"]

    assert new != old
    assert_problem(client.get(old), 404)
    assert stored_bytes(client, key_of(old)) is None
    assert client.get(new).status_code == 200


def test_deleting_the_picture_answers_null_and_removes_its_bytes(client, alice):
    url = set_picture(client, alice, png()).json()["picture_url"]

    removed = client.delete(PICTURE, headers=alice.auth)

    assert removed.status_code == 200
    assert removed.json()["picture_url"] is None and removed.json()["email"] == alice.email
    assert stored_bytes(client, key_of(url)) is None
    assert_problem(client.get(url), 404)
    again = client.delete(PICTURE, headers=alice.auth)
    assert again.status_code == 200 and again.json()["picture_url"] is None


def test_a_picture_obeys_the_upload_rules(client, alice):
    assert_problem(set_picture(client, alice, b"text pretending to be a picture"), 415)
    assert_problem(set_picture(client, alice, b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * MIB)), 413)
    assert_problem(set_picture(client, alice, png_declaring(50_000, 50_000)), 422)
    missing = client.put(
        PICTURE, files={"photo": ("a.png", png(), "image/png")}, headers=alice.auth
    )
    assert [e["field"] for e in assert_problem(missing, 422)["errors"]] == ["file"]
    assert client.get("/api/v1/me", headers=alice.auth).json()["picture_url"] is None


def test_picture_endpoints_need_a_token(client):
    assert_problem(client.put(PICTURE, files={"file": ("a.png", png(), "image/png")}), 401)
    assert_problem(client.delete(PICTURE), 401)


def test_the_openapi_document_describes_the_multipart_uploads(client):
    document = client.get("/schema/openapi.json").json()
    for path, method in ((MEDIA, "post"), (PICTURE, "put")):
        operation = document["paths"][path][method]
        assert operation["operationId"] and operation["summary"]
        assert "multipart/form-data" in operation["requestBody"]["content"]
        assert {"413", "415", "422"} <= set(operation["responses"])
    served = document["paths"]["/media/{storage_key}"]["get"]
    assert served["operationId"] == "getMediaBytes"
    upload_schema = document["components"]["schemas"]["UploadIn"]
    assert upload_schema["properties"]["file"]["format"] == "binary"
