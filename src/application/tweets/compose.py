"""Writing a tweet, with up to four of your own unused uploads."""

from __future__ import annotations

from collections.abc import Sequence

from application.ports.system import Clock, IdGenerator
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from application.tweets.views import TweetView
from domain.errors import InvalidInput, NotFound
from domain.media import check_attachable
from domain.tweet import Tweet, valid_tweet_text


class CreateTweet:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids

    @retry_on_conflict
    async def __call__(self, author_id: str, text: str, media_ids: Sequence[str] = ()) -> TweetView:
        wanted = list(media_ids)
        # The text is judged before storage is touched: a bad one costs no transaction.
        valid_tweet_text(text, has_media=bool(wanted))
        async with self._uow() as uow:
            view = await self.write(uow, author_id, text, wanted, tweet_id=self._ids.new_id())
            await uow.commit()
        return view

    async def write(
        self, uow: UnitOfWork, author_id: str, text: str, wanted: list[str], *, tweet_id: str
    ) -> TweetView:
        """The tweet's writes inside the caller's transaction, which commits them."""
        author = await uow.profiles.get(author_id)
        if author is None:
            raise NotFound("profile")
        found = await uow.media.get_many(wanted)
        check_attachable(wanted, found, author_id, author.picture_key)
        tweet = Tweet.compose(
            id=tweet_id,
            author_id=author_id,
            text=text,
            has_media=bool(wanted),
            created_at=self._clock.now(),
        )
        await uow.tweets.add(tweet)
        if not await uow.media.attach_to_tweet(wanted, tweet.id):
            # Another tweet took one of them since we looked (READ COMMITTED).
            raise InvalidInput.of("media_ids", "this media is already in use")
        await uow.profiles.adjust_counts(author_id, tweets=+1)
        media = [found[media_id].attached_to(tweet.id, i) for i, media_id in enumerate(wanted)]
        return TweetView(tweet=tweet, author=author, media=media)
