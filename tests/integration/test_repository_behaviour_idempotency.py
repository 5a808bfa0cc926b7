"""The idempotency key repository behaviour suite, run on every storage backend."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from domain.idempotency import IdempotencyRecord
from tests.conftest import BACKENDS
from tests.support.builders import NOW, a_profile, pid

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

DAY = timedelta(hours=24)


def a_record(owner: int, key: str, *, tweet: str = "01T1", at=NOW) -> IdempotencyRecord:
    return IdempotencyRecord(pid(owner), key, "d" * 64, tweet, at)


async def with_profiles(uow_factory, *numbers: int) -> None:
    async with uow_factory() as uow:
        for n in numbers:
            await uow.profiles.add(a_profile(n))
        await uow.commit()


async def claim(uow_factory, record: IdempotencyRecord, *, before=NOW - DAY) -> bool:
    async with uow_factory() as uow:
        claimed = await uow.idempotency_keys.claim(record, replacing_before=before)
        await uow.commit()
    return claimed


async def test_a_claimed_key_is_found_and_a_second_claim_is_refused(uow_factory):
    await with_profiles(uow_factory, 1)
    assert await claim(uow_factory, a_record(1, "k1"))
    assert not await claim(uow_factory, a_record(1, "k1", tweet="01T2"))
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.find(pid(1), "k1") == a_record(1, "k1")
        assert await uow.idempotency_keys.find(pid(1), "k2") is None


async def test_keys_of_different_owners_never_meet(uow_factory):
    await with_profiles(uow_factory, 1, 2)
    assert await claim(uow_factory, a_record(1, "same"))
    assert await claim(uow_factory, a_record(2, "same", tweet="01T2"))
    async with uow_factory() as uow:
        found = await uow.idempotency_keys.find(pid(2), "same")
    assert found is not None and found.tweet_id == "01T2"


async def test_an_expired_key_is_replaced_by_a_new_claim(uow_factory):
    await with_profiles(uow_factory, 1)
    assert await claim(uow_factory, a_record(1, "k", at=NOW - DAY - timedelta(seconds=1)))
    assert await claim(uow_factory, a_record(1, "k", tweet="01T2"), before=NOW - DAY)
    async with uow_factory() as uow:
        found = await uow.idempotency_keys.find(pid(1), "k")
    assert found == a_record(1, "k", tweet="01T2")


async def test_a_claim_rolled_back_leaves_the_key_free(uow_factory):
    await with_profiles(uow_factory, 1)
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.claim(a_record(1, "k"), replacing_before=NOW - DAY)
    assert await claim(uow_factory, a_record(1, "k", tweet="01T2"))


async def test_sweep_removes_only_keys_older_than_the_cutoff(uow_factory):
    await with_profiles(uow_factory, 1, 2)
    assert await claim(uow_factory, a_record(1, "old", at=NOW - DAY - timedelta(minutes=1)))
    assert await claim(uow_factory, a_record(2, "old2", at=NOW - 2 * DAY))
    assert await claim(uow_factory, a_record(1, "fresh", at=NOW - DAY + timedelta(minutes=1)))
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.sweep(NOW - DAY) == 2
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.find(pid(1), "old") is None
        assert await uow.idempotency_keys.find(pid(2), "old2") is None
        assert await uow.idempotency_keys.find(pid(1), "fresh") is not None


async def test_concurrent_claims_of_one_key_let_exactly_one_through(uow_factory):
    await with_profiles(uow_factory, 1)

    async def attempt(n: int) -> bool:
        for _ in range(20):  # SQLite may refuse a writer while another holds the lock
            try:
                return await claim(uow_factory, a_record(1, "race", tweet=f"01T{n}"))
            except Exception as error:
                if type(error).__name__ != "TransientConflict":
                    raise
                await asyncio.sleep(0.01)
        raise AssertionError("never got the lock")

    results = await asyncio.gather(*(attempt(n) for n in range(8)))
    assert results.count(True) == 1


async def test_a_key_exactly_at_the_cutoff_is_expired_for_claim_and_sweep(uow_factory):
    await with_profiles(uow_factory, 1)
    assert await claim(uow_factory, a_record(1, "edge", at=NOW - DAY))
    assert await claim(uow_factory, a_record(1, "edge", tweet="01T2"), before=NOW - DAY)
    assert await claim(uow_factory, a_record(1, "swept", at=NOW - DAY))
    async with uow_factory() as uow:
        assert await uow.idempotency_keys.sweep(NOW - DAY) == 1
        await uow.commit()
