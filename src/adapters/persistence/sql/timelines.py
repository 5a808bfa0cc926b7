"""Timelines in one statement per page: a UNION ALL of tweets and retweets by a set of
authors, each side keyset-filtered and limited on its (author, at, key) index before the
two are merged, ordered and cut again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, any_, cast, func, literal, null, or_, select, union_all
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.persistence.sql.statements import newest_first
from adapters.persistence.sql.tables import ID, follows, retweets, tweets
from application.pagination import PageRequest
from application.ports.social import EntryRow

# Given an author column, the condition "written by one of the authors we want".
AuthorFilter = Callable[[Any], Any]


def _tweets_by(authored: AuthorFilter, page: PageRequest, *shown: Any) -> Select[Any]:
    statement = select(
        tweets.c.id.label("tweet_id"),
        tweets.c.created_at.label("at"),
        tweets.c.id.label("key"),
        cast(null(), ID).label("retweeted_by_id"),
    ).where(authored(tweets.c.author_id), *shown)
    return select(newest_first(statement, tweets.c.created_at, tweets.c.id, page).subquery())


def _retweets_by(authored: AuthorFilter, page: PageRequest) -> Select[Any]:
    statement = select(
        retweets.c.tweet_id.label("tweet_id"),
        retweets.c.created_at.label("at"),
        retweets.c.id.label("key"),
        retweets.c.profile_id.label("retweeted_by_id"),
    ).where(authored(retweets.c.profile_id))
    return select(newest_first(statement, retweets.c.created_at, retweets.c.id, page).subquery())


def _self_and_followed(profile_id: str, dialect: str) -> AuthorFilter:
    followed = select(follows.c.followee_id).where(follows.c.follower_id == profile_id)
    if dialect == "postgresql":
        # `= ANY(array)` lets PostgreSQL seek the (author, at, key) index once per author;
        # it estimates `IN (subquery)` badly and falls back to scanning every tweet.
        authors = (
            select(func.array_append(func.array_agg(follows.c.followee_id), profile_id))
            .where(follows.c.follower_id == profile_id)
            .scalar_subquery()
        )
        return lambda column: column == any_(cast(authors, ARRAY(ID)))
    everyone = union_all(select(literal(profile_id, ID)), followed)
    return lambda column: column.in_(everyone)


def _shown_reply(profile_id: str) -> Any:
    """The home rule for replies (see Tweet.shows_in_home_of)."""
    answered = tweets.c.in_reply_to_author_id
    followed = select(follows.c.followee_id).where(follows.c.follower_id == profile_id)
    return or_(
        answered.is_(None),
        tweets.c.author_id == profile_id,
        answered == profile_id,
        answered.in_(followed),
    )


class SqlTimelines:
    def __init__(self, connection: AsyncConnection) -> None:
        self._c = connection

    async def of_profile(
        self,
        profile_id: str,
        page: PageRequest,
        *,
        include_retweets: bool,
        include_replies: bool = True,
    ) -> list[EntryRow]:
        def authored(column: Any) -> Any:
            return column == profile_id

        shown = () if include_replies else (tweets.c.in_reply_to_id.is_(None),)
        if not include_retweets:
            return await self._rows(_tweets_by(authored, page, *shown))
        return await self._merged(authored, page, *shown)

    async def home(self, profile_id: str, page: PageRequest) -> list[EntryRow]:
        authored = _self_and_followed(profile_id, self._c.dialect.name)
        return await self._merged(authored, page, _shown_reply(profile_id))

    async def _merged(
        self, authored: AuthorFilter, page: PageRequest, *shown: Any
    ) -> list[EntryRow]:
        tweet_arm = _tweets_by(authored, page, *shown)
        entries = union_all(tweet_arm, _retweets_by(authored, page)).subquery()
        ordered = select(entries).order_by(entries.c.at.desc(), entries.c.key.desc())
        return await self._rows(ordered.limit(page.fetch))

    async def _rows(self, statement: Select[Any]) -> list[EntryRow]:
        result = await self._c.execute(statement)
        return [
            EntryRow(
                tweet_id=row.tweet_id,
                at=row.at,
                key=row.key,
                retweeted_by_id=row.retweeted_by_id,
            )
            for row in result
        ]
