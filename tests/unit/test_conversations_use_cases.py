"""Replies, threads, mentions, hashtags, trending, search, the public timeline and
suggestions: each use case on the memory adapters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.system.clock import FixedClock
from application.pagination import PageRequest
from domain.errors import InvalidInput, NotFound
from domain.notification import NotificationKind
from tests.support.social import Social


@pytest.fixture
def social() -> Social:
    return Social(MemoryUnitOfWorkFactory(), FixedClock())


async def kinds(social: Social, user: str) -> list[tuple[NotificationKind, str]]:
    page = await social.notifications(user, PageRequest())
    return [(n.notification.kind, n.actor.username) for n in page.items]


def field_of(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [p.field for p in error.value.problems]


async def test_a_reply_counts_on_its_parent_and_notifies_its_author(social):
    alice, bob = await social.register("alice"), await social.register("bob")
    parent = await social.tweet(alice, "root")
    reply = await social.tweet(bob, "answer", in_reply_to_id=parent.tweet.id)
    assert reply.tweet.in_reply_to_id == parent.tweet.id
    assert reply.tweet.in_reply_to_author_id == alice
    assert reply.in_reply_to is not None and reply.in_reply_to.username == "alice"
    async with social.uow(read_only=True) as uow:
        stored = await uow.tweets.get(parent.tweet.id)
    assert stored is not None and stored.reply_count == 1
    assert await kinds(social, alice) == [(NotificationKind.REPLY, "bob")]
    await social.tweet(alice, "to myself", in_reply_to_id=parent.tweet.id)
    assert await kinds(social, alice) == [(NotificationKind.REPLY, "bob")]


async def test_a_reply_to_an_unknown_or_deleted_tweet_is_invalid(social):
    alice = await social.register("alice")
    gone = await social.tweet(alice, "gone")
    await social.delete_tweet(gone.tweet.id, alice)
    for target in ("nope", gone.tweet.id):
        with pytest.raises(InvalidInput) as error:
            await social.tweet(alice, "hi", in_reply_to_id=target)
        assert field_of(error) == ["in_reply_to_id"]


async def test_mentions_are_resolved_at_write_time_and_notified_once(social):
    alice, bob = await social.register("alice"), await social.register("bob")
    parent = await social.tweet(bob, "question")
    reply = await social.tweet(alice, "@Bob @carol @ALICE @bob", in_reply_to_id=parent.tweet.id)
    assert [p.username for p in reply.mentions] == ["bob", "alice"]
    # carol did not exist when the tweet was written: she stays plain text for good.
    carol = await social.register("carol")
    assert await kinds(social, carol) == []
    assert await kinds(social, bob) == [(NotificationKind.REPLY, "alice")]
    assert await kinds(social, alice) == []


async def test_eleven_mentions_are_refused_but_unknown_names_do_not_count(social):
    author = await social.register("author")
    names = [f"p{n}" for n in range(11)]
    for name in names:
        await social.register(name)
    with pytest.raises(InvalidInput) as error:
        await social.tweet(author, " ".join(f"@{n}" for n in names))
    assert field_of(error) == ["text"]
    ten = await social.tweet(author, " ".join(f"@{n}" for n in names[:10]) + " @ghost")
    assert len(ten.mentions) == 10


async def test_deleting_a_reply_lowers_the_count_and_removes_its_notifications(social):
    alice, bob = await social.register("alice"), await social.register("bob")
    carol = await social.register("carol")
    parent = await social.tweet(alice, "root")
    reply = await social.tweet(bob, "hey @carol", in_reply_to_id=parent.tweet.id)
    await social.delete_tweet(reply.tweet.id, bob)
    async with social.uow(read_only=True) as uow:
        stored = await uow.tweets.get(parent.tweet.id)
    assert stored is not None and stored.reply_count == 0
    assert await kinds(social, alice) == [] and await kinds(social, carol) == []


async def test_replies_page_oldest_first_and_ancestors_come_root_first(social):
    alice = await social.register("alice")
    chain = [(await social.tweet(alice, "root")).tweet.id]
    for n in range(3):
        social.clock.advance(timedelta(seconds=1))
        chain.append((await social.tweet(alice, f"{n}", in_reply_to_id=chain[-1])).tweet.id)
    siblings = []
    for n in range(3):
        social.clock.advance(timedelta(seconds=1))
        siblings.append((await social.tweet(alice, f"s{n}", in_reply_to_id=chain[0])).tweet.id)
    first = await social.replies(chain[0], PageRequest(limit=2))
    assert [v.tweet.id for v in first.items] == [chain[1], siblings[0]]
    assert first.next_cursor is not None
    rest = await social.replies(chain[0], PageRequest.parse(2, first.next_cursor))
    assert [v.tweet.id for v in rest.items] == siblings[1:]
    assert rest.next_cursor is None
    assert [v.tweet.id for v in await social.ancestors(chain[-1])] == chain[:-1]
    await social.delete_tweet(chain[1], alice)
    assert [v.tweet.id for v in await social.ancestors(chain[-1])] == chain[2:-1]
    with pytest.raises(NotFound):
        await social.replies(chain[1], PageRequest())
    with pytest.raises(NotFound):
        await social.ancestors("nope")


async def test_ancestors_stop_at_the_hundred_nearest(social):
    alice = await social.register("alice")
    chain = [(await social.tweet(alice, "root")).tweet.id]
    for n in range(105):
        chain.append((await social.tweet(alice, f"{n}", in_reply_to_id=chain[-1])).tweet.id)
    above = await social.ancestors(chain[-1])
    assert [v.tweet.id for v in above] == chain[-101:-1]


async def test_hashtag_pages_match_any_case_and_refuse_bad_tags(social):
    alice = await social.register("alice")
    older = await social.tweet(alice, "#Chirp first")
    social.clock.advance(timedelta(seconds=1))
    newer = await social.tweet(alice, "again #CHIRP")
    await social.tweet(alice, "chirp without")
    page = await social.hashtag_tweets("cHiRp", PageRequest())
    assert [v.tweet.id for v in page.items] == [newer.tweet.id, older.tweet.id]
    for bad in ("123", "", "a b", "#x", "y" * 51):
        with pytest.raises(InvalidInput) as error:
            await social.hashtag_tweets(bad, PageRequest())
        assert field_of(error) == ["tag"]


async def test_trending_counts_the_last_24_hours_most_first_ties_by_tag(social):
    alice = await social.register("alice")
    await social.tweet(alice, "#old #old2")
    social.clock.advance(timedelta(hours=24, seconds=1))
    await social.tweet(alice, "#zeta #beta")
    await social.tweet(alice, "#beta #alpha")
    counts = await social.trending()
    assert [(c.tag, c.tweets) for c in counts] == [("beta", 2), ("alpha", 1), ("zeta", 1)]


async def test_search_needs_every_word_as_a_word_start_and_the_terms(social):
    alice, bob = await social.register("alice"), await social.register("bob")
    hit = await social.tweet(bob, "Python tips for @alice #Code")
    await social.tweet(bob, "python tips without the rest")
    await social.tweet(alice, "tipsy pythons #code")
    found = await social.search_tweets("pyth TIP @alice #code", PageRequest())
    assert [v.tweet.id for v in found.items] == [hit.tweet.id]
    assert len((await social.search_tweets("pyth tip", PageRequest())).items) == 3
    assert (await social.search_tweets("@nobody", PageRequest())).items == []
    assert (await social.search_tweets("ips", PageRequest())).items == []
    for bad in ("", "  ", "?!", "x" * 201):
        with pytest.raises(InvalidInput) as error:
            await social.search_tweets(bad, PageRequest())
        assert field_of(error) == ["q"]


async def test_profile_search_by_username_or_display_name_word_start(social):
    for name in ("bobby", "alice", "robert", "xbob"):
        await social.register(name)
    found = await social.search_profiles("BOB", PageRequest())
    assert [p.username for p in found.items] == ["bobby"]
    async with social.uow() as uow:
        robert = await uow.profiles.get_by_username("robert")
        assert robert is not None
        await uow.profiles.update(robert.edited(display_name="Rob Bob-Smith"))
        await uow.commit()
    found = await social.search_profiles("bob", PageRequest())
    assert [p.username for p in found.items] == ["bobby", "robert"]
    with pytest.raises(InvalidInput):
        await social.search_profiles("x" * 31, PageRequest())


async def test_the_public_timeline_leaves_replies_out(social):
    alice = await social.register("alice")
    root = await social.tweet(alice, "root")
    await social.tweet(alice, "reply", in_reply_to_id=root.tweet.id)
    social.clock.advance(timedelta(seconds=1))
    later = await social.tweet(alice, "later")
    page = await social.public(PageRequest())
    assert [v.tweet.id for v in page.items] == [later.tweet.id, root.tweet.id]


async def test_suggestions_rank_by_shared_follows_then_followers_then_username(social):
    me = await social.register("me")
    names = ["ann", "ben", "cat", "dan", "eve"]
    ids = {name: await social.register(name) for name in names}
    # me follows ann and ben. cat is followed by both of them; eve and dan by one each,
    # and eve has more followers.
    for follower, followee in [
        ("me", "ann"),
        ("me", "ben"),
        ("ann", "cat"),
        ("ben", "cat"),
        ("ann", "dan"),
        ("cat", "eve"),
        ("dan", "eve"),
        ("ben", "eve"),
    ]:
        follower_id = me if follower == "me" else ids[follower]
        await social.follow(follower_id, followee)
    suggested = [p.username for p in await social.suggestions(me)]
    assert suggested == ["cat", "eve", "dan"]
    newcomer = await social.register("new")
    assert [p.username for p in await social.suggestions(newcomer)][:3] == ["eve", "cat", "ann"]
