"""The SQLite texts of a read over an id list: the smallest with room, numbered from
the first list parameter, and none past the largest (the JSON form takes those)."""

from __future__ import annotations

from adapters.persistence.sql.reads.id_lists import FLAGS_AMONG, PROFILES, SIZES, id_list
from adapters.persistence.sql.reads.statements import Statement


def test_a_list_gets_the_smallest_size_with_room() -> None:
    assert PROFILES.sized(1) is not None and PROFILES.sized(1)[0] == SIZES[0]
    for size in SIZES:
        assert PROFILES.sized(size)[0] == size  # type: ignore[index]
        if size < SIZES[-1]:
            assert PROFILES.sized(size + 1)[0] > size  # type: ignore[index]


def test_an_empty_or_long_list_keeps_the_general_form() -> None:
    assert PROFILES.sized(0) is None
    assert PROFILES.sized(SIZES[-1] + 1) is None


def test_placeholders_are_numbered_from_the_first_list_parameter() -> None:
    listed = id_list(Statement("SELECT 1"), "SELECT x FROM t WHERE a = ?1 AND x IN (IDS)", 2)
    size, statement = listed.sized(3)  # type: ignore[misc]
    numbers = ", ".join(f"?{n}" for n in range(2, 2 + size))
    assert statement.sqlite == f"SELECT x FROM t WHERE a = ?1 AND x IN ({numbers})"


def test_the_flags_read_names_its_list_in_both_arms() -> None:
    _, statement = FLAGS_AMONG.sized(2)  # type: ignore[misc]
    assert statement.sqlite.count(f"?{SIZES[0] + 1})") == 2
    assert "?1 AND" in statement.sqlite
