"""The repositories of a write unit of work, the same on SQLite and PostgreSQL: only
the writer (the driver) and the facade (SQLAlchemy, for the methods not on the driver)
differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from adapters.persistence.sql.idempotency import SqlIdempotencyKeys
from adapters.persistence.sql.markers import SqlMarkers
from adapters.persistence.sql.notifications import SqlNotifications
from adapters.persistence.sql.oauth import SqlOAuth
from adapters.persistence.sql.reads.conversations import ReadDiscovery, ReadSearch, ReadThreads
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.reads.repositories import ReadMedia, ReadTokens
from adapters.persistence.sql.reads.timelines import ReadTimelines
from adapters.persistence.sql.tokens import SqlLoginFailures
from adapters.persistence.sql.writes.repositories import (
    WriteFollows,
    WriteLikes,
    WriteNotifications,
    WriteProfiles,
    WriteRetweets,
    WriteTweets,
)
from adapters.persistence.sql.writes.writer import Writer


@dataclass(frozen=True)
class WriteRepositories:
    profiles: WriteProfiles
    tokens: ReadTokens
    login_failures: SqlLoginFailures
    media: ReadMedia
    follows: WriteFollows
    notifications: SqlNotifications
    tweets: WriteTweets
    likes: WriteLikes
    retweets: WriteRetweets
    timelines: ReadTimelines
    threads: ReadThreads
    discovery: ReadDiscovery
    search: ReadSearch
    markers: SqlMarkers
    oauth: SqlOAuth
    idempotency_keys: SqlIdempotencyKeys

    def lend_to(self, unit: Any) -> None:
        # The instance's dict holds exactly its fields; one update, once per unit of work
        # (dataclasses.fields() builds its tuple anew on every call).
        vars(unit).update(vars(self))


def write_repositories(
    writer: Writer, facade: Any, planner: TimelinePlanner, loaded: Loaded
) -> WriteRepositories:
    return WriteRepositories(
        profiles=WriteProfiles(writer, facade, loaded),
        tokens=ReadTokens(writer, facade),
        login_failures=SqlLoginFailures(facade),
        media=ReadMedia(writer, facade, loaded),
        follows=WriteFollows(writer, facade),
        notifications=WriteNotifications(writer, facade),
        tweets=WriteTweets(writer, facade, loaded),
        likes=WriteLikes(writer, facade, loaded),
        retweets=WriteRetweets(writer, facade, loaded),
        timelines=ReadTimelines(writer, facade, planner, loaded),
        threads=ReadThreads(writer, loaded),
        discovery=ReadDiscovery(writer, loaded),
        search=ReadSearch(writer, loaded),
        # Rare writes keep SQLAlchemy Core, on the same connection through the facade.
        markers=SqlMarkers(facade),
        oauth=SqlOAuth(facade),
        idempotency_keys=SqlIdempotencyKeys(facade),
    )
