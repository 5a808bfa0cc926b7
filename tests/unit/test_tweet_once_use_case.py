"""Writing a tweet under an Idempotency-Key, on the in-memory adapters."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.tweets.compose_once import CreateTweetOnce
from domain.errors import InvalidInput
from domain.idempotency import IDEMPOTENCY_KEY_FIELD, valid_idempotency_key
from tests.unit.test_tweets_use_cases import Kit

DIGEST = "a" * 64
OTHER_DIGEST = "b" * 64


@pytest.fixture
def kit(hasher, clock) -> Kit:
    return Kit(hasher, clock)


@pytest.fixture
def once(kit: Kit) -> CreateTweetOnce:
    return CreateTweetOnce(kit.uow, kit.clock, kit.ids)


async def tweets_count(kit: Kit, user: str) -> int:
    return (await kit.profile(user)).tweets_count


async def test_a_repeat_writes_nothing_and_answers_the_first_tweet(kit, once):
    alice = await kit.user("alice")
    first = await once(alice, "key-1", DIGEST, "hello")
    kit.clock.advance(timedelta(hours=23, minutes=59))
    again = await once(alice, "key-1", DIGEST, "hello")
    assert again.tweet.id == first.tweet.id and again.tweet.text == "hello"
    assert await tweets_count(kit, alice) == 1


async def test_the_same_key_with_another_body_is_invalid_on_the_key(kit, once):
    alice = await kit.user("alice")
    await once(alice, "key-1", DIGEST, "hello")
    with pytest.raises(InvalidInput) as refused:
        await once(alice, "key-1", OTHER_DIGEST, "hello again")
    assert [p.field for p in refused.value.problems] == [IDEMPOTENCY_KEY_FIELD]
    assert await tweets_count(kit, alice) == 1


async def test_after_24_hours_the_key_writes_a_new_tweet_and_old_keys_are_swept(kit, once):
    alice = await kit.user("alice")
    first = await once(alice, "key-1", DIGEST, "hello")
    await once(alice, "key-2", DIGEST, "other")
    kit.clock.advance(timedelta(hours=24))
    later = await once(alice, "key-1", OTHER_DIGEST, "a new day")
    assert later.tweet.id != first.tweet.id
    async with kit.uow() as uow:
        assert await uow.idempotency_keys.find(alice, "key-2") is None  # swept by the claim
    assert await tweets_count(kit, alice) == 3


async def test_keys_of_different_users_never_meet(kit, once):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    mine = await once(alice, "shared", DIGEST, "alice's")
    theirs = await once(bob, "shared", OTHER_DIGEST, "bob's")
    assert mine.tweet.id != theirs.tweet.id
    assert theirs.author.id == bob


async def test_a_refused_write_does_not_use_up_its_key(kit, once):
    alice = await kit.user("alice")
    with pytest.raises(InvalidInput):
        await once(alice, "key-1", DIGEST, "look", ["01NOSUCHMEDIA0000000000000"])
    written = await once(alice, "key-1", OTHER_DIGEST, "fixed")
    assert written.tweet.text == "fixed"


async def test_concurrent_repeats_write_one_tweet_and_all_answer_it(kit, once):
    alice = await kit.user("alice")
    views = await asyncio.gather(*(once(alice, "burst", DIGEST, "once") for _ in range(20)))
    assert len({view.tweet.id for view in views}) == 1
    assert await tweets_count(kit, alice) == 1


@given(st.text(max_size=80))
def test_a_key_is_valid_exactly_when_it_is_1_to_64_visible_ascii_characters(key):
    visible = 1 <= len(key) <= 64 and all("!" <= ch <= "~" for ch in key)
    try:
        valid_idempotency_key(key)
        accepted = True
    except InvalidInput:
        accepted = False
    assert accepted == visible
