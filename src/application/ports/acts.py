"""Acts as storage runs them: each act (like, retweet, follow, and taking one back) as one
call that is a whole transaction, committed when it returns (with whatever the unit of
work wrote before it), so that a backend able to do the act in one statement can: on
PostgreSQL an act alone in its unit of work is one round trip, without BEGIN or COMMIT.
The rules stay in application.acting, the reference every backend answers the same as;
a backend's own version implements exactly that, it adds no rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from application.tweets.views import TweetView
    from domain.profile import Profile

TweetActKind = Literal["like", "retweet"]


@dataclass(frozen=True)
class TweetAct:
    """`actor_id` likes or retweets `tweet_id` at `at`. The ids are the ones the new rows
    take if the act is new: the retweet's (for a retweet) and the notification's."""

    kind: TweetActKind
    actor_id: str
    tweet_id: str
    at: datetime
    notification_id: str
    retweet_id: str | None = None


@dataclass(frozen=True)
class FollowAct:
    """`follower_id` follows the profile called `username` at `at`."""

    follower_id: str
    username: str
    at: datetime
    notification_id: str


class Acts(Protocol):
    """Every method commits the unit of work before it returns; nothing is written in
    it afterwards."""

    async def act_on_tweet(self, act: TweetAct) -> TweetView | None:
        """Records the act unless it is recorded already; only when it is new does the
        tweet's count of its kind go up by one (`count = count + 1`, exact under
        concurrency) and its author get the notification (never for acting on one's own
        tweet). The tweet as it now stands, seen by the actor; None when it does not exist."""
        ...

    async def take_back(self, kind: TweetActKind, actor_id: str, tweet_id: str) -> TweetView | None:
        """Undoes the act if it was recorded: the count goes down by one and the
        notification it caused goes. The tweet as it now stands; None when it does not
        exist."""
        ...

    async def follow(self, act: FollowAct) -> Profile | None:
        """Records the follow unless it exists; only when it is new do both counts move
        (the follower's `following`, the followee's `followers`) and the followee get the
        notification. Nothing is written when the name is the follower's own (the caller
        refuses that: domain.follow.Follow.start). The followee as it now stands; None when
        no profile has that name."""
        ...

    async def unfollow(self, follower_id: str, username: str) -> Profile | None:
        """Removes the follow if it exists, and then both counts and its notification."""
        ...
