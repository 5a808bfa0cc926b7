from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from application.ports.acts import Acts
from application.ports.conversations import DiscoveryQueries, SearchQueries, ThreadQueries
from application.ports.idempotency import IdempotencyKeyRepository
from application.ports.markers import MarkerRepository
from application.ports.media import MediaRepository
from application.ports.oauth import OAuthRepository
from application.ports.repositories import (
    LoginFailureRepository,
    ProfileRepository,
    TokenRepository,
)
from application.ports.social import (
    FollowRepository,
    LikeRepository,
    NotificationRepository,
    RetweetRepository,
    TimelineQueries,
    TweetRepository,
)


class UnitOfWork(Protocol):
    """One transaction. Leaving the block without `commit` rolls everything back.

    Storage that cannot serialise two writers raises `TransientConflict`; the caller
    may run the whole use case again.
    """

    profiles: ProfileRepository
    tokens: TokenRepository
    login_failures: LoginFailureRepository
    media: MediaRepository
    tweets: TweetRepository
    likes: LikeRepository
    retweets: RetweetRepository
    follows: FollowRepository
    notifications: NotificationRepository
    timelines: TimelineQueries
    oauth: OAuthRepository
    markers: MarkerRepository
    idempotency_keys: IdempotencyKeyRepository
    threads: ThreadQueries
    discovery: DiscoveryQueries
    search: SearchQueries
    # Likes, retweets and follows as one call each (the rules: application.acting).
    acts: Acts

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class TransientConflict(Exception):
    """Storage refused a transaction for a reason a retry can cure (lock, serialisation)."""


class StorageUnavailable(Exception):
    """Storage cannot be reached (down, restarting, unreachable, or slower than its
    timeouts): nothing was written, and the same request may succeed shortly."""
