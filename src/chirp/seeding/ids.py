"""Ids and dates of seeded rows. Ids have the server's time-ordered layout, with the
random part drawn from the seeded generator so the same seed and anchor give the same ids;
moments are kept as float timestamps until a row is built."""

from __future__ import annotations

import base64
import random
from datetime import UTC, datetime

from adapters.system.ids import ALPHABET, RANDOM_BITS

_CROCKFORD = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET.encode())


def encode_fast(value: int) -> str:
    """Same text as adapters.system.ids.encode for a 128-bit value, at C speed: shifted
    by 6 bits into 17 bytes, standard base32's first 26 characters are the value's."""
    return base64.b32encode((value << 6).to_bytes(17, "big"))[:26].translate(_CROCKFORD).decode()


def seeded_id(rng: random.Random, timestamp: float) -> str:
    milliseconds = int(timestamp * 1000)
    return encode_fast((milliseconds << RANDOM_BITS) | rng.getrandbits(RANDOM_BITS))


def moment(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)
