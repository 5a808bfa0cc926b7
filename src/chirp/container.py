"""The composition root: the one place that knows which adapter serves which port."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import containers, providers

from adapters.http.rate_limits import RateLimitPolicy
from adapters.media.filesystem_store import FilesystemMediaStore
from adapters.media.memory_store import MemoryMediaStore
from adapters.media.pillow_processor import PillowImageProcessor
from adapters.persistence.batched_rate_limits import BatchedRateLimiter
from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.persistence.memory.rate_limits import MemoryRateLimiter
from adapters.persistence.redis.rate_limits import RedisRateLimiter
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.rate_limits import SqlRateLimiter
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.security.tokens import RandomTokenMinter
from adapters.system.clock import SystemClock
from adapters.system.ids import UlidGenerator
from application.accounts.get_profile import GetProfile
from application.accounts.login import LogIn, LoginPolicy
from application.accounts.me import ChangePassword, EditProfile, GetMe
from application.accounts.sessions import Authenticate, LogOut
from application.accounts.signup import SignUp
from application.discovery.hashtags import HashtagTweets, TrendingTags
from application.discovery.people import FollowSuggestions, PublicTimeline
from application.discovery.search import SearchProfiles, SearchTweets
from application.follows.follow import FollowProfile, UnfollowProfile
from application.follows.lists import ListFollowers, ListFollowing
from application.health import CheckHealth
from application.markers import GetMarkers, SaveMarkers
from application.media.own import GetOwnMedia
from application.media.pictures import RemoveProfilePicture, SetProfilePicture
from application.media.serve import GetMediaBytes
from application.media.sweep import SweepOrphans
from application.media.upload import UploadMedia
from application.notifications.dismiss import (
    ClearNotifications,
    DismissNotification,
    GetNotification,
)
from application.notifications.inbox import CountUnreadNotifications, ListNotifications
from application.notifications.mark_read import MarkNotificationsRead
from application.oauth.apps import FindClient, RegisterApp
from application.oauth.grants import (
    AuthorizeClient,
    ClientCredentialsGrant,
    PasswordGrant,
    RedeemAuthorizationCode,
    ResolveGrant,
    RevokeToken,
)
from application.ports.rate_limits import Quota
from application.tweets.acts import LikeTweet, RetweetTweet, UndoRetweet, UnlikeTweet
from application.tweets.audience import LikedTweets, TweetLikers, TweetRetweeters
from application.tweets.compose import CreateTweet
from application.tweets.compose_once import CreateTweetOnce
from application.tweets.delete import DeleteTweet
from application.tweets.read import GetTweet
from application.tweets.threads import TweetAncestors, TweetReplies
from application.tweets.timelines import HomeTimeline, ProfileTweets
from chirp.settings import Settings


class Core(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(UlidGenerator)
    hasher = providers.Singleton(
        Argon2PasswordHasher,
        providers.Factory(
            Argon2Parameters,
            memory_kib=settings.provided.argon2_memory_kib,
            time_cost=settings.provided.argon2_time_cost,
        ),
    )
    minter = providers.Singleton(RandomTokenMinter)

    engine = providers.Singleton(create_engine, settings.provided.database_url)
    uow = providers.Selector(
        settings.provided.storage,
        memory=providers.Singleton(MemoryUnitOfWorkFactory),
        sql=providers.Singleton(SqlUnitOfWorkFactory, engine),
    )
    media_store = providers.Selector(
        settings.provided.media_backend,
        filesystem=providers.Singleton(FilesystemMediaStore, settings.provided.media_directory),
        memory=providers.Singleton(MemoryMediaStore, clock),
    )
    # Counters in one process need no batching; shared ones are written in batches.
    rate_limiter = providers.Selector(
        settings.provided.rate_limit_store,
        memory=providers.Singleton(MemoryRateLimiter, clock),
        sql=providers.Singleton(
            BatchedRateLimiter,
            providers.Singleton(SqlRateLimiter, engine, clock, uow.provided.write_path),
            clock,
        ),
        redis=providers.Singleton(
            BatchedRateLimiter,
            providers.Singleton(RedisRateLimiter.from_url, settings.provided.redis_url, clock),
            clock,
        ),
    )
    rate_limit_policy = providers.Singleton(
        RateLimitPolicy,
        limiter=rate_limiter,
        signup=providers.Callable(Quota.parse, settings.provided.rate_limit_signup),
        login=providers.Callable(Quota.parse, settings.provided.rate_limit_login),
        write=providers.Callable(Quota.parse, settings.provided.rate_limit_write),
        read=providers.Callable(Quota.parse, settings.provided.rate_limit_read),
    )
    image_processor = providers.Singleton(PillowImageProcessor)


class UseCases(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    settings = providers.Dependency(instance_of=Settings)

    login_policy = providers.Singleton(
        LoginPolicy,
        token_lifetime=providers.Factory(timedelta, days=settings.provided.token_lifetime_days),
        failure_window=providers.Factory(
            timedelta, minutes=settings.provided.login_failure_window_minutes
        ),
        max_failures=settings.provided.login_max_failures,
    )
    sign_up = providers.Singleton(SignUp, core.uow, core.hasher, core.clock, core.ids)
    log_in = providers.Singleton(
        LogIn, core.uow, core.hasher, core.minter, core.clock, login_policy
    )
    authenticate = providers.Singleton(Authenticate, core.uow, core.minter, core.clock)
    log_out = providers.Singleton(LogOut, core.uow, core.minter)
    get_me = providers.Singleton(GetMe, core.uow)
    edit_profile = providers.Singleton(EditProfile, core.uow)
    change_password = providers.Singleton(ChangePassword, core.uow, core.hasher, core.minter)
    get_profile = providers.Singleton(GetProfile, core.uow)
    check_health = providers.Singleton(CheckHealth, core.uow)
    upload_media = providers.Singleton(
        UploadMedia, core.uow, core.media_store, core.image_processor, core.clock, core.ids
    )
    set_profile_picture = providers.Singleton(
        SetProfilePicture, core.uow, core.media_store, core.image_processor, core.clock, core.ids
    )
    remove_profile_picture = providers.Singleton(RemoveProfilePicture, core.uow, core.media_store)
    get_media_bytes = providers.Singleton(GetMediaBytes, core.uow, core.media_store)
    sweep_orphans = providers.Singleton(SweepOrphans, core.uow, core.media_store, core.clock)
    follow_profile = providers.Singleton(FollowProfile, core.uow, core.clock, core.ids)
    unfollow_profile = providers.Singleton(UnfollowProfile, core.uow)
    list_followers = providers.Singleton(ListFollowers, core.uow)
    list_following = providers.Singleton(ListFollowing, core.uow)
    list_notifications = providers.Singleton(ListNotifications, core.uow)
    count_unread_notifications = providers.Singleton(CountUnreadNotifications, core.uow)
    mark_notifications_read = providers.Singleton(MarkNotificationsRead, core.uow)
    create_tweet = providers.Singleton(CreateTweet, core.uow, core.clock, core.ids)
    create_tweet_once = providers.Singleton(CreateTweetOnce, core.uow, core.clock, core.ids)
    get_tweet = providers.Singleton(GetTweet, core.uow)
    delete_tweet = providers.Singleton(DeleteTweet, core.uow, core.media_store)
    like_tweet = providers.Singleton(LikeTweet, core.uow, core.clock, core.ids)
    unlike_tweet = providers.Singleton(UnlikeTweet, core.uow)
    retweet_tweet = providers.Singleton(RetweetTweet, core.uow, core.clock, core.ids)
    undo_retweet = providers.Singleton(UndoRetweet, core.uow)
    tweet_likers = providers.Singleton(TweetLikers, core.uow)
    tweet_retweeters = providers.Singleton(TweetRetweeters, core.uow)
    liked_tweets = providers.Singleton(LikedTweets, core.uow)
    profile_tweets = providers.Singleton(ProfileTweets, core.uow)
    home_timeline = providers.Singleton(HomeTimeline, core.uow)
    get_notification = providers.Singleton(GetNotification, core.uow)
    dismiss_notification = providers.Singleton(DismissNotification, core.uow)
    clear_notifications = providers.Singleton(ClearNotifications, core.uow)
    get_markers = providers.Singleton(GetMarkers, core.uow)
    save_markers = providers.Singleton(SaveMarkers, core.uow, core.clock)
    get_own_media = providers.Singleton(GetOwnMedia, core.uow)
    register_app = providers.Singleton(RegisterApp, core.uow, core.minter, core.clock, core.ids)
    find_client = providers.Singleton(FindClient, core.uow, core.minter)
    password_grant = providers.Singleton(
        PasswordGrant, core.uow, core.hasher, core.minter, core.clock, login_policy
    )
    authorize_client = providers.Singleton(
        AuthorizeClient, core.uow, core.hasher, core.minter, core.clock, login_policy
    )
    redeem_authorization_code = providers.Singleton(
        RedeemAuthorizationCode, core.uow, core.minter, core.clock, login_policy
    )
    client_credentials_grant = providers.Singleton(
        ClientCredentialsGrant, core.uow, core.minter, core.clock
    )
    revoke_token = providers.Singleton(RevokeToken, core.uow, core.minter)
    resolve_grant = providers.Singleton(ResolveGrant, core.uow, core.minter, core.clock)
    tweet_replies = providers.Singleton(TweetReplies, core.uow)
    tweet_ancestors = providers.Singleton(TweetAncestors, core.uow)
    hashtag_tweets = providers.Singleton(HashtagTweets, core.uow)
    trending_tags = providers.Singleton(TrendingTags, core.uow, core.clock)
    public_timeline = providers.Singleton(PublicTimeline, core.uow)
    follow_suggestions = providers.Singleton(FollowSuggestions, core.uow)
    search_tweets = providers.Singleton(SearchTweets, core.uow)
    search_profiles = providers.Singleton(SearchProfiles, core.uow)


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    core = providers.Container(Core, settings=settings)
    use_cases = providers.Container(UseCases, core=core, settings=settings)


def build_container(settings: Settings | None = None) -> Container:
    return Container(settings=settings or Settings.from_env())
