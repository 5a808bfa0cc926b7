"""Every tweet, like, retweet and timeline use case on the in-memory adapters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.media.memory_store import MemoryMediaStore
from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.security.argon2_hasher import Argon2PasswordHasher
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.accounts.signup import SignUp, SignupInput
from application.follows.follow import FollowProfile
from application.pagination import Page, PageRequest
from application.tweets.acts import LikeTweet, RetweetTweet, UndoRetweet, UnlikeTweet
from application.tweets.audience import LikedTweets, TweetLikers, TweetRetweeters
from application.tweets.compose import CreateTweet
from application.tweets.delete import DeleteTweet
from application.tweets.read import GetTweet
from application.tweets.timelines import HomeTimeline, ProfileTweets
from domain.errors import Forbidden, InvalidInput, NotFound
from domain.media import Media
from domain.notification import NotificationKind
from domain.profile import Profile


class Kit:
    """The use cases wired on memory adapters, as the container wires them."""

    def __init__(self, hasher: Argon2PasswordHasher, clock: FixedClock) -> None:
        self.uow = MemoryUnitOfWorkFactory()
        self.clock = clock
        self.store = MemoryMediaStore()
        ids = self.ids = UlidGenerator()
        self.sign_up = SignUp(self.uow, hasher, clock, ids)
        self.follow = FollowProfile(self.uow, clock, ids)
        self.create = CreateTweet(self.uow, clock, ids)
        self.get = GetTweet(self.uow)
        self.delete = DeleteTweet(self.uow, self.store)
        self.like = LikeTweet(self.uow, clock, ids)
        self.unlike = UnlikeTweet(self.uow)
        self.retweet = RetweetTweet(self.uow, clock, ids)
        self.undo_retweet = UndoRetweet(self.uow)
        self.likers = TweetLikers(self.uow)
        self.retweeters = TweetRetweeters(self.uow)
        self.liked = LikedTweets(self.uow)
        self.profile_tweets = ProfileTweets(self.uow)
        self.home = HomeTimeline(self.uow)

    async def user(self, name: str) -> str:
        profile = await self.sign_up(SignupInput(name, f"{name}@example.com", "open sesame"))
        return profile.id

    async def upload(self, owner: str) -> Media:
        media_id = self.ids.new_id()
        media = Media(
            id=media_id,
            owner_id=owner,
            storage_key=f"{media_id.lower()}.png",
            content_type="image/png",
            width=2,
            height=3,
            size_bytes=4,
            created_at=self.clock.now(),
        )
        async with self.uow() as uow:
            await uow.media.add(media)
            await uow.commit()
        await self.store.put(media.storage_key, b"\x89PNG", "image/png")
        return media

    async def tweet(self, author: str, text: str = "hello") -> str:
        self.clock.advance(timedelta(seconds=1))
        return (await self.create(author, text)).tweet.id

    async def profile(self, profile_id: str) -> Profile:
        async with self.uow(read_only=True) as uow:
            profile = await uow.profiles.get(profile_id)
        assert profile is not None
        return profile

    async def notifications_of(self, profile_id: str) -> list[tuple[NotificationKind, str]]:
        async with self.uow(read_only=True) as uow:
            rows = await uow.notifications.of_recipient(profile_id, PageRequest(limit=100))
        return [(n.kind, n.actor_id) for n in rows]


@pytest.fixture
def kit(hasher, clock) -> Kit:
    return Kit(hasher, clock)


async def every_item(fetch, limit: int = 2) -> list:
    """Follow next_cursor to the end, as a client would."""
    items, cursor = [], None
    while True:
        page: Page = await fetch(PageRequest.parse(limit, cursor))
        items += page.items
        cursor = page.next_cursor
        if cursor is None:
            return items


# Writing and reading tweets


async def test_a_tweet_is_stored_normalised_and_counted_for_its_author(kit):
    alice = await kit.user("alice")
    view = await kit.create(alice, "  Cafe\u0301 \U0001f426  ")
    assert view.tweet.text == "Caf\u00e9 \U0001f426"
    assert (view.author.id, view.media, view.liked_by_me) == (alice, [], False)
    assert (await kit.get(view.tweet.id)).tweet == view.tweet
    assert (await kit.profile(alice)).tweets_count == 1


async def test_a_text_that_breaks_a_rule_stores_nothing(kit):
    alice = await kit.user("alice")
    for text in ("", "   ", "x" * 281):
        with pytest.raises(InvalidInput) as error:
            await kit.create(alice, text)
        assert error.value.problems[0].field == "text"
    assert (await kit.profile(alice)).tweets_count == 0
    assert (await kit.profile_tweets("alice", PageRequest())).items == []


async def test_media_are_attached_in_the_order_given_and_may_carry_an_empty_text(kit):
    alice = await kit.user("alice")
    first, second = await kit.upload(alice), await kit.upload(alice)
    view = await kit.create(alice, "  ", [second.id, first.id])
    assert view.tweet.text == ""
    assert [m.id for m in view.media] == [second.id, first.id]
    assert [m.tweet_id for m in view.media] == [view.tweet.id] * 2
    fetched = await kit.get(view.tweet.id)
    assert [(m.id, m.position) for m in fetched.media] == [(second.id, 0), (first.id, 1)]


async def test_media_already_used_or_uploaded_by_someone_else_are_refused(kit):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    used, bobs = await kit.upload(alice), await kit.upload(bob)
    await kit.create(alice, "first", [used.id])
    for media_ids, field in (([used.id], "media_ids.0"), (["nope", bobs.id], "media_ids.0")):
        with pytest.raises(InvalidInput) as error:
            await kit.create(alice, "again", media_ids)
        assert error.value.problems[0].field == field
    many = [(await kit.upload(alice)).id for _ in range(5)]
    with pytest.raises(InvalidInput) as error:
        await kit.create(alice, "five", many)
    assert error.value.problems[0].field == "media_ids"
    assert (await kit.profile(alice)).tweets_count == 1
    async with kit.uow(read_only=True) as uow:
        assert all(m.tweet_id is None for m in (await uow.media.get_many(many)).values())


async def test_the_authors_profile_picture_is_not_media_a_tweet_may_take(kit):
    alice = await kit.user("alice")
    picture = await kit.upload(alice)
    async with kit.uow() as uow:
        profile = await uow.profiles.get(alice)
        assert profile is not None
        await uow.profiles.update(profile.with_picture(picture.storage_key))
        await uow.commit()
    with pytest.raises(InvalidInput) as error:
        await kit.create(alice, "my face", [picture.id])
    assert error.value.problems[0].field == "media_ids.0"
    assert (await kit.profile(alice)).tweets_count == 0


async def test_an_unknown_tweet_is_not_found(kit):
    with pytest.raises(NotFound) as error:
        await kit.get("missing")
    assert error.value.what == "tweet"


async def test_viewer_flags_are_the_viewers_own(kit):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    tweet = await kit.tweet(alice)
    await kit.like(tweet, bob)
    await kit.retweet(tweet, alice)
    as_bob, as_alice, anonymous = (
        await kit.get(tweet, bob),
        await kit.get(tweet, alice),
        await kit.get(tweet),
    )
    assert (as_bob.liked_by_me, as_bob.retweeted_by_me) == (True, False)
    assert (as_alice.liked_by_me, as_alice.retweeted_by_me) == (False, True)
    assert (anonymous.liked_by_me, anonymous.retweeted_by_me) == (False, False)


# Deleting


async def test_only_the_author_may_delete_and_an_unknown_tweet_is_not_found(kit):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    tweet = await kit.tweet(alice)
    with pytest.raises(Forbidden):
        await kit.delete(tweet, bob)
    with pytest.raises(NotFound):
        await kit.delete("missing", alice)
    assert (await kit.get(tweet)).tweet.id == tweet
    assert (await kit.profile(alice)).tweets_count == 1


async def test_a_deleted_tweet_takes_its_likes_retweets_notifications_and_media(kit):
    alice, bob, carol = await kit.user("alice"), await kit.user("bob"), await kit.user("carol")
    picture = await kit.upload(alice)
    doomed = (await kit.create(alice, "bye", [picture.id])).tweet.id
    kept = await kit.tweet(alice, "stays")
    for actor in (bob, carol):
        await kit.like(doomed, actor)
        await kit.retweet(doomed, actor)
    await kit.like(kept, bob)
    await kit.follow(bob, "alice")

    await kit.delete(doomed, alice)

    with pytest.raises(NotFound):
        await kit.get(doomed)
    for listing in (kit.likers, kit.retweeters):
        with pytest.raises(NotFound):
            await listing(doomed, PageRequest())
    assert await kit.notifications_of(alice) == [
        (NotificationKind.FOLLOW, bob),
        (NotificationKind.LIKE, bob),
    ]
    assert [v.tweet.id for v in (await kit.liked("bob", PageRequest())).items] == [kept]
    assert (await kit.profile_tweets("carol", PageRequest())).items == []
    assert [e.tweet.tweet.id for e in (await kit.home(bob, PageRequest())).items] == [kept]
    assert (await kit.profile(alice)).tweets_count == 1
    assert await kit.store.get(picture.storage_key) is None
    async with kit.uow(read_only=True) as uow:
        assert await uow.media.get(picture.id) is None


# Likes and retweets


async def test_liking_is_idempotent_and_counts_exactly(kit):
    alice, bob, carol = await kit.user("alice"), await kit.user("bob"), await kit.user("carol")
    tweet = await kit.tweet(alice)
    assert (await kit.like(tweet, bob)).tweet.like_count == 1
    again = await kit.like(tweet, bob)
    assert (again.tweet.like_count, again.liked_by_me) == (1, True)
    assert (await kit.like(tweet, carol)).tweet.like_count == 2
    assert (await kit.unlike(tweet, bob)).tweet.like_count == 1
    after = await kit.unlike(tweet, bob)
    assert (after.tweet.like_count, after.liked_by_me) == (1, False)
    assert (await kit.get(tweet)).tweet.like_count == 1


async def test_like_unlike_like_leaves_exactly_one_notification(kit):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    tweet = await kit.tweet(alice)
    await kit.like(tweet, bob)
    await kit.like(tweet, bob)
    assert await kit.notifications_of(alice) == [(NotificationKind.LIKE, bob)]
    await kit.unlike(tweet, bob)
    assert await kit.notifications_of(alice) == []
    await kit.like(tweet, bob)
    assert await kit.notifications_of(alice) == [(NotificationKind.LIKE, bob)]


async def test_retweeting_is_idempotent_counts_exactly_and_notifies_once(kit):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    tweet = await kit.tweet(alice)
    await kit.retweet(tweet, bob)
    view = await kit.retweet(tweet, bob)
    assert (view.tweet.retweet_count, view.retweeted_by_me) == (1, True)
    assert await kit.notifications_of(alice) == [(NotificationKind.RETWEET, bob)]
    await kit.undo_retweet(tweet, bob)
    view = await kit.undo_retweet(tweet, bob)
    assert (view.tweet.retweet_count, view.retweeted_by_me) == (0, False)
    assert await kit.notifications_of(alice) == []
    await kit.retweet(tweet, bob)
    assert await kit.notifications_of(alice) == [(NotificationKind.RETWEET, bob)]


async def test_undoing_a_retweet_keeps_the_like_notification_and_vice_versa(kit):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    tweet = await kit.tweet(alice)
    await kit.like(tweet, bob)
    await kit.retweet(tweet, bob)
    await kit.undo_retweet(tweet, bob)
    assert await kit.notifications_of(alice) == [(NotificationKind.LIKE, bob)]


async def test_acting_on_your_own_tweet_counts_but_notifies_nobody(kit):
    alice = await kit.user("alice")
    tweet = await kit.tweet(alice)
    assert (await kit.like(tweet, alice)).tweet.like_count == 1
    assert (await kit.retweet(tweet, alice)).tweet.retweet_count == 1
    assert await kit.notifications_of(alice) == []


@pytest.mark.parametrize("act", ["like", "unlike", "retweet", "undo_retweet"])
async def test_acting_on_an_unknown_tweet_is_not_found(kit, act):
    bob = await kit.user("bob")
    with pytest.raises(NotFound) as error:
        await getattr(kit, act)("missing", bob)
    assert error.value.what == "tweet"


# Lists


async def test_likers_and_retweeters_come_newest_first_across_pages(kit, clock):
    alice = await kit.user("alice")
    fans = [await kit.user(f"fan{n}") for n in range(5)]
    tweet = await kit.tweet(alice)
    for fan in fans:
        clock.advance(timedelta(seconds=1))
        await kit.like(tweet, fan)
    for fan in reversed(fans):  # all retweets at one instant: the retweet id breaks ties
        await kit.retweet(tweet, fan)
    likers = await every_item(lambda page: kit.likers(tweet, page))
    retweeters = await every_item(lambda page: kit.retweeters(tweet, page))
    assert [p.id for p in likers] == fans[::-1]
    assert [p.id for p in retweeters] == fans


async def test_the_tweets_a_profile_liked_come_newest_like_first(kit, clock):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    tweets = [await kit.tweet(alice, f"t{n}") for n in range(5)]
    for tweet in (tweets[2], tweets[0], tweets[4], tweets[1]):
        clock.advance(timedelta(seconds=1))
        await kit.like(tweet, bob)
    liked = await every_item(lambda page: kit.liked("bob", page, alice))
    assert [v.tweet.id for v in liked] == [tweets[1], tweets[4], tweets[0], tweets[2]]
    assert all(v.liked_by_me is False and v.author.username == "alice" for v in liked)
    as_bob = await kit.liked("BOB", PageRequest(), bob)
    assert all(v.liked_by_me for v in as_bob.items)


async def test_lists_of_an_unknown_profile_or_tweet_are_not_found(kit):
    cases = [
        (lambda: kit.liked("nobody", PageRequest()), "profile"),
        (lambda: kit.profile_tweets("nobody", PageRequest()), "profile"),
        (lambda: kit.likers("missing", PageRequest()), "tweet"),
        (lambda: kit.retweeters("missing", PageRequest()), "tweet"),
    ]
    for call, what in cases:
        with pytest.raises(NotFound) as error:
            await call()
        assert error.value.what == what


async def test_a_profiles_tweets_with_and_without_its_retweets(kit, clock):
    alice, bob = await kit.user("alice"), await kit.user("bob")
    own = await kit.tweet(bob, "mine")
    theirs = await kit.tweet(alice, "hers")
    clock.advance(timedelta(seconds=1))
    await kit.retweet(theirs, bob)
    with_retweets = await every_item(lambda page: kit.profile_tweets("bob", page))
    assert [(e.tweet.tweet.id, e.retweeted_by and e.retweeted_by.id) for e in with_retweets] == [
        (theirs, bob),
        (own, None),
    ]
    assert with_retweets[0].at == clock.now()
    assert with_retweets[0].tweet.author.id == alice
    without = await kit.profile_tweets("bob", PageRequest(), include_retweets=False)
    assert [e.tweet.tweet.id for e in without.items] == [own]
    assert without.items[0].at == without.items[0].tweet.tweet.created_at


async def test_the_home_timeline_holds_own_and_followed_tweets_and_retweets(kit, clock):
    alice, bob, carol = await kit.user("alice"), await kit.user("bob"), await kit.user("carol")
    await kit.follow(alice, "bob")
    mine = await kit.tweet(alice, "mine")
    bobs = await kit.tweet(bob, "bob's")
    carols = await kit.tweet(carol, "carol's, unseen")
    clock.advance(timedelta(seconds=1))
    await kit.retweet(carols, bob)  # a followed profile's retweet brings it in
    clock.advance(timedelta(seconds=1))
    await kit.like(bobs, alice)
    home = await every_item(lambda page: kit.home(alice, page))
    assert [(e.tweet.tweet.id, e.retweeted_by and e.retweeted_by.id) for e in home] == [
        (carols, bob),
        (bobs, None),
        (mine, None),
    ]
    assert [e.tweet.liked_by_me for e in home] == [False, True, False]
    ats = [e.at for e in home]
    assert ats == sorted(ats, reverse=True)
    carol_home = await kit.home(carol, PageRequest())
    assert [e.tweet.tweet.id for e in carol_home.items] == [carols]


async def test_pages_neither_skip_nor_repeat_when_tweets_arrive_between_them(kit):
    alice = await kit.user("alice")
    written = [await kit.tweet(alice, f"t{n}") for n in range(7)]
    seen, cursor = [], None
    while True:
        page = await kit.home(alice, PageRequest.parse(3, cursor))
        seen += [e.tweet.tweet.id for e in page.items]
        await kit.tweet(alice, "late")  # newer than every page: never listed here
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == written[::-1]
