"""Reading submitted forms: text fields and uploaded files."""

from __future__ import annotations

from typing import Any

from litestar.datastructures import UploadFile

from adapters.web.session import AnyRequest
from domain.errors import ContentTooLarge
from domain.media import MAX_UPLOAD_BYTES

MULTIPART_OVERHEAD = 64 * 1024
ONE_IMAGE_BODY = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD


def text_field(form: Any, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def files_in(form: Any, name: str) -> list[UploadFile]:
    """The files chosen in an `<input type=file>`; an empty input sends a nameless part."""
    return [
        part for part in form.getall(name, []) if isinstance(part, UploadFile) and part.filename
    ]


async def read_image(upload: UploadFile) -> bytes:
    """At most one byte past the bound, so an oversized file is never held whole."""
    try:
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
    finally:
        await upload.close()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ContentTooLarge(MAX_UPLOAD_BYTES)
    return data


async def form_of(request: AnyRequest) -> Any:
    return await request.form()
