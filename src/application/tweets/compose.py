"""Writing a tweet, with up to four of your own unused uploads, perhaps as a reply, and
notifying the answered author and the mentioned profiles."""

from __future__ import annotations

from collections.abc import Sequence

from application.ports.system import Clock, IdGenerator
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from application.tweets.views import TweetView
from domain.errors import InvalidInput, NotFound
from domain.media import check_attachable
from domain.notification import Notification, conversation_notices
from domain.profile import Profile, username_key
from domain.text_entities import check_mention_count, mention_names
from domain.tweet import Tweet, valid_tweet_text


async def _answered(uow: UnitOfWork, in_reply_to_id: str | None) -> Tweet | None:
    if in_reply_to_id is None:
        return None
    parent = await uow.tweets.get(in_reply_to_id)
    if parent is None:
        raise InvalidInput.of("in_reply_to_id", "is not a tweet that exists")
    return parent


async def _mentioned(uow: UnitOfWork, names: list[str]) -> list[Profile]:
    """The profiles the names name when the tweet is written, in the text's order."""
    if not names:
        return []
    found = await uow.profiles.get_many_by_usernames(names)
    return [found[username_key(name)] for name in names if username_key(name) in found]


class CreateTweet:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids

    @retry_on_conflict
    async def __call__(
        self,
        author_id: str,
        text: str,
        media_ids: Sequence[str] = (),
        in_reply_to_id: str | None = None,
    ) -> TweetView:
        wanted = list(media_ids)
        # The text is judged before storage is touched: a bad one costs no transaction.
        valid_tweet_text(text, has_media=bool(wanted))
        async with self._uow() as uow:
            view = await self.write(
                uow, author_id, text, wanted, in_reply_to_id, tweet_id=self._ids.new_id()
            )
            await uow.commit()
        return view

    async def write(
        self,
        uow: UnitOfWork,
        author_id: str,
        text: str,
        wanted: list[str],
        in_reply_to_id: str | None,
        *,
        tweet_id: str,
    ) -> TweetView:
        """The tweet's writes inside the caller's transaction, which commits them."""
        names = mention_names(valid_tweet_text(text, has_media=bool(wanted)))
        author = await uow.profiles.get(author_id)
        if author is None:
            raise NotFound("profile")
        parent = await _answered(uow, in_reply_to_id)
        mentioned = await _mentioned(uow, names)
        check_mention_count([p.id for p in mentioned])
        found = await uow.media.get_many(wanted)
        check_attachable(wanted, found, author_id, author.picture_key)
        tweet = Tweet.compose(
            id=tweet_id,
            author_id=author_id,
            text=text,
            has_media=bool(wanted),
            created_at=self._clock.now(),
            replying_to=parent,
            mention_ids=[p.id for p in mentioned],
        )
        await uow.tweets.add(tweet)
        if not await uow.media.attach_to_tweet(wanted, tweet.id):
            # Another tweet took one of them since we looked (READ COMMITTED).
            raise InvalidInput.of("media_ids", "this media is already in use")
        await uow.profiles.adjust_counts(author_id, tweets=+1)
        answered_author = await self._reply_to(uow, parent)
        await self._notify(uow, tweet)
        media = [found[media_id].attached_to(tweet.id, i) for i, media_id in enumerate(wanted)]
        return TweetView(
            tweet=tweet,
            author=author,
            media=media,
            in_reply_to=answered_author,
            mentions=mentioned,
        )

    async def _reply_to(self, uow: UnitOfWork, parent: Tweet | None) -> Profile | None:
        if parent is None:
            return None
        # `reply_count = reply_count + 1` in storage: concurrent replies add up exactly.
        await uow.tweets.adjust_counts(parent.id, replies=+1)
        return await uow.profiles.get(parent.author_id)

    async def _notify(self, uow: UnitOfWork, tweet: Tweet) -> None:
        for recipient_id, kind in conversation_notices(tweet):
            await uow.notifications.add(
                Notification(
                    id=self._ids.new_id(),
                    recipient_id=recipient_id,
                    kind=kind,
                    actor_id=tweet.author_id,
                    tweet_id=tweet.id,
                    created_at=self._clock.now(),
                )
            )
