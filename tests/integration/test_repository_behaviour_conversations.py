"""The repository behaviour suite for conversations and discovery: reply fields and
entities, threads, hashtags, trending, the public timeline, suggestions, search and the
reply rules of the timelines, run on every storage backend (memory is the reference)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from application.pagination import EPOCH, Cursor, PageRequest
from application.ports.conversations import TweetSearch
from domain.follow import Follow
from domain.tweet import Tweet
from tests.conftest import BACKENDS
from tests.support.builders import NOW, a_profile, pid

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)


def tid(n: int) -> str:
    return f"01T{n:023d}"


def a_tweet(n: int, author: int = 1, text: str = "", **fields) -> Tweet:
    return Tweet(
        id=tid(n),
        author_id=pid(author),
        text=text or f"tweet {n}",
        created_at=NOW + timedelta(seconds=n),
        **fields,
    )


def a_reply(n: int, to: int, to_author: int, author: int = 1, text: str = "") -> Tweet:
    return a_tweet(n, author, text, in_reply_to_id=tid(to), in_reply_to_author_id=pid(to_author))


async def seed(uow_factory, *tweets: Tweet, profiles=(1, 2, 3, 4), follows=()) -> None:
    async with uow_factory() as uow:
        for n in profiles:
            await uow.profiles.add(a_profile(n))
        for follower, followee in follows:
            await uow.follows.add(Follow(pid(follower), pid(followee), NOW))
            await uow.profiles.adjust_counts(pid(follower), following=+1)
            await uow.profiles.adjust_counts(pid(followee), followers=+1)
        for tweet in tweets:
            await uow.tweets.add(tweet)
        await uow.commit()


async def walk(fetch, limit: int, position) -> list:
    seen, after = [], None
    while True:
        rows = await fetch(PageRequest(limit=limit, after=after))
        seen += rows[:limit]
        if len(rows) <= limit:
            return seen
        after = position(rows[limit - 1])


def by_moment(tweet: Tweet) -> Cursor:
    return Cursor(tweet.created_at, tweet.id)


def ids(tweets) -> list[str]:
    return [t.id for t in tweets]


async def test_a_tweet_keeps_its_reply_fields_and_entities_in_order(uow_factory):
    tagged = a_tweet(2, text="#b #a @user_3 @user_2", hashtags=("b", "a"))
    tagged = replace(tagged, mention_ids=(pid(3), pid(2)))
    answer = a_reply(3, to=2, to_author=1, author=2)
    await seed(uow_factory, a_tweet(1), tagged, answer)
    async with uow_factory() as uow:
        await uow.tweets.adjust_counts(tid(2), replies=+1)
        await uow.tweets.adjust_counts("missing", replies=+1)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        stored = await uow.tweets.get_many([tid(2), tid(3)])
    assert stored[tid(2)] == replace(tagged, reply_count=1)
    assert stored[tid(3)] == answer


async def test_profiles_are_found_by_many_usernames_in_any_case(uow_factory):
    await seed(uow_factory)
    async with uow_factory(read_only=True) as uow:
        found = await uow.profiles.get_many_by_usernames(["USER_1", "user_3", "nobody"])
        assert await uow.profiles.get_many_by_usernames([]) == {}
    assert {key: p.id for key, p in found.items()} == {"user_1": pid(1), "user_3": pid(3)}


async def test_replies_come_oldest_first_page_by_page(uow_factory):
    replies = [a_reply(n, to=1, to_author=1, author=2) for n in range(2, 9)]
    await seed(uow_factory, a_tweet(1), *replies, a_reply(20, to=2, to_author=2))
    async with uow_factory(read_only=True) as uow:
        seen = await walk(lambda page: uow.threads.replies(tid(1), page), 3, by_moment)
        assert await uow.threads.replies(tid(20), PageRequest()) == []
    assert ids(seen) == ids(replies)


async def test_ancestors_come_root_first_nearest_first_cut_and_stop_at_a_gap(uow_factory):
    chain = [a_tweet(1)] + [a_reply(n, to=n - 1, to_author=1) for n in range(2, 8)]
    await seed(uow_factory, *chain)
    async with uow_factory(read_only=True) as uow:
        assert ids(await uow.threads.ancestors(tid(7))) == ids(chain[:-1])
        assert ids(await uow.threads.ancestors(tid(7), limit=2)) == [tid(5), tid(6)]
        assert await uow.threads.ancestors(tid(1)) == []
        assert await uow.threads.ancestors("missing") == []
    async with uow_factory() as uow:
        await uow.tweets.remove(tid(3))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert ids(await uow.threads.ancestors(tid(7))) == [tid(4), tid(5), tid(6)]


async def test_a_tag_page_is_newest_first_and_trending_counts_tweets_since(uow_factory):
    tweets = [
        a_tweet(1, hashtags=("old",)),
        a_tweet(10, hashtags=("b", "a")),
        a_tweet(11, hashtags=("b",)),
        a_tweet(12, hashtags=("c", "b")),
        a_tweet(13, hashtags=("a",)),
        a_tweet(14, hashtags=("d",)),
    ]
    await seed(uow_factory, *tweets)
    async with uow_factory(read_only=True) as uow:
        tagged = await walk(lambda page: uow.discovery.tagged("b", page), 2, by_moment)
        trending = await uow.discovery.trending(NOW + timedelta(seconds=10), 3)
        assert await uow.discovery.tagged("none", PageRequest()) == []
    assert ids(tagged) == [tid(12), tid(11), tid(10)]
    assert [(t.tag, t.tweets) for t in trending] == [("b", 3), ("a", 2), ("c", 1)]


async def test_the_public_timeline_leaves_replies_out(uow_factory):
    tweets = [a_tweet(1), a_reply(2, to=1, to_author=1, author=2), a_tweet(3, author=3)]
    await seed(uow_factory, *tweets)
    async with uow_factory(read_only=True) as uow:
        seen = await walk(uow.discovery.public, 1, by_moment)
    assert ids(seen) == [tid(3), tid(1)]


async def test_suggestions_rank_by_follows_of_followed_then_followers_then_username(
    uow_factory,
):
    # 1 follows 2 and 3; both follow 5, 3 follows 4; 6 is followed by 4 and 5.
    follows = [(1, 2), (1, 3), (2, 5), (3, 5), (3, 4), (4, 6), (5, 6)]
    await seed(uow_factory, profiles=range(1, 8), follows=follows)
    async with uow_factory(read_only=True) as uow:
        mine = await uow.discovery.suggestions(pid(1), 20)
        cut = await uow.discovery.suggestions(pid(1), 2)
        newcomer = await uow.discovery.suggestions(pid(7), 3)
    assert [p.id for p in mine] == [pid(5), pid(4), pid(6), pid(7)]
    assert [p.id for p in cut] == [pid(5), pid(4)]
    assert [p.id for p in newcomer] == [pid(5), pid(6), pid(2)]


async def suggested(uow_factory, n: int, limit: int = 20) -> list[int]:
    async with uow_factory(read_only=True) as uow:
        found = await uow.discovery.suggestions(pid(n), limit)
    return [int(p.id[3:]) for p in found]


async def test_suggestions_break_a_tie_at_the_last_place_by_followers_then_username(
    uow_factory,
):
    # 1 follows 2 and 3. Both follow 4..9 (counted twice); 2 follows 10..39 (once), and
    # 40 follows 30..39 too (two followers). Usernames compare as text: user_10 < user_4.
    follows = [(1, 2), (1, 3), (41, 1)]
    follows += [(follower, n) for follower in (2, 3) for n in range(4, 10)]
    follows += [(2, n) for n in range(10, 40)] + [(40, n) for n in range(30, 40)]
    await seed(uow_factory, profiles=range(1, 46), follows=follows)

    assert await suggested(uow_factory, 1) == [*range(4, 10), *range(30, 40), 10, 11, 12, 13]
    assert await suggested(uow_factory, 1, 7) == [*range(4, 10), 30]
    assert await suggested(uow_factory, 1, 17) == [*range(4, 10), *range(30, 40), 10]
    # 41 follows 1 only: 2 and 3 are counted once, the most followed fill the rest.
    assert await suggested(uow_factory, 41) == [2, 3, *range(30, 40), *range(4, 10), 10, 11]


async def test_suggestions_for_someone_who_follows_almost_everyone(uow_factory):
    # 1 follows 2..26 of 30. Among the four others: 27 is followed by nine of them; 28 by
    # four (and by 27, 29, 30, whom 1 does not follow); 29 by four; 30 only by 27.
    follows = [(1, n) for n in range(2, 27)] + [(n, 27) for n in range(2, 11)]
    follows += [(n, 28) for n in (2, 3, 4, 5, 27, 29, 30)] + [(n, 29) for n in (2, 3, 4, 5)]
    follows += [(27, 30), (2, 3), (3, 2)]
    await seed(uow_factory, profiles=range(1, 31), follows=follows)

    assert await suggested(uow_factory, 1) == [27, 28, 29, 30]
    assert await suggested(uow_factory, 1, 2) == [27, 28]
    # 27 follows 28 and 30, who follow nobody else: the most followed, as text by name.
    assert await suggested(uow_factory, 27) == [29, 2, 3, *range(10, 27)]


async def _follow(uow, follower: int, followee: int) -> bool:
    added = await uow.follows.add(Follow(pid(follower), pid(followee), NOW))
    if added:
        await uow.profiles.adjust_counts(pid(follower), following=+1)
        await uow.profiles.adjust_counts(pid(followee), followers=+1)
    return added


async def _unfollow(uow, follower: int, followee: int) -> bool:
    removed = await uow.follows.remove(pid(follower), pid(followee))
    if removed:
        await uow.profiles.adjust_counts(pid(follower), following=-1)
        await uow.profiles.adjust_counts(pid(followee), followers=-1)
    return removed


async def test_suggestions_follow_each_follow_unfollow_and_follow_again(uow_factory):
    follows = [(1, 2), (1, 3), (2, 4), (3, 4), (3, 5), (6, 5), (7, 5)]
    await seed(uow_factory, profiles=range(1, 8), follows=follows)
    assert await suggested(uow_factory, 1) == [4, 5, 6, 7]

    async with uow_factory() as uow:
        assert not await _follow(uow, 3, 5), "a repeated follow changes nothing"
        assert await _unfollow(uow, 1, 2)
        assert not await _unfollow(uow, 1, 2)
        await uow.commit()
    # 1 follows 3 alone, who follows 4 and 5: a tie, and 5 has more followers.
    assert await suggested(uow_factory, 1) == [5, 4, 2, 6, 7]

    async with uow_factory() as uow:
        assert await _follow(uow, 1, 2)
        assert await _unfollow(uow, 3, 5)
        assert await _follow(uow, 3, 5)
        await uow.commit()
    assert await suggested(uow_factory, 1) == [4, 5, 6, 7]


async def test_search_needs_every_word_start_tag_and_mention(uow_factory):
    tweets = [
        a_tweet(1, text="Python tips and tricks"),
        a_tweet(2, text="pythonic tipster", hashtags=("code",), mention_ids=(pid(2),)),
        a_tweet(3, text="jython tips"),
        a_tweet(4, text="tips for python", hashtags=("code",)),
    ]
    await seed(uow_factory, *tweets)

    async def found(**terms) -> list[str]:
        async with uow_factory(read_only=True) as uow:
            search = TweetSearch(**terms)
            return ids(await walk(lambda page: uow.search.tweets(search, page), 1, by_moment))

    assert await found(words=("pyth", "tip")) == [tid(4), tid(2), tid(1)]
    assert await found(words=("ips",)) == []
    assert await found(words=("tips",), hashtags=("code",)) == [tid(4), tid(2)]
    assert await found(words=("tricks", "python")) == [tid(1)]
    assert await found(hashtags=("code",), mention_ids=(pid(2),)) == [tid(2)]
    assert await found(mention_ids=(pid(3),)) == []


async def test_profile_search_by_username_or_display_name_word_start(uow_factory):
    await seed(uow_factory, profiles=range(1, 6))
    async with uow_factory() as uow:
        fourth = await uow.profiles.get(pid(4))
        assert fourth is not None
        await uow.profiles.update(replace(fourth, display_name="Ann Zed-Smith"))
        await uow.commit()

    async def found(prefix: str) -> list[str]:
        async with uow_factory(read_only=True) as uow:
            rows = await walk(
                lambda page: uow.search.profiles(prefix, page),
                2,
                lambda p: Cursor(EPOCH, p.username_key),
            )
        return [p.username for p in rows]

    assert await found("user_") == [f"user_{n}" for n in range(1, 6)]
    assert await found("smi") == ["user_4"]
    assert await found("zed") == ["user_4"]
    assert await found("mith") == []


async def test_timelines_follow_the_reply_rules(uow_factory):
    # 1 follows 2; 2 answers 3 (not followed by 1) and 1; 1 answers 3.
    tweets = [
        a_tweet(1, author=3),
        a_tweet(2, author=1),
        a_reply(3, to=1, to_author=3, author=2),
        a_reply(4, to=2, to_author=1, author=2),
        a_reply(5, to=1, to_author=3, author=1),
        a_tweet(6, author=2),
    ]
    await seed(uow_factory, *tweets, follows=[(1, 2)])
    async with uow_factory(read_only=True) as uow:
        home = await uow.timelines.home(pid(1), PageRequest())
        all_of_2 = await uow.timelines.of_profile(pid(2), PageRequest(), include_retweets=True)
        own_of_2 = await uow.timelines.of_profile(
            pid(2), PageRequest(), include_retweets=True, include_replies=False
        )
    assert [row.tweet_id for row in home] == [tid(6), tid(5), tid(4), tid(2)]
    assert [row.tweet_id for row in all_of_2] == [tid(6), tid(4), tid(3)]
    assert [row.tweet_id for row in own_of_2] == [tid(6)]
    async with uow_factory() as uow:
        await uow.follows.add(Follow(pid(1), pid(3), NOW))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        home = await uow.timelines.home(pid(1), PageRequest())
    assert [row.tweet_id for row in home] == [tid(6), tid(5), tid(4), tid(3), tid(2), tid(1)]
