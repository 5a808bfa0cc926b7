from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import msgspec
from litestar.datastructures import UploadFile

from domain.media import Media


def media_url(storage_key: str) -> str:
    return f"/media/{storage_key}"


class MediaOut(msgspec.Struct):
    id: str
    url: str
    content_type: str
    width: int
    height: int
    size_bytes: int


def media_out(media: Media) -> MediaOut:
    return MediaOut(
        id=media.id,
        url=media_url(media.storage_key),
        content_type=media.content_type,
        width=media.width,
        height=media.height,
        size_bytes=media.size_bytes,
    )


@dataclass
class UploadIn:
    """A `multipart/form-data` body with one part named `file`: the image."""

    forbid_unknown_fields: ClassVar[bool] = True
    file: UploadFile
