"""Profile numbers packed as the follow lists store them, and back."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from adapters.persistence.sql.follow_lists import packed, unpacked

NUMBERS = st.lists(st.integers(min_value=1, max_value=2**31 - 1))


@given(NUMBERS)
def test_packed_numbers_unpack_to_the_same_in_order(numbers: list[int]) -> None:
    blob = packed(numbers)
    assert len(blob) == 4 * len(numbers)
    assert list(unpacked(blob)) == numbers


def test_the_blob_is_postgresqls_int4send_form_whatever_the_machine() -> None:
    assert packed([1, 258]) == struct.pack(">ii", 1, 258) == b"\x00\x00\x00\x01\x00\x00\x01\x02"


def test_a_missing_list_is_empty() -> None:
    assert list(unpacked(None)) == [] and list(unpacked(b"")) == []
