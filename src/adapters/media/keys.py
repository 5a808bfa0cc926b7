"""What a storage key may look like, so no key can ever name a path outside the store."""

from __future__ import annotations

import re

SAFE_KEY = re.compile(r"[A-Za-z0-9_-]{8,80}\.[a-z0-9]{1,5}")


def is_safe_key(key: str) -> bool:
    return SAFE_KEY.fullmatch(key) is not None


def require_safe_key(key: str) -> str:
    if not is_safe_key(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key
