"""The timeline planner walks all tweets by time only when the followed authors' share
promises a page sooner than seeking each author would, tests authors against a set
while there are few of them, and keeps the sizes it read for a while."""

from __future__ import annotations

from adapters.persistence.sql.reads.planner import TimelinePlanner, TimelineShape


class SizesReader:
    """Answers the sizes statement with fixed figures and counts how often it was asked."""

    def __init__(self, profiles: int, tweets: int) -> None:
        self.sizes = (profiles, tweets)
        self.asked = 0

    async def first(self, statement, parameters):  # type: ignore[no-untyped-def]
        self.asked += 1
        return self.sizes


BY_AUTHOR = TimelineShape.BY_AUTHOR
WITH_SET = TimelineShape.BY_TIME_WITH_SET
WITH_PROBES = TimelineShape.BY_TIME_WITH_PROBES


async def decide(profiles: int, tweets: int, following: int) -> TimelineShape:
    return await TimelinePlanner("sqlite").shape(
        SizesReader(profiles, tweets),  # type: ignore[arg-type]
        following,
        21,
    )


async def test_people_who_follow_many_walk_by_time_on_a_large_table() -> None:
    assert await decide(10_000, 1_000_000, 2_000) == WITH_PROBES
    assert await decide(10_000, 1_000_000, 1_000) == WITH_PROBES
    assert await decide(10_000, 1_000_000, 300) == WITH_SET
    assert await decide(10_000, 1_000_000, 100) == WITH_SET


async def test_people_who_follow_few_seek_their_authors() -> None:
    assert await decide(10_000, 1_000_000, 20) == BY_AUTHOR
    assert await decide(10_000, 1_000_000, 0) == BY_AUTHOR


async def test_on_a_small_table_seeking_the_authors_wins_sooner() -> None:
    assert await decide(10_000, 10_000, 50) == BY_AUTHOR
    assert await decide(10_000, 10_000, 300) == WITH_SET  # 301 seeks cost more
    assert await decide(10_000, 10_000, 2_000) == WITH_PROBES


async def test_an_empty_database_seeks_authors() -> None:
    assert await decide(0, 0, 10) == BY_AUTHOR


async def test_sizes_are_read_once_and_then_kept_for_a_while() -> None:
    planner = TimelinePlanner("sqlite")
    reader = SizesReader(10_000, 1_000_000)
    for following in (5, 300, 2_000):
        await planner.shape(reader, following, 21)  # type: ignore[arg-type]
    assert reader.asked == 1
