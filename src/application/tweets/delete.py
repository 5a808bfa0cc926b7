"""Deleting a tweet: it leaves every page, count and notification, and its images go."""

from __future__ import annotations

import logging

from application.ports.media import MediaStore
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import Forbidden, NotFound
from domain.media import Media

logger = logging.getLogger("chirp.tweets")


class DeleteTweet:
    def __init__(self, uow: UnitOfWorkFactory, store: MediaStore) -> None:
        self._uow, self._store = uow, store

    async def __call__(self, tweet_id: str, user_id: str) -> None:
        removed = await self._remove(tweet_id, user_id)
        # Bytes go only once the records are gone for good: a rolled-back delete must
        # not leave a tweet pointing at missing images.
        for media in removed:
            try:
                await self._store.delete(media.storage_key)
            except Exception:
                # The tweet is deleted all the same; the sweep of unused media finds
                # bytes without a record later.
                logger.warning("could not delete media bytes %s", media.storage_key, exc_info=True)

    @retry_on_conflict
    async def _remove(self, tweet_id: str, user_id: str) -> list[Media]:
        async with self._uow() as uow:
            tweet = await uow.tweets.get(tweet_id)
            if tweet is None:
                raise NotFound("tweet")
            if tweet.author_id != user_id:
                raise Forbidden("only its author may delete a tweet")
            # The tweet row goes first: a concurrent delete of the same tweet waits on
            # it and then finds nothing, so the author's count drops exactly once.
            if not await uow.tweets.remove(tweet_id):
                raise NotFound("tweet")
            await uow.likes.remove_of_tweet(tweet_id)
            await uow.retweets.remove_of_tweet(tweet_id)
            # Its reply and mention notifications name it as their tweet: they go too.
            await uow.notifications.remove_of_tweet(tweet_id)
            if tweet.in_reply_to_id is not None:
                # The answered tweet may be gone already; then nothing is adjusted.
                await uow.tweets.adjust_counts(tweet.in_reply_to_id, replies=-1)
            removed = await uow.media.remove_of_tweet(tweet_id)
            await uow.profiles.adjust_counts(tweet.author_id, tweets=-1)
            await uow.commit()
        return removed
