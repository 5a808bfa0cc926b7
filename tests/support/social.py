"""Every social use case wired on one storage, as the container wires them: for unit
tests and the stateful test, which drive the use cases without HTTP."""

from __future__ import annotations

from adapters.media.memory_store import MemoryMediaStore
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.accounts.get_profile import GetProfile
from application.accounts.signup import SignUp, SignupInput
from application.discovery.hashtags import HashtagTweets, TrendingTags
from application.discovery.people import FollowSuggestions, PublicTimeline
from application.discovery.search import SearchProfiles, SearchTweets
from application.follows.follow import FollowProfile, UnfollowProfile
from application.follows.lists import ListFollowers, ListFollowing
from application.notifications.inbox import CountUnreadNotifications, ListNotifications
from application.notifications.mark_read import MarkNotificationsRead
from application.transaction import UnitOfWorkFactory
from application.tweets.acts import LikeTweet, RetweetTweet, UndoRetweet, UnlikeTweet
from application.tweets.compose import CreateTweet
from application.tweets.delete import DeleteTweet
from application.tweets.threads import TweetAncestors, TweetReplies
from application.tweets.timelines import HomeTimeline, ProfileTweets

CHEAP_ARGON2 = Argon2Parameters(memory_kib=256, time_cost=1, parallelism=1)
PASSWORD = "open sesame"


class Social:
    def __init__(self, uow: UnitOfWorkFactory, clock: FixedClock | None = None) -> None:
        self.uow = uow
        self.clock = clock or FixedClock()
        ids = UlidGenerator()
        self.sign_up = SignUp(uow, Argon2PasswordHasher(CHEAP_ARGON2), self.clock, ids)
        self.get_profile = GetProfile(uow)
        self.follow = FollowProfile(uow, self.clock, ids)
        self.unfollow = UnfollowProfile(uow)
        self.followers = ListFollowers(uow)
        self.following = ListFollowing(uow)
        self.notifications = ListNotifications(uow)
        self.unread_count = CountUnreadNotifications(uow)
        self.mark_read = MarkNotificationsRead(uow)
        self.tweet = CreateTweet(uow, self.clock, ids)
        self.delete_tweet = DeleteTweet(uow, MemoryMediaStore())
        self.like = LikeTweet(uow, self.clock, ids)
        self.unlike = UnlikeTweet(uow)
        self.retweet = RetweetTweet(uow, self.clock, ids)
        self.undo_retweet = UndoRetweet(uow)
        self.profile_tweets = ProfileTweets(uow)
        self.home = HomeTimeline(uow)
        self.replies = TweetReplies(uow)
        self.ancestors = TweetAncestors(uow)
        self.hashtag_tweets = HashtagTweets(uow)
        self.trending = TrendingTags(uow, self.clock)
        self.public = PublicTimeline(uow)
        self.suggestions = FollowSuggestions(uow)
        self.search_tweets = SearchTweets(uow)
        self.search_profiles = SearchProfiles(uow)

    async def register(self, username: str) -> str:
        profile = await self.sign_up(SignupInput(username, f"{username}@example.com", PASSWORD))
        return profile.id
