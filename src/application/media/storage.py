"""How use cases name and let go of stored bytes."""

from __future__ import annotations

import contextlib
import secrets

from application.ports.media import MediaStore
from domain.errors import ContentTooLarge, InvalidInput
from domain.media import MAX_UPLOAD_BYTES

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}


def new_storage_key(content_type: str) -> str:
    """Random, so a key reveals nothing and cannot be guessed; the extension only
    helps whoever looks at the files."""
    return f"{secrets.token_urlsafe(24)}.{EXTENSIONS[content_type]}"


def check_upload(data: bytes) -> None:
    if not data:
        raise InvalidInput.of("file", "the file is empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ContentTooLarge(MAX_UPLOAD_BYTES)


async def discard(store: MediaStore, keys: list[str]) -> None:
    """Deletes bytes nothing refers to any more. A failure here is not the caller's:
    the orphan sweep removes whatever is left."""
    for key in keys:
        with contextlib.suppress(Exception):
            await store.delete(key)
