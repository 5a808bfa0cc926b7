from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.system.ids import UlidGenerator
from application.pagination import Cursor, PageRequest, page_of
from domain.errors import InvalidInput


def test_ids_are_opaque_strings_that_sort_by_creation() -> None:
    generator = UlidGenerator()
    ids = [generator.new_id() for _ in range(2000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 26 for i in ids)


moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
keys = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=40)


@given(moments, keys)
def test_a_cursor_survives_its_round_trip(at: datetime, key: str) -> None:
    cursor = Cursor(at=at, key=key)
    assert Cursor.decode(cursor.encode()) == cursor


@given(st.text(max_size=50))
def test_garbage_cursors_are_invalid_input_never_a_crash(value: str) -> None:
    try:
        Cursor.decode(value)
    except InvalidInput as refused:
        assert refused.problems[0].field == "cursor"


@pytest.mark.parametrize("limit", [0, -1, 101, 10_000])
def test_limits_outside_1_to_100_are_refused(limit: int) -> None:
    with pytest.raises(InvalidInput):
        PageRequest.parse(limit, None)


def test_page_of_cuts_the_extra_row_into_a_cursor() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [(start - timedelta(seconds=i), f"k{i}") for i in range(4)]
    request = PageRequest.parse(3, None)
    page = page_of(rows, request, lambda row: Cursor(row[0], row[1]))
    assert page.items == rows[:3]
    assert page.next_cursor is not None
    assert Cursor.decode(page.next_cursor) == Cursor(rows[2][0], "k2")
    last = page_of(rows[:3], request, lambda row: Cursor(row[0], row[1]))
    assert last.next_cursor is None
