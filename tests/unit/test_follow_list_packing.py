"""Profile numbers packed as the follow lists store them on SQLite, and back."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from adapters.persistence.sql.follow_lists import (
    SENT_HEADER,
    numbers_of,
    packed,
    sent_numbers,
    unpacked,
)

NUMBERS = st.lists(st.integers(min_value=1, max_value=2**31 - 1))


@given(NUMBERS)
def test_packed_numbers_unpack_to_the_same_in_order(numbers: list[int]) -> None:
    blob = packed(numbers)
    assert len(blob) == 4 * len(numbers)
    assert list(unpacked(blob)) == numbers
    assert list(numbers_of(blob)) == numbers


def test_the_blob_is_little_endian_whatever_the_machine() -> None:
    assert packed([1, 258]) == b"\x01\x00\x00\x00\x02\x01\x00\x00"


def test_a_missing_list_is_empty_and_a_driver_list_is_taken_as_it_is() -> None:
    assert list(unpacked(None)) == [] and list(numbers_of(None)) == []
    assert numbers_of([3, 1]) == [3, 1]


def test_numbers_of_postgresql_binary_arrays_joined_without_their_headers() -> None:
    def sent(numbers: list[int]) -> bytes:
        if not numbers:  # no dimensions at all
            return struct.pack(">iii", 0, 0, 23)
        header = struct.pack(">iiiii", 1, 0, 23, len(numbers), 1)
        return header + b"".join(struct.pack(">ii", 4, n) for n in numbers)

    blobs = [sent([5, 70000]), sent([]), sent([2**31 - 1])]
    assert list(sent_numbers(b"".join(b[SENT_HEADER:] for b in blobs))) == [5, 70000, 2**31 - 1]
