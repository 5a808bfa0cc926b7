"""Image bytes as files under one root directory, the default store.

A file appears under its key only once it is complete: it is written to a temporary
name beside it and renamed into place, which is atomic on one filesystem. Every call
does its blocking I/O in a worker thread so the event loop keeps serving.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from datetime import datetime
from pathlib import Path

from adapters.media.keys import is_safe_key, require_safe_key

TEMPORARY_SUFFIX = ".partial"


class FilesystemMediaStore:
    def __init__(self, root: Path | str) -> None:
        self._root = Path(root)

    def _path(self, key: str) -> Path:
        # Two characters of the random key spread files over directories of bounded size.
        return self._root / key[:2] / key

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._write, require_safe_key(key), data)

    async def get(self, key: str) -> bytes | None:
        if not is_safe_key(key):
            return None
        return await asyncio.to_thread(self._read, key)

    async def delete(self, key: str) -> None:
        if is_safe_key(key):
            await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    async def keys_older_than(self, moment: datetime) -> list[str]:
        """Also removes half-written files older than `moment` that a crash left
        behind: they are never keys, and the sweep is the one caller that looks."""
        return await asyncio.to_thread(self._scan, moment.timestamp())

    def _write(self, key: str, data: bytes) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{key}.{secrets.token_hex(6)}{TEMPORARY_SUFFIX}")
        try:
            with open(temporary, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def _read(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def _scan(self, before: float) -> list[str]:
        if not self._root.is_dir():
            return []
        found = []
        for directory in self._root.iterdir():
            if not directory.is_dir():
                continue
            for entry in os.scandir(directory):
                if not entry.is_file(follow_symlinks=False):
                    continue
                try:
                    written = entry.stat(follow_symlinks=False).st_mtime
                except FileNotFoundError:
                    continue
                if written >= before:
                    continue
                if is_safe_key(entry.name):
                    found.append(entry.name)
                elif entry.name.endswith(TEMPORARY_SUFFIX):
                    Path(entry.path).unlink(missing_ok=True)
        return sorted(found)
