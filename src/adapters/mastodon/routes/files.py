"""Media: uploads (v1 and v2), an upload's entity, the image bytes themselves and the
default avatar and header for accounts without a picture."""

from __future__ import annotations

import functools
import io
from typing import Any

from litestar import Response, get, post, put
from litestar.params import FromPath

from adapters.mastodon import convert
from adapters.mastodon import entities as m
from adapters.mastodon.auth import use_cases, user_id
from adapters.mastodon.errors import ApiError
from adapters.mastodon.requests import AnyRequest, base_url, params_of
from domain.media import Media

CACHE_FOREVER = "public, max-age=31536000, immutable"


async def _upload(request: AnyRequest) -> m.MediaAttachment:
    me = await user_id(request, "write:media")
    params = await params_of(request)
    upload = params.file("file")
    if upload is None:
        raise ApiError(422, "Validation failed: file is required")
    media: Media = await use_cases(request).upload_media()(me, await upload.read())
    return convert.attachment(media, base_url(request))


@post("/api/v1/media", status_code=200)
async def upload_v1(request: AnyRequest) -> m.MediaAttachment:
    return await _upload(request)


@post("/api/v2/media", status_code=200)
async def upload_v2(request: AnyRequest) -> m.MediaAttachment:
    """Chirp processes an image while it is uploaded, so the answer is final (200)."""
    return await _upload(request)


@get("/api/v1/media/{media_id:str}")
async def get_media(request: AnyRequest, media_id: FromPath[str]) -> m.MediaAttachment:
    me = await user_id(request, "write:media")
    media = await use_cases(request).get_own_media()(me, media_id)
    return convert.attachment(media, base_url(request))


@put("/api/v1/media/{media_id:str}")
async def update_media(request: AnyRequest, media_id: FromPath[str]) -> m.MediaAttachment:
    """Chirp keeps no image descriptions: the attachment is answered as it is."""
    me = await user_id(request, "write:media")
    media = await use_cases(request).get_own_media()(me, media_id)
    return convert.attachment(media, base_url(request))


@get("/media/{storage_key:str}")
async def media_bytes(request: AnyRequest, storage_key: FromPath[str]) -> Response[bytes]:
    found = await use_cases(request).get_media_bytes()(storage_key)
    return Response(
        found.data,
        media_type=found.content_type,
        headers={"Cache-Control": CACHE_FOREVER, "X-Content-Type-Options": "nosniff"},
    )


@functools.cache
def _grey_png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (128, 128, 128)).save(out, format="PNG")
    return out.getvalue()


@get(["/avatars/original/missing.png"], sync_to_thread=False)
def default_avatar() -> Response[Any]:
    return Response(
        _grey_png(120, 120), media_type="image/png", headers={"Cache-Control": CACHE_FOREVER}
    )


@get(["/headers/original/missing.png"], sync_to_thread=False)
def default_header() -> Response[Any]:
    return Response(
        _grey_png(600, 200), media_type="image/png", headers={"Cache-Control": CACHE_FOREVER}
    )


ROUTES = [
    upload_v1,
    upload_v2,
    get_media,
    update_media,
    media_bytes,
    default_avatar,
    default_header,
]
