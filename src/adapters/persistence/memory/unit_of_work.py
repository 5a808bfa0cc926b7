from __future__ import annotations

from types import TracebackType
from typing import Self

from adapters.persistence.memory.conversations import (
    MemoryDiscovery,
    MemorySearch,
    MemoryThreads,
)
from adapters.persistence.memory.follows import MemoryFollows
from adapters.persistence.memory.idempotency import MemoryIdempotencyKeys
from adapters.persistence.memory.markers import MemoryMarkers
from adapters.persistence.memory.media import MemoryMedia
from adapters.persistence.memory.notifications import MemoryNotifications
from adapters.persistence.memory.oauth import MemoryOAuth
from adapters.persistence.memory.repositories import (
    MemoryLoginFailures,
    MemoryProfiles,
    MemoryTokens,
)
from adapters.persistence.memory.store import MemoryDatabase, MemoryTables
from adapters.persistence.memory.timelines import MemoryTimelines
from adapters.persistence.memory.tweets import MemoryLikes, MemoryRetweets, MemoryTweets
from application.acting import RepositoryActs


class MemoryUnitOfWork:
    """Works on a private copy of the tables and swaps it in on commit."""

    def __init__(self, database: MemoryDatabase) -> None:
        self._db = database
        self._working: MemoryTables | None = None

    async def __aenter__(self) -> Self:
        await self._db.lock.acquire()
        self._working = self._db.tables.snapshot()
        self._bind(self._working)
        return self

    def _bind(self, tables: MemoryTables) -> None:
        self.profiles = MemoryProfiles(tables)
        self.tokens = MemoryTokens(tables)
        self.login_failures = MemoryLoginFailures(tables)
        self.media = MemoryMedia(tables)
        self.follows = MemoryFollows(tables)
        self.notifications = MemoryNotifications(tables)
        self.tweets = MemoryTweets(tables)
        self.likes = MemoryLikes(tables)
        self.retweets = MemoryRetweets(tables)
        self.timelines = MemoryTimelines(tables)
        self.markers = MemoryMarkers(tables)
        self.oauth = MemoryOAuth(tables)
        self.idempotency_keys = MemoryIdempotencyKeys(tables)
        self.threads = MemoryThreads(tables)
        self.discovery = MemoryDiscovery(tables)
        self.search = MemorySearch(tables)
        self.acts = RepositoryActs(self)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._working = None
        self._db.lock.release()

    async def commit(self) -> None:
        assert self._working is not None, "commit outside the transaction"
        self._db.tables = self._working
        self._working = self._working.snapshot()
        self._bind(self._working)

    async def rollback(self) -> None:
        if self._working is not None:
            self._working = self._db.tables.snapshot()
            self._bind(self._working)
