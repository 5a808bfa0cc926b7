"""The timeline planner walks all tweets by time only when the followed authors' share
promises a page sooner than seeking each author would; and it keeps the sizes it read."""

from __future__ import annotations

from adapters.persistence.sql.reads.planner import TimelinePlanner


class SizesReader:
    """Answers the sizes statement with fixed figures and counts how often it was asked."""

    def __init__(self, profiles: int, tweets: int) -> None:
        self.sizes = (profiles, tweets)
        self.asked = 0

    async def first(self, statement, parameters):  # type: ignore[no-untyped-def]
        self.asked += 1
        return self.sizes


async def decide(profiles: int, tweets: int, following: int) -> bool:
    return await TimelinePlanner("sqlite").walk_by_time(
        SizesReader(profiles, tweets),  # type: ignore[arg-type]
        following,
        21,
    )


async def test_people_who_follow_many_walk_by_time_on_a_large_table() -> None:
    assert await decide(10_000, 1_000_000, 2_000)
    assert await decide(10_000, 1_000_000, 300)


async def test_people_who_follow_few_seek_their_authors() -> None:
    assert not await decide(10_000, 1_000_000, 5)
    assert not await decide(10_000, 1_000_000, 0)


async def test_on_a_small_table_seeking_the_authors_wins_sooner() -> None:
    assert not await decide(10_000, 10_000, 300)
    assert await decide(10_000, 10_000, 2_000)


async def test_an_empty_database_seeks_authors() -> None:
    assert not await decide(0, 0, 10)


async def test_sizes_are_read_once_and_then_kept_for_a_while() -> None:
    planner = TimelinePlanner("sqlite")
    reader = SizesReader(10_000, 1_000_000)
    for following in (5, 300, 2_000):
        await planner.walk_by_time(reader, following, 21)  # type: ignore[arg-type]
    assert reader.asked == 1
