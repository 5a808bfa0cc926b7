"""The packed follow lists behind the suggestions stay equal to the follow rows through
every SQL write path: the driver's units of work (also under concurrency), the engine's
unit of work and the bulk writer; `chirp check` finds a list that is not and rebuilds it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.follow_lists import packed, unpacked
from adapters.persistence.sql.integrity import SqlIntegrityChecker
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.follows.follow import FollowProfile, UnfollowProfile
from domain.follow import Follow
from tests.support.builders import NOW, a_profile, pid

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def seed(uow_factory, people: int) -> None:
    async with uow_factory() as uow:
        for n in range(1, people + 1):
            await uow.profiles.add(a_profile(n))
        await uow.commit()


async def rows(engine: AsyncEngine, sql: str) -> list[tuple]:
    async with engine.connect() as connection:
        return [tuple(row) for row in await connection.execute(text(sql))]


async def test_new_profiles_take_the_next_numbers(uow_factory, engine: AsyncEngine) -> None:
    await seed(uow_factory, 3)
    numbers = await rows(engine, "SELECT id, number FROM profiles ORDER BY number")
    assert numbers == [(pid(1), 1), (pid(2), 2), (pid(3), 3)]


async def test_one_person_following_many_at_once_keeps_every_one_listed(
    uow_factory, engine: AsyncEngine
) -> None:
    await seed(uow_factory, 25)
    follow = FollowProfile(uow_factory, FixedClock(NOW), UlidGenerator())
    unfollow = UnfollowProfile(uow_factory)
    fan = pid(1)
    await asyncio.gather(*(follow(fan, f"user_{n}") for n in range(2, 26)))
    await asyncio.gather(
        *(unfollow(fan, f"user_{n}") for n in range(2, 8)),
        *(follow(fan, f"user_{n}") for n in range(2, 26)),  # repeated: changes nothing
        *(follow(pid(n), "user_1") for n in range(2, 12)),
    )

    listed = await rows(engine, "SELECT follower, followees FROM follow_lists ORDER BY follower")
    followed = await rows(
        engine,
        "SELECT b.number FROM follows AS f JOIN profiles AS b ON b.id = f.followee_id "
        f"WHERE f.follower_id = '{pid(1)}'",
    )
    numbers = list(unpacked(next(stored for follower, stored in listed if follower == 1)))
    assert len(numbers) == len(followed) == len(set(numbers))
    assert sorted(numbers) == sorted(n for (n,) in followed)
    assert await SqlIntegrityChecker(engine).stale_follow_lists() == []


async def test_the_engine_unit_of_work_keeps_the_lists_too(engine: AsyncEngine) -> None:
    factory = SqlUnitOfWorkFactory(engine, read_path=False, write_path=False)
    try:
        await seed(factory, 4)
        async with factory() as uow:
            for followee in (2, 3, 4):
                assert await uow.follows.add(Follow(pid(1), pid(followee), NOW))
            assert not await uow.follows.add(Follow(pid(1), pid(2), NOW))
            assert await uow.follows.add(Follow(pid(2), pid(4), NOW))
            assert await uow.follows.remove(pid(1), pid(3))
            await uow.commit()
    finally:
        await factory.close()
    listed = await rows(engine, "SELECT follower, followees FROM follow_lists ORDER BY follower")
    assert [(n, list(unpacked(v))) for n, v in listed] == [(1, [2, 4]), (2, [4])]


async def test_a_stale_list_is_found_and_rebuilt(uow_factory, engine: AsyncEngine) -> None:
    await seed(uow_factory, 4)
    async with uow_factory() as uow:
        for follower, followee in ((1, 2), (1, 3), (2, 3), (4, 1)):
            await uow.follows.add(Follow(pid(follower), pid(followee), NOW))
        await uow.commit()
    sqlite = engine.dialect.name == "sqlite"
    async with engine.begin() as connection:
        hexadecimal = packed([3, 3]).hex()
        wrong = f"x'{hexadecimal}'" if sqlite else f"decode('{hexadecimal}', 'hex')"
        await connection.execute(text(f"UPDATE follow_lists SET followees = {wrong} "))
        await connection.execute(text("DELETE FROM follow_lists WHERE follower = 4"))
        empty = "x''" if sqlite else "''::bytea"
        await connection.execute(
            text(f"INSERT INTO follow_lists (follower, followees) VALUES (3, {empty})")
        )
    checker = SqlIntegrityChecker(engine)

    assert await checker.stale_follow_lists() == ["user_1", "user_2", "user_4"]
    await checker.rebuild_follow_lists()
    assert await checker.stale_follow_lists() == []
