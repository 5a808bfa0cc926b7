"""Random sequences of sign-ups, tweets, replies, mentions, likes, retweets, follows and
deletes, driven against the use cases and checked after every step against a plain
model: counts (reply counts too) equal the rows that exist, timelines, replies and
ancestors hold exactly what the model says in order, and the notifications match the
acts that are still standing."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from application.notifications.inbox import NotificationView
from application.pagination import Page, PageRequest
from application.transaction import UnitOfWorkFactory
from domain.errors import Forbidden, InvalidInput, NotFound
from tests.support import databases
from tests.support.social import Social

T = TypeVar("T")
PAGE_SIZE = 3
MAX_USERS = 3
MAX_TWEETS = 10

# (kind, actor id, recipient id, tweet id or None): what a notification is about.
NotificationKey = tuple[str, str, str, str | None]


@dataclass
class Model:
    """What must be true, kept as plain sets and sequence numbers. Every event that
    makes a timeline entry or a notification takes the next number, so newest first
    is simply the highest number first: the clock may stand still between events, and
    then the time-ordered ids break the tie. Follow lists break ties by the other
    profile's id instead, so a follow keeps the clock reading it was made at."""

    users: dict[str, str] = field(default_factory=dict)  # id -> username
    tweets: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (author, seq)
    deleted: set[str] = field(default_factory=set)
    # tweet id -> (answered tweet id, answered author id), fixed when the reply is written
    replies_to: dict[str, tuple[str, str]] = field(default_factory=dict)
    likes: set[tuple[str, str]] = field(default_factory=set)  # (user, tweet)
    retweets: dict[tuple[str, str], int] = field(default_factory=dict)  # (user, tweet) -> seq
    follows: dict[tuple[str, str], int] = field(default_factory=dict)  # (from, to) -> ticks
    notifications: dict[NotificationKey, tuple[int, bool]] = field(default_factory=dict)
    seq: int = 0
    ticks: int = 0

    def next(self) -> int:
        self.seq += 1
        return self.seq

    def notify(self, kind: str, actor: str, recipient: str, tweet_id: str | None) -> None:
        if actor != recipient:
            self.notifications.setdefault((kind, actor, recipient, tweet_id), (self.next(), False))

    def unnotify(self, kind: str, actor: str, recipient: str, tweet_id: str | None) -> None:
        self.notifications.pop((kind, actor, recipient, tweet_id), None)

    def entries(
        self,
        authors: set[str],
        *,
        retweets: bool = True,
        replies: bool = True,
        home_of: str | None = None,
    ) -> list[tuple[str, str | None]]:
        """(tweet id, retweeter id or None), newest first. `home_of` applies the home
        rule: a reply shows when its answered author is the viewer or followed by them,
        and the viewer's own replies always show."""
        found = [
            (seq, t, None)
            for t, (author, seq) in self.tweets.items()
            if author in authors and self._shows(t, author, replies, home_of, authors)
        ]
        if retweets:
            found += [(seq, t, u) for (u, t), seq in self.retweets.items() if u in authors]
        return [(t, u) for _, t, u in sorted(found, key=lambda e: e[0], reverse=True)]

    def _shows(
        self, tweet_id: str, author: str, replies: bool, home_of: str | None, authors: set[str]
    ) -> bool:
        if tweet_id not in self.replies_to:
            return True
        if not replies:
            return False
        if home_of is None or author == home_of:
            return True
        return self.replies_to[tweet_id][1] in authors  # the viewer and whom they follow

    def live_replies(self, tweet_id: str) -> list[str]:
        """The direct replies still standing, oldest first."""
        found = [t for t, (parent, _) in self.replies_to.items() if parent == tweet_id]
        return sorted((t for t in found if t in self.tweets), key=lambda t: self.tweets[t][1])

    def ancestors(self, tweet_id: str) -> list[str]:
        """Root first; the chain stops below a deleted tweet."""
        above: list[str] = []
        current = tweet_id
        while current in self.replies_to and self.replies_to[current][0] in self.tweets:
            current = self.replies_to[current][0]
            above.append(current)
        return above[::-1]


