"""The repositories of a read-only unit of work, the same on SQLite and PostgreSQL: only
the reader (the driver) and the fallback connection (for rare reads) differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from adapters.persistence.sql.markers import SqlMarkers
from adapters.persistence.sql.notifications import SqlNotifications
from adapters.persistence.sql.oauth import SqlOAuth
from adapters.persistence.sql.reads.conversations import ReadDiscovery, ReadSearch, ReadThreads
from adapters.persistence.sql.reads.loaded import Loaded
from adapters.persistence.sql.reads.planner import TimelinePlanner
from adapters.persistence.sql.reads.repositories import (
    ReadFollows,
    ReadLikes,
    ReadMedia,
    ReadProfiles,
    ReadRetweets,
    ReadTokens,
    ReadTweets,
)
from adapters.persistence.sql.reads.timelines import ReadTimelines
from adapters.persistence.sql.tokens import SqlLoginFailures


@dataclass(frozen=True)
class ReadRepositories:
    profiles: ReadProfiles
    tokens: ReadTokens
    login_failures: SqlLoginFailures
    media: ReadMedia
    follows: ReadFollows
    notifications: SqlNotifications
    tweets: ReadTweets
    likes: ReadLikes
    retweets: ReadRetweets
    timelines: ReadTimelines
    oauth: SqlOAuth
    markers: SqlMarkers
    threads: ReadThreads
    discovery: ReadDiscovery
    search: ReadSearch

    def lend_to(self, unit: Any) -> None:
        """Make them the unit of work's own attributes, as the port names them."""
        # The instance's dict holds exactly its fields; one update, once per unit of work
        # (dataclasses.fields() builds its tuple anew on every call).
        vars(unit).update(vars(self))


def read_repositories(
    reader: Any, fallback: Any, planner: TimelinePlanner, loaded: Loaded
) -> ReadRepositories:
    return ReadRepositories(
        profiles=ReadProfiles(reader, fallback, loaded),
        tokens=ReadTokens(reader, fallback),
        login_failures=SqlLoginFailures(fallback),
        media=ReadMedia(reader, fallback, loaded),
        follows=ReadFollows(reader, fallback),
        notifications=SqlNotifications(fallback),
        tweets=ReadTweets(reader, fallback, loaded),
        likes=ReadLikes(reader, fallback, loaded),
        retweets=ReadRetweets(reader, fallback, loaded),
        timelines=ReadTimelines(reader, fallback, planner, loaded),
        oauth=SqlOAuth(fallback),
        markers=SqlMarkers(fallback),
        threads=ReadThreads(reader, loaded),
        discovery=ReadDiscovery(reader, loaded),
        search=ReadSearch(reader, loaded),
    )
