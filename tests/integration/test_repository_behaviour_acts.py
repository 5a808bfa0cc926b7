"""The acts port (application.ports.acts) on every backend: memory and SQLite run the
reference rules of application.acting, PostgreSQL one statement per act; all answer
the same, and every act commits its unit of work."""

from __future__ import annotations

from datetime import timedelta

import pytest

from application.pagination import PageRequest
from application.ports.acts import FollowAct, TweetAct
from domain.notification import NotificationKind
from domain.tweet import Tweet
from tests.conftest import BACKENDS
from tests.support.builders import NOW, a_profile, pid

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

AUTHOR, FAN, MENTIONED, ANSWERED = pid(1), pid(2), pid(3), pid(4)
PARENT = "01T0000000000000000000PARE"
TWEET = "01T0000000000000000000TWEE"


@pytest.fixture
async def stored(uow_factory):
    """Four profiles; the author's tweet answers ANSWERED's and mentions MENTIONED."""
    async with uow_factory() as uow:
        for n in (1, 2, 3, 4):
            await uow.profiles.add(a_profile(n))
        await uow.tweets.add(Tweet(id=PARENT, author_id=ANSWERED, text="q", created_at=NOW))
        await uow.tweets.add(
            Tweet(
                id=TWEET,
                author_id=AUTHOR,
                text="@user_3 answer #tag",
                created_at=NOW + timedelta(seconds=1),
                in_reply_to_id=PARENT,
                in_reply_to_author_id=ANSWERED,
                mention_ids=(MENTIONED,),
                hashtags=("tag",),
            )
        )
        await uow.commit()
    return uow_factory


def a_tweet_act(kind: str, n: int, actor: str = FAN, tweet: str = TWEET) -> TweetAct:
    return TweetAct(
        kind=kind,  # type: ignore[arg-type]
        actor_id=actor,
        tweet_id=tweet,
        at=NOW + timedelta(minutes=n),
        notification_id=f"01N{n:023d}",
        retweet_id=f"01R{n:023d}" if kind == "retweet" else None,
    )


async def alone(uow_factory, run):
    """One act in a unit of work of its own, as the use cases run them (it commits)."""
    async with uow_factory() as uow:
        return await run(uow.acts)


async def notifications_of(uow_factory, recipient: str) -> list[tuple[str, str]]:
    async with uow_factory(read_only=True) as uow:
        found = await uow.notifications.of_recipient(recipient, PageRequest(limit=50))
    return [(n.kind.value, n.actor_id) for n in found]


@pytest.mark.parametrize("kind", ["like", "retweet"])
async def test_an_act_counts_once_notifies_once_and_answers_the_tweet_as_it_stands(
    stored, kind
) -> None:
    for n in (1, 2):  # the second time changes nothing
        act = a_tweet_act(kind, n)
        view = await alone(stored, lambda acts: acts.act_on_tweet(act))  # noqa: B023
        assert view is not None
        count = view.tweet.like_count if kind == "like" else view.tweet.retweet_count
        assert count == 1
        assert (view.liked_by_me, view.retweeted_by_me) == (kind == "like", kind == "retweet")
        assert view.author.id == AUTHOR
        assert view.in_reply_to is not None and view.in_reply_to.id == ANSWERED
        assert [p.id for p in view.mentions] == [MENTIONED]
        assert view.tweet.hashtags == ("tag",)
    assert await notifications_of(stored, AUTHOR) == [(kind, FAN)]

    taken_back = await alone(stored, lambda acts: acts.take_back(kind, FAN, TWEET))
    again = await alone(stored, lambda acts: acts.take_back(kind, FAN, TWEET))
    assert taken_back is not None and again is not None
    assert (taken_back.tweet.like_count, taken_back.tweet.retweet_count) == (0, 0)
    assert not (again.liked_by_me or again.retweeted_by_me)
    assert await notifications_of(stored, AUTHOR) == []


async def test_the_other_flag_is_read_from_storage(stored) -> None:
    await alone(stored, lambda acts: acts.act_on_tweet(a_tweet_act("retweet", 1)))
    view = await alone(stored, lambda acts: acts.act_on_tweet(a_tweet_act("like", 2)))
    assert view is not None
    assert (view.liked_by_me, view.retweeted_by_me) == (True, True)
    assert (view.tweet.like_count, view.tweet.retweet_count) == (1, 1)


async def test_acting_on_ones_own_tweet_notifies_nobody(stored) -> None:
    view = await alone(stored, lambda acts: acts.act_on_tweet(a_tweet_act("like", 1, actor=AUTHOR)))
    assert view is not None and view.tweet.like_count == 1
    assert await notifications_of(stored, AUTHOR) == []


async def test_an_act_commits_its_unit_of_work_with_what_was_written_before(stored) -> None:
    async with stored() as uow:  # no commit of its own
        await uow.tweets.adjust_counts(TWEET, replies=+1)
        await uow.acts.act_on_tweet(a_tweet_act("like", 1))
    async with stored() as uow:
        await uow.acts.follow(FollowAct(FAN, "user_1", NOW, "01N0000000000000000000FOLL"))
    async with stored(read_only=True) as uow:
        tweet = await uow.tweets.get(TWEET)
        author = await uow.profiles.get(AUTHOR)
    assert tweet is not None and (tweet.like_count, tweet.reply_count) == (1, 1)
    assert author is not None and author.followers_count == 1
    assert sorted(await notifications_of(stored, AUTHOR)) == [("follow", FAN), ("like", FAN)]


async def test_acts_on_a_missing_tweet_or_profile_answer_none(stored) -> None:
    missing = [
        lambda acts: acts.act_on_tweet(a_tweet_act("like", 1, tweet="01TNOPE")),
        lambda acts: acts.take_back("retweet", FAN, "01TNOPE"),
        lambda acts: acts.follow(FollowAct(FAN, "nobody", NOW, "01N0")),
        lambda acts: acts.unfollow(FAN, "nobody"),
    ]
    for run in missing:
        assert await alone(stored, run) is None


async def test_a_follow_moves_both_counts_once_and_notifies_once(stored) -> None:
    for n in (1, 2):
        # The name is matched as usernames are, whatever its case.
        act = FollowAct(FAN, "USER_1", NOW, f"01N{n:023d}")
        followee = await alone(stored, lambda acts: acts.follow(act))  # noqa: B023
        assert followee is not None and followee.id == AUTHOR
        assert followee.followers_count == 1
    async with stored(read_only=True) as uow:
        fan = await uow.profiles.get(FAN)
    assert fan is not None and fan.following_count == 1
    assert await notifications_of(stored, AUTHOR) == [(NotificationKind.FOLLOW.value, FAN)]

    followee = await alone(stored, lambda acts: acts.unfollow(FAN, "user_1"))
    again = await alone(stored, lambda acts: acts.unfollow(FAN, "user_1"))
    assert followee is not None and followee.followers_count == 0
    assert again is not None and again.followers_count == 0
    async with stored(read_only=True) as uow:
        fan = await uow.profiles.get(FAN)
    assert fan is not None and fan.following_count == 0
    assert await notifications_of(stored, AUTHOR) == []


async def test_following_oneself_writes_nothing(stored) -> None:
    act = FollowAct(FAN, "user_2", NOW, "01N0000000000000000000SELF")
    me = await alone(stored, lambda acts: acts.follow(act))
    assert me is not None and me.id == FAN
    assert (me.followers_count, me.following_count) == (0, 0)
    assert await notifications_of(stored, FAN) == []