class SocialMachine(RuleBasedStateMachine):
    """Subclassed per storage backend with `open_storage`."""

    users = Bundle("users")
    tweet_ids = Bundle("tweet_ids")

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.social = Social(self.run(self.open_storage()))
        self.model = Model()

    async def open_storage(self) -> UnitOfWorkFactory:
        return MemoryUnitOfWorkFactory()

    async def close_storage(self) -> None:
        return None

    def run(self, work: Awaitable[T]) -> T:
        return self.loop.run_until_complete(work)

    def teardown(self) -> None:
        try:
            self.run(self.close_storage())
        finally:
            self.loop.close()

    # --- acts ------------------------------------------------------------------------

    @initialize(target=users)
    def two_people_sign_up(self) -> MultipleResults[str]:
        return multiple(self.sign_up(), self.sign_up())

    @precondition(lambda self: len(self.model.users) < MAX_USERS)
    @rule(target=users)
    def sign_up(self) -> str:
        username = f"user{len(self.model.users)}"
        user_id = self.run(self.social.register(username))
        self.model.users[user_id] = username
        return user_id

    @rule()
    def tick(self) -> None:
        self.social.clock.advance(timedelta(milliseconds=1))
        self.model.ticks += 1

    @precondition(lambda self: len(self.model.tweets) + len(self.model.deleted) < MAX_TWEETS)
    @rule(target=tweet_ids, author=users)
    def tweet(self, author: str) -> str:
        view = self.run(self.social.tweet(author, f"tweet {self.model.seq}"))
        self.model.tweets[view.tweet.id] = (author, self.model.next())
        return view.tweet.id

    @precondition(lambda self: len(self.model.tweets) + len(self.model.deleted) < MAX_TWEETS)
    @rule(target=tweet_ids, author=users, parent=tweet_ids, mentioned=st.none() | users)
    def reply(self, author: str, parent: str, mentioned: str | None) -> MultipleResults[str]:
        """A reply, perhaps mentioning someone (in another case than they wrote it)."""
        mention = f" @{self.model.users[mentioned].upper()}" if mentioned else ""
        text = f"reply {self.model.seq}{mention}"
        if parent in self.model.deleted:
            with pytest.raises(InvalidInput) as refused:
                self.run(self.social.tweet(author, text, in_reply_to_id=parent))
            assert [p.field for p in refused.value.problems] == ["in_reply_to_id"]
            return multiple()
        view = self.run(self.social.tweet(author, text, in_reply_to_id=parent))
        answered = self.model.tweets[parent][0]
        assert view.tweet.in_reply_to_author_id == answered
        assert [p.id for p in view.mentions] == ([mentioned] if mentioned else [])
        self.model.tweets[view.tweet.id] = (author, self.model.next())
        self.model.replies_to[view.tweet.id] = (parent, answered)
        self.model.notify("reply", author, answered, view.tweet.id)
        if mentioned is not None and mentioned != answered:
            self.model.notify("mention", author, mentioned, view.tweet.id)
        return multiple(view.tweet.id)

    def _act_on(self, tweet_id: str, act: Callable[[], Awaitable[Any]]) -> bool:
        """Runs the act; a deleted tweet must answer NotFound. True when it is live."""
        if tweet_id in self.model.deleted:
            with pytest.raises(NotFound):
                self.run(act())
            return False
        view = self.run(act())
        assert view.tweet.id == tweet_id
        return True

    @rule(user=users, tweet_id=tweet_ids)
    def like(self, user: str, tweet_id: str) -> None:
        live = self._act_on(tweet_id, lambda: self.social.like(tweet_id, user))
        if live and (user, tweet_id) not in self.model.likes:
            self.model.likes.add((user, tweet_id))
            self.model.notify("like", user, self.model.tweets[tweet_id][0], tweet_id)

    @rule(user=users, tweet_id=tweet_ids)
    def unlike(self, user: str, tweet_id: str) -> None:
        if self._act_on(tweet_id, lambda: self.social.unlike(tweet_id, user)):
            self.model.likes.discard((user, tweet_id))
            self.model.unnotify("like", user, self.model.tweets[tweet_id][0], tweet_id)

    @rule(user=users, tweet_id=tweet_ids)
    def retweet(self, user: str, tweet_id: str) -> None:
        live = self._act_on(tweet_id, lambda: self.social.retweet(tweet_id, user))
        if live and (user, tweet_id) not in self.model.retweets:
            self.model.retweets[(user, tweet_id)] = self.model.next()
            self.model.notify("retweet", user, self.model.tweets[tweet_id][0], tweet_id)

    @rule(user=users, tweet_id=tweet_ids)
    def undo_retweet(self, user: str, tweet_id: str) -> None:
        if self._act_on(tweet_id, lambda: self.social.undo_retweet(tweet_id, user)):
            self.model.retweets.pop((user, tweet_id), None)
            self.model.unnotify("retweet", user, self.model.tweets[tweet_id][0], tweet_id)

    @rule(follower=users, followee=users)
    def follow(self, follower: str, followee: str) -> None:
        username = self.model.users[followee]
        if follower == followee:
            with pytest.raises(InvalidInput):
                self.run(self.social.follow(follower, username))
            return
        view = self.run(self.social.follow(follower, username.upper()))
        assert view.followed_by_me
        if (follower, followee) not in self.model.follows:
            self.model.follows[(follower, followee)] = self.model.ticks
            self.model.notify("follow", follower, followee, None)
        assert view.profile.followers_count == self._followers_of(followee)

    @rule(follower=users, followee=users)
    def unfollow(self, follower: str, followee: str) -> None:
        view = self.run(self.social.unfollow(follower, self.model.users[followee]))
        assert not view.followed_by_me
        self.model.follows.pop((follower, followee), None)
        self.model.unnotify("follow", follower, followee, None)
        assert view.profile.followers_count == self._followers_of(followee)

    @rule(user=users, tweet_id=tweet_ids)
    def delete(self, user: str, tweet_id: str) -> None:
        if tweet_id in self.model.deleted:
            with pytest.raises(NotFound):
                self.run(self.social.delete_tweet(tweet_id, user))
            return
        if self.model.tweets[tweet_id][0] != user:
            with pytest.raises(Forbidden):
                self.run(self.social.delete_tweet(tweet_id, user))
            return
        self.run(self.social.delete_tweet(tweet_id, user))
        del self.model.tweets[tweet_id]
        self.model.deleted.add(tweet_id)
        self.model.likes = {(u, t) for u, t in self.model.likes if t != tweet_id}
        self.model.retweets = {k: v for k, v in self.model.retweets.items() if k[1] != tweet_id}
        self.model.notifications = {
            k: v for k, v in self.model.notifications.items() if k[3] != tweet_id
        }

    # Undoing what was done: random pairs above rarely hit an act that stands.

    @precondition(lambda self: self.model.likes)
    @rule(data=st.data())
    def unlike_a_liked_tweet(self, data: st.DataObject) -> None:
        user, tweet_id = data.draw(st.sampled_from(sorted(self.model.likes)))
        self.unlike(user, tweet_id)

    @precondition(lambda self: self.model.retweets)
    @rule(data=st.data())
    def undo_a_standing_retweet(self, data: st.DataObject) -> None:
        user, tweet_id = data.draw(st.sampled_from(sorted(self.model.retweets)))
        self.undo_retweet(user, tweet_id)

    @precondition(lambda self: self.model.follows)
    @rule(data=st.data())
    def unfollow_a_followed_profile(self, data: st.DataObject) -> None:
        follower, followee = data.draw(st.sampled_from(sorted(self.model.follows)))
        self.unfollow(follower, followee)

    @rule(user=users)
    def mark_all_read(self, user: str) -> None:
        self.run(self.social.mark_read(user))
        self._mark_model_read(user, up_to_seq=None)

    @precondition(lambda self: self.model.notifications)
    @rule(data=st.data())
    def mark_read_up_to_one(self, data: st.DataObject) -> None:
        key = data.draw(st.sampled_from(sorted(self.model.notifications)))
        recipient = key[2]
        listed = self.walk(lambda page: self.social.notifications(recipient, page))
        [chosen] = [n for n in listed if self._key_of(n) == key]
        self.run(self.social.mark_read(recipient, chosen.notification.id))
        self._mark_model_read(recipient, up_to_seq=self.model.notifications[key][0])

    def _mark_model_read(self, recipient: str, up_to_seq: int | None) -> None:
        for key, (seq, _read) in list(self.model.notifications.items()):
            if key[2] == recipient and (up_to_seq is None or seq <= up_to_seq):
                self.model.notifications[key] = (seq, True)

    # --- what must hold after every step ---------------------------------------------

    @staticmethod
    def _key_of(view: NotificationView) -> NotificationKey:
        n = view.notification
        return (n.kind.value, view.actor.id, n.recipient_id, n.tweet_id)

    def _followers_of(self, user: str) -> int:
        return sum(1 for _, to in self.model.follows if to == user)

    def walk(self, fetch: Callable[[PageRequest], Awaitable[Page[T]]]) -> list[T]:
        """Every item of a list, page by page, as a client following cursors would."""
        items: list[T] = []
        page = self.run(fetch(PageRequest(limit=PAGE_SIZE)))
        items += page.items
        while page.next_cursor is not None:
            cursor = page.next_cursor
            page = self.run(fetch(PageRequest.parse(PAGE_SIZE, cursor)))
            assert page.items, "a next_cursor must lead to more items"
            items += page.items
        return items

    @invariant()
    def counts_equal_the_rows_that_exist(self) -> None:
        model = self.model

        async def stored() -> tuple[dict[str, Any], dict[str, Any], dict[str, tuple[int, ...]]]:
            every = PageRequest(limit=100)
            async with self.social.uow(read_only=True) as uow:
                tweets = await uow.tweets.get_many([*model.tweets, *model.deleted])
                profiles = await uow.profiles.get_many(list(model.users))
                rows = {
                    t: (
                        len(await uow.likes.of_tweet(t, every)),
                        len(await uow.retweets.of_tweet(t, every)),
                        len(await uow.threads.replies(t, every)),
                    )
                    for t in model.tweets
                }
            return tweets, profiles, rows

        tweets, profiles, rows = self.run(stored())
        assert set(tweets) == set(model.tweets)
        for tweet_id, tweet in tweets.items():
            likes = sum(1 for _, t in model.likes if t == tweet_id)
            retweets = sum(1 for _, t in model.retweets if t == tweet_id)
            replies = len(model.live_replies(tweet_id))
            counts = (tweet.like_count, tweet.retweet_count, tweet.reply_count)
            assert counts == (likes, retweets, replies) == rows[tweet_id]
        for user_id, profile in profiles.items():
            assert profile.followers_count == self._followers_of(user_id)
            assert profile.following_count == sum(1 for f, _ in model.follows if f == user_id)
            assert profile.tweets_count == sum(1 for a, _ in model.tweets.values() if a == user_id)

    @invariant()
    def timelines_hold_what_the_model_says_in_order(self) -> None:
        for user_id, username in self.model.users.items():
            followed = {to for f, to in self.model.follows if f == user_id}
            home = self.walk(lambda page, u=user_id: self.social.home(u, page))
            assert [
                (e.tweet.tweet.id, e.retweeted_by.id if e.retweeted_by else None) for e in home
            ] == (self.model.entries({user_id} | followed, home_of=user_id))
            for entry in home:
                key = (user_id, entry.tweet.tweet.id)
                assert entry.tweet.liked_by_me == (key in self.model.likes)
                assert entry.tweet.retweeted_by_me == (key in self.model.retweets)
            for with_retweets in (True, False):
                own = self.walk(
                    lambda page, name=username, r=with_retweets: self.social.profile_tweets(
                        name, page, include_retweets=r
                    )
                )
                listed = [
                    (e.tweet.tweet.id, e.retweeted_by.id if e.retweeted_by else None) for e in own
                ]
                assert listed == self.model.entries({user_id}, retweets=with_retweets)
            without_replies = self.walk(
                lambda page, name=username: self.social.profile_tweets(
                    name, page, include_replies=False
                )
            )
            assert [
                (e.tweet.tweet.id, e.retweeted_by.id if e.retweeted_by else None)
                for e in without_replies
            ] == self.model.entries({user_id}, replies=False)

    @invariant()
    def replies_and_ancestors_match_the_model(self) -> None:
        # A tweet never answered has no reply rows (the count invariant reads them), so
        # the order is checked where there is one: answered tweets, and the replies.
        answered = {parent for parent, _ in self.model.replies_to.values()}
        for tweet_id in answered & set(self.model.tweets):
            listed = self.walk(lambda page, t=tweet_id: self.social.replies(t, page))
            assert [v.tweet.id for v in listed] == self.model.live_replies(tweet_id)
        for tweet_id in set(self.model.replies_to) & set(self.model.tweets):
            above = self.run(self.social.ancestors(tweet_id))
            assert [v.tweet.id for v in above] == self.model.ancestors(tweet_id)
        for tweet_id in self.model.deleted:
            with pytest.raises(NotFound):
                self.run(self.social.replies(tweet_id, PageRequest()))

    @invariant()
    def follow_lists_hold_who_follows_whom_newest_first(self) -> None:
        for user_id, username in self.model.users.items():
            followers = self.walk(lambda page, name=username: self.social.followers(name, page))
            following = self.walk(lambda page, name=username: self.social.following(name, page))
            expected_in = sorted(
                ((at, f) for (f, to), at in self.model.follows.items() if to == user_id),
                reverse=True,
            )
            expected_out = sorted(
                ((at, to) for (f, to), at in self.model.follows.items() if f == user_id),
                reverse=True,
            )
            assert [p.id for p in followers] == [f for _, f in expected_in]
            assert [p.id for p in following] == [to for _, to in expected_out]

    @invariant()
    def notifications_match_the_acts_still_standing(self) -> None:
        for user_id in self.model.users:
            listed = self.walk(lambda page, u=user_id: self.social.notifications(u, page))
            mine = sorted(
                (
                    (seq, read, key)
                    for key, (seq, read) in self.model.notifications.items()
                    if key[2] == user_id
                ),
                reverse=True,
            )
            assert [(self._key_of(n), n.notification.read) for n in listed] == [
                (key, read) for _, read, key in mine
            ]
            assert all((n.tweet is None) == (n.notification.tweet_id is None) for n in listed)
            unread = sum(1 for _, read, _ in mine if not read)
            assert self.run(self.social.unread_count(user_id)) == unread


class SqliteSocialMachine(SocialMachine):
    template: Path
    directory: Path

    async def open_storage(self) -> UnitOfWorkFactory:
        self.engine = create_engine(databases.sqlite_copy(self.template, self.directory))
        return SqlUnitOfWorkFactory(self.engine)

    async def close_storage(self) -> None:
        await self.engine.dispose()


def test_the_use_cases_keep_counts_timelines_and_notifications_exact_on_memory() -> None:
    run_state_machine_as_test(
        SocialMachine, settings=settings(max_examples=100, stateful_step_count=30, deadline=None)
    )


def test_the_use_cases_keep_counts_timelines_and_notifications_exact_on_sqlite(
    sqlite_template: Path, tmp_path: Path
) -> None:
    SqliteSocialMachine.template = sqlite_template
    SqliteSocialMachine.directory = tmp_path
    run_state_machine_as_test(
        SqliteSocialMachine,
        settings=settings(max_examples=20, stateful_step_count=25, deadline=None),
    )
