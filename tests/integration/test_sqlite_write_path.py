"""The SQLite write path (writes/sqlite.py): a transaction runs from BEGIN to COMMIT
without yielding to the event loop, another process's write lock is waited for with
asyncio sleeps (the loop keeps serving), the hot SQL and the SQLAlchemy methods share
one transaction, and checkpoints happen off the loop.

The concurrency, crash and behaviour suites run this path as well: the SQLite backend
of tests/conftest.py hands every writing unit of work to it."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.unit_of_work import SqlUnitOfWork
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from adapters.persistence.sql.writes import sqlite as write_path
from adapters.persistence.sql.writes.sqlite import SqliteWriteUnitOfWork
from adapters.persistence.sql.writes.turns import WriterTurns
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.ports.unit_of_work import TransientConflict
from application.tweets.acts import LikeTweet, UnlikeTweet
from domain.profile import Profile
from domain.tweet import Tweet

NOW = datetime(2026, 5, 1, 9, 30, 0, 123456, tzinfo=UTC)
AUTHOR = "01AUTHOR000000000000000000"
TWEET = "01TWEET0000000000000000000"


def a_profile(profile_id: str, username: str) -> Profile:
    return Profile(
        id=profile_id,
        username=username,
        email=f"{username}@example.com",
        display_name=username,
        bio="",
        created_at=NOW,
        password_hash="$argon2id$fake",
    )


FANS = [f"01FAN{n:021d}" for n in range(20)]


@pytest.fixture
async def factory(sqlite_url: str) -> AsyncIterator[SqlUnitOfWorkFactory]:
    engine = create_engine(sqlite_url)
    factory = SqlUnitOfWorkFactory(engine)
    async with factory() as uow:
        await uow.profiles.add(a_profile(AUTHOR, "author"))
        for n, fan in enumerate(FANS):
            await uow.profiles.add(a_profile(fan, f"fan{n}"))
        await uow.tweets.add(Tweet(id=TWEET, author_id=AUTHOR, text="hello", created_at=NOW))
        await uow.commit()
    yield factory
    await factory.close()
    await engine.dispose()


def database_file(factory: SqlUnitOfWorkFactory) -> str:
    assert factory.write_path is not None
    return str(factory.engine.url.database)


async def test_writes_on_a_sqlite_file_take_the_write_path(
    factory: SqlUnitOfWorkFactory,
) -> None:
    assert isinstance(factory(), SqliteWriteUnitOfWork)


async def test_in_memory_sqlite_keeps_the_engine_path() -> None:
    engine = create_engine("sqlite+aiosqlite://")
    factory = SqlUnitOfWorkFactory(engine)
    try:
        assert type(factory()) is SqlUnitOfWork
    finally:
        await factory.close()
        await engine.dispose()


async def test_no_other_task_runs_between_begin_and_commit(
    factory: SqlUnitOfWorkFactory,
) -> None:
    events: list[str] = []
    assert factory.write_path is not None
    factory.write_path.trace(lambda statement: events.append(statement.split()[0]))
    like = LikeTweet(factory, FixedClock(NOW), UlidGenerator())
    running = True

    async def ticker() -> None:
        while running:
            events.append("tick")
            await asyncio.sleep(0)

    ticking = asyncio.create_task(ticker())
    await asyncio.gather(*(like(TWEET, fan) for fan in FANS))
    running = False
    await ticking
    factory.write_path.trace(None)

    inside = False
    transactions = 0
    for event in events:
        if event == "BEGIN":
            inside, transactions = True, transactions + 1
        elif event in ("COMMIT", "ROLLBACK"):
            inside = False
        elif event == "tick":
            assert not inside, "the loop ran another task inside a write transaction"
    assert transactions == len(FANS)
    assert events.count("tick") > 1  # the ticker did run, between the transactions
    async with factory(read_only=True) as uow:
        tweet = await uow.tweets.get(TWEET)
    assert tweet is not None and tweet.like_count == len(FANS)


async def test_another_process_holding_the_lock_is_waited_for_without_blocking_the_loop(
    factory: SqlUnitOfWorkFactory,
) -> None:
    other = sqlite3.connect(database_file(factory), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # as a writer of another process would
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.001)

    async def release_later() -> None:
        await asyncio.sleep(0.15)
        other.execute("COMMIT")

    ticking = asyncio.create_task(ticker())
    releasing = asyncio.create_task(release_later())
    started = time.monotonic()
    view = await LikeTweet(factory, FixedClock(NOW), UlidGenerator())(TWEET, FANS[0])
    waited = time.monotonic() - started
    ticking.cancel()
    await releasing
    other.close()

    assert view.tweet.like_count == 1 and view.liked_by_me
    assert waited >= 0.14  # it did wait for the lock ...
    assert ticks >= 20  # ... while the loop went on serving (a busy handler would block it)


async def test_a_lock_never_released_ends_in_a_transient_conflict(
    factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write_path, "GIVE_UP_AFTER_S", 0.05)
    other = sqlite3.connect(database_file(factory), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(TransientConflict):
            async with factory():
                pass
    finally:
        other.execute("ROLLBACK")
        other.close()
    async with factory() as uow:  # the connection is lent again afterwards
        assert await uow.tweets.get(TWEET) is not None


async def test_hot_sql_and_sqlalchemy_methods_share_one_transaction(
    factory: SqlUnitOfWorkFactory,
) -> None:
    # profiles.add goes through SQLAlchemy, tweets.add and the count through hand SQL.
    newcomer = a_profile("01NEWCOMER0000000000000000", "newcomer")
    tweet = Tweet(
        id="01TWEET0000000000000000001", author_id=newcomer.id, text="#hi", created_at=NOW
    )
    async with factory() as uow:
        await uow.profiles.add(newcomer)
        await uow.tweets.add(tweet)
        await uow.profiles.adjust_counts(newcomer.id, tweets=+1)
        # not committed
    async with factory(read_only=True) as uow:
        assert await uow.profiles.get(newcomer.id) is None
        assert await uow.tweets.get(tweet.id) is None

    async with factory() as uow:
        await uow.profiles.add(newcomer)
        await uow.tweets.add(Tweet(**{**tweet.__dict__, "hashtags": ("hi",)}))
        await uow.profiles.adjust_counts(newcomer.id, tweets=+1)
        await uow.commit()
    async with factory(read_only=True) as uow:
        stored = await uow.profiles.get(newcomer.id)
        read_back = await uow.tweets.get(tweet.id)
    assert stored is not None and stored.tweets_count == 1
    assert read_back is not None and read_back.hashtags == ("hi",)
    assert read_back.created_at == NOW


async def test_a_read_after_a_write_in_the_same_transaction_sees_the_write(
    factory: SqlUnitOfWorkFactory,
) -> None:
    async with factory() as uow:
        tweet = await uow.tweets.get(TWEET)  # loads the author along
        assert tweet is not None
        await uow.profiles.adjust_counts(AUTHOR, followers=+3)
        await uow.tweets.adjust_counts(TWEET, likes=+2, replies=+1)
        author = await uow.profiles.get(AUTHOR)
        again = await uow.tweets.get(TWEET)
        await uow.commit()
    assert author is not None and author.followers_count == 3
    assert again is not None and (again.like_count, again.reply_count) == (2, 1)


async def test_checkpoints_run_on_their_thread_and_keep_every_commit(
    factory: SqlUnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert factory.write_path is not None
    checkpointer = factory.write_path.checkpointer
    monkeypatch.setattr(checkpointer, "_every", 5)
    like, unlike = (
        LikeTweet(factory, FixedClock(NOW), UlidGenerator()),
        UnlikeTweet(factory),
    )
    for fan in FANS:
        await like(TWEET, fan)
    for fan in FANS[:5]:
        await unlike(TWEET, fan)
    for _ in range(100):
        if checkpointer.checkpoints:
            break
        await asyncio.sleep(0.01)
    assert checkpointer.checkpoints >= 1
    with sqlite3.connect(database_file(factory)) as plain:
        (count,) = plain.execute("SELECT like_count FROM tweets WHERE id = ?", (TWEET,)).fetchone()
        (rows,) = plain.execute(
            "SELECT count(*) FROM likes WHERE tweet_id = ?", (TWEET,)
        ).fetchone()
        (mode,) = plain.execute("PRAGMA journal_mode").fetchone()
    assert count == rows == len(FANS) - 5
    assert mode == "wal"


async def test_writers_of_two_processes_take_turns_without_blocking_the_loop(
    tmp_path: Path,
) -> None:
    # Two descriptors of the side file stand for two processes: flock(2) locks belong
    # to the open file, so they exclude each other as two processes' would.
    first, second = WriterTurns(str(tmp_path / "db")), WriterTurns(str(tmp_path / "db"))
    await first.take()
    waiting = asyncio.create_task(second.take())
    ticks = 0
    for _ in range(20):
        await asyncio.sleep(0.005)
        ticks += 1
    assert not waiting.done() and ticks == 20  # it waits, and the loop goes on
    first.give_back()
    await asyncio.wait_for(waiting, 2)
    assert second.held
    second.give_back()
    first.close()
    second.close()


async def test_a_writer_cancelled_while_waiting_for_its_turn_does_not_keep_it(
    tmp_path: Path,
) -> None:
    first, second, third = (WriterTurns(str(tmp_path / "db")) for _ in range(3))
    await first.take()
    waiting = asyncio.create_task(second.take())
    await asyncio.sleep(0.02)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    first.give_back()  # the cancelled waiter's thread gets the turn, and gives it back
    await asyncio.wait_for(third.take(), 2)
    assert third.held
    for turns in (first, second, third):
        turns.give_back()
        turns.close()
