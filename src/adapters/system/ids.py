"""Time-ordered ids (ULID layout): 48 bits of milliseconds, then 80 random bits,
in Crockford base32. Within one millisecond the random part counts up, so ids made
by one process are strictly increasing."""

from __future__ import annotations

import os
import threading
import time

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_BITS = 80


def encode(value: int, length: int = 26) -> str:
    chars = []
    for _ in range(length):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


class UlidGenerator:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = -1
        self._last_random = 0

    def new_id(self) -> str:
        with self._lock:
            ms = time.time_ns() // 1_000_000
            if ms <= self._last_ms:
                ms = self._last_ms
                random_part = self._last_random + 1
            else:
                random_part = int.from_bytes(os.urandom(10), "big") >> 1
            self._last_ms, self._last_random = ms, random_part
        return encode((ms << RANDOM_BITS) | random_part)
