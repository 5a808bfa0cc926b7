"""Uploading images, profile pictures, and serving the stored bytes.

Upload routes get their own body limit: the image bound plus room for the multipart
framing. Litestar refuses a larger Content-Length before reading anything and counts
the bytes of a chunked body as they arrive, so no oversized body is ever held whole.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Response, delete, get, post, put
from litestar.connection import ASGIConnection
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency, Provide
from litestar.enums import RequestEncodingType
from litestar.exceptions import HTTPException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import BodyKwarg, FromPath, HeaderParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_304_NOT_MODIFIED

from adapters.http.auth import BEARER_SECURITY, SIGNED_IN_ONLY, AnyRequest, provide_user_id
from adapters.http.problems import PROBLEM_JSON, Problem
from adapters.http.schemas.accounts import MeOut, me_out
from adapters.http.schemas.media import MediaOut, UploadIn, media_out
from adapters.http.services import use_case
from application.media.pictures import RemoveProfilePicture, SetProfilePicture
from application.media.serve import GetMediaBytes
from application.media.upload import UploadMedia
from domain.errors import ContentTooLarge, FieldProblem, InvalidInput
from domain.media import MAX_UPLOAD_BYTES

MULTIPART_OVERHEAD = 64 * 1024
UPLOAD_BODY_LIMIT = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD
# What a 413 says on these routes: the limit people know, not the envelope's.
TOO_LARGE = {"too_large": str(ContentTooLarge(MAX_UPLOAD_BYTES))}
CACHE_FOREVER = "public, max-age=31536000, immutable"

UploadBody = Annotated[
    UploadIn,
    BodyKwarg(
        media_type=RequestEncodingType.MULTI_PART,
        description="One part named `file`: a JPEG, PNG, GIF or WebP image of at most 5 MiB.",
        multipart_form_part_limit=8,
    ),
]


def _problem_spec(description: str) -> ResponseSpec:
    return ResponseSpec(
        data_container=Problem,
        description=description,
        media_type=PROBLEM_JSON,
        generate_examples=False,
    )


UPLOAD_PROBLEMS = {
    413: _problem_spec("The body is larger than 5 MiB"),
    415: _problem_spec("Not multipart/form-data, or the file is not a JPEG, PNG, GIF or WebP"),
    422: _problem_spec("No `file` part, or an image that cannot be decoded or is too large"),
}


async def requires_multipart(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """Answers 415 before reading a body that could never hold the `file` part."""
    content_type = connection.headers.get("content-type", "")
    if content_type.partition(";")[0].strip().lower() != RequestEncodingType.MULTI_PART:
        raise HTTPException(
            status_code=415, detail="send the image as multipart/form-data in a `file` part"
        )


async def refuse_unknown_parts(request: AnyRequest) -> None:
    """Like a JSON body's unknown fields, a part other than `file` is 422 (the form was
    parsed already, for UploadIn; this reads Litestar's copy of it)."""
    unknown = sorted(set((await request.form()).keys()) - {"file"})
    if unknown:
        raise InvalidInput([FieldProblem(name, "is not a known part") for name in unknown])


async def read_upload(upload: UploadFile) -> bytes:
    """Reads at most one byte past the bound, so an oversized part is never held whole."""
    try:
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
    finally:
        await upload.close()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ContentTooLarge(MAX_UPLOAD_BYTES)
    return data


class MediaController(Controller):
    path = "/api/v1/media"
    tags = ["media"]
    opt = SIGNED_IN_ONLY
    security = BEARER_SECURITY
    dependencies = {"user_id": Provide(provide_user_id, sync_to_thread=False)}

    @post(
        operation_id="uploadMedia",
        summary="Upload an image for a tweet; metadata is stripped",
        status_code=HTTP_201_CREATED,
        guards=[requires_multipart],
        request_max_body_size=UPLOAD_BODY_LIMIT,
        opt=TOO_LARGE,
        responses=UPLOAD_PROBLEMS,
        dependencies={"upload_media": use_case("upload_media")},
    )
    async def upload(
        self,
        request: AnyRequest,
        data: UploadBody,
        user_id: NamedDependency[str],
        upload_media: NamedDependency[UploadMedia],
    ) -> MediaOut:
        await refuse_unknown_parts(request)
        return media_out(await upload_media(user_id, await read_upload(data.file)))


class PictureController(Controller):
    path = "/api/v1/me/picture"
    tags = ["me"]
    opt = SIGNED_IN_ONLY
    security = BEARER_SECURITY
    dependencies = {"user_id": Provide(provide_user_id, sync_to_thread=False)}

    @put(
        operation_id="setPicture",
        summary="Set your profile picture (scaled to fit 400x400); replaces the old one",
        status_code=HTTP_200_OK,
        guards=[requires_multipart],
        request_max_body_size=UPLOAD_BODY_LIMIT,
        opt=TOO_LARGE,
        responses=UPLOAD_PROBLEMS,
        dependencies={"set_profile_picture": use_case("set_profile_picture")},
    )
    async def set_picture(
        self,
        request: AnyRequest,
        data: UploadBody,
        user_id: NamedDependency[str],
        set_profile_picture: NamedDependency[SetProfilePicture],
    ) -> MeOut:
        await refuse_unknown_parts(request)
        return me_out(await set_profile_picture(user_id, await read_upload(data.file)))

    @delete(
        operation_id="removePicture",
        summary="Remove your profile picture",
        status_code=HTTP_200_OK,
        dependencies={"remove_profile_picture": use_case("remove_profile_picture")},
    )
    async def remove_picture(
        self,
        user_id: NamedDependency[str],
        remove_profile_picture: NamedDependency[RemoveProfilePicture],
    ) -> MeOut:
        return me_out(await remove_profile_picture(user_id))


def etag_of(storage_key: str) -> str:
    """The bytes under a key never change, so the key itself is a strong validator."""
    return f'"{storage_key}"'


def matches_etag(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    # If-None-Match compares weakly: a W/ prefix does not matter.
    return etag in (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))


@get(
    "/media/{storage_key:str}",
    operation_id="getMediaBytes",
    summary="The bytes of an image, at the `url` of a Media or a `picture_url`",
    tags=["media"],
    dependencies={"get_media_bytes": use_case("get_media_bytes")},
    responses={
        200: ResponseSpec(
            data_container=bytes,
            description="The image; its Content-Type is the one recorded at upload",
            media_type="image/*",
            generate_examples=False,
        ),
        304: ResponseSpec(data_container=None, description="Not modified (If-None-Match)"),
        404: _problem_spec("No image has this key"),
    },
)
async def media_bytes(
    storage_key: FromPath[str],
    get_media_bytes: NamedDependency[GetMediaBytes],
    if_none_match: Annotated[
        str | None, HeaderParameter(name="if-none-match", required=False)
    ] = None,
) -> Response[bytes]:
    found = await get_media_bytes(storage_key)
    etag = etag_of(storage_key)
    headers = {
        "ETag": etag,
        "Cache-Control": CACHE_FOREVER,
        "X-Content-Type-Options": "nosniff",
    }
    if matches_etag(if_none_match, etag):
        return Response(b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(found.data, media_type=found.content_type, headers=headers)
