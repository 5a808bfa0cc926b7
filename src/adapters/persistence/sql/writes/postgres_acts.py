"""application.ports.acts on PostgreSQL: each act is one statement
(postgres_act_statements), then the commit: alone in its unit of work, the statement is
the whole transaction (one round trip, writer.PostgresWriter.act)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from adapters.persistence.sql.reads.rows import json_document, media_list_of, profile_of, tweet_of
from adapters.persistence.sql.reads.statements import TWEET_WIDTH
from adapters.persistence.sql.writes import postgres_act_statements as sql
from adapters.persistence.sql.writes.writer import PostgresWriter
from application.ports.acts import FollowAct, TweetAct, TweetActKind
from application.tweets.views import TweetView
from domain.notification import NotificationKind
from domain.profile import Profile, username_key

_PROFILE_WIDTH = 11
_AUTHOR = TWEET_WIDTH
_MEDIA = _AUTHOR + _PROFILE_WIDTH
_NAMED, _LIKED, _RETWEETED = _MEDIA + 1, _MEDIA + 2, _MEDIA + 3
_DO = {"like": sql.LIKE, "retweet": sql.RETWEET}
_UNDO = {"like": sql.UNLIKE, "retweet": sql.UNDO_RETWEET}
_KINDS = {"like": NotificationKind.LIKE, "retweet": NotificationKind.RETWEET}


class PostgresActs:
    def __init__(self, writer: PostgresWriter, commit: Callable[[], Awaitable[None]]) -> None:
        self._w = writer
        self._commit = commit

    async def _run(self, statement: str, parameters: list[Any]) -> Any:
        row = await self._w.act(statement, parameters)
        await self._commit()
        return row

    async def act_on_tweet(self, act: TweetAct) -> TweetView | None:
        parameters: list[Any] = [
            act.actor_id,
            act.tweet_id,
            act.at,
            act.notification_id,
            _KINDS[act.kind].value,
        ]
        if act.kind == "retweet":
            parameters.append(act.retweet_id)
        return self._view(await self._run(_DO[act.kind], parameters))

    async def take_back(self, kind: TweetActKind, actor_id: str, tweet_id: str) -> TweetView | None:
        parameters = [actor_id, tweet_id, _KINDS[kind].value]
        return self._view(await self._run(_UNDO[kind], parameters))

    async def follow(self, act: FollowAct) -> Profile | None:
        parameters = [
            act.follower_id,
            username_key(act.username),
            act.at,
            act.notification_id,
            NotificationKind.FOLLOW.value,
        ]
        row = await self._run(sql.FOLLOW, parameters)
        return profile_of(row, self._w.moment) if row else None

    async def unfollow(self, follower_id: str, username: str) -> Profile | None:
        parameters = [follower_id, username_key(username), NotificationKind.FOLLOW.value]
        row = await self._run(sql.UNFOLLOW, parameters)
        return profile_of(row, self._w.moment) if row else None

    def _view(self, row: Any) -> TweetView | None:
        if row is None:
            return None
        moment, json_moment = self._w.moment, self._w.json_moment
        tweet = tweet_of(row, moment)
        named = {item[0]: profile_of(item, json_moment) for item in json_document(row[_NAMED])}
        return TweetView(
            tweet=tweet,
            author=profile_of(row, moment, _AUTHOR),
            media=media_list_of(row[_MEDIA], tweet.id, json_moment),
            liked_by_me=row[_LIKED],
            retweeted_by_me=row[_RETWEETED],
            in_reply_to=named.get(tweet.in_reply_to_author_id or ""),
            mentions=[named[i] for i in tweet.mention_ids if i in named],
        )
