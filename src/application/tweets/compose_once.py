"""Writing a tweet under an Idempotency-Key: a retry of the same request within 24
hours writes nothing and answers the tweet the first one wrote.

The key is claimed before anything else is written, in the same transaction as the
tweet: a concurrent request with the same key waits on the claim until the first one
commits (or rolls back, and then takes the key itself), so one tweet is written and
every request answers it. Each claim also sweeps every key older than 24 hours."""

from __future__ import annotations

from collections.abc import Sequence

from application.ports.system import Clock, IdGenerator
from application.ports.unit_of_work import TransientConflict
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from application.tweets.compose import CreateTweet
from application.tweets.read import GetTweet
from application.tweets.views import TweetView
from domain.idempotency import (
    IDEMPOTENCY_KEY_LIFETIME,
    IdempotencyRecord,
    valid_idempotency_key,
)
from domain.tweet import valid_tweet_text


class CreateTweetOnce:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow, self._clock, self._ids = uow, clock, ids
        self._create = CreateTweet(uow, clock, ids)
        self._get = GetTweet(uow)

    async def __call__(
        self,
        author_id: str,
        key: str,
        request_digest: str,
        text: str,
        media_ids: Sequence[str] = (),
        in_reply_to_id: str | None = None,
    ) -> TweetView:
        valid_idempotency_key(key)
        wanted = list(media_ids)
        valid_tweet_text(text, has_media=bool(wanted))
        tweet_id = await self._write_once(
            author_id, key, request_digest, text, wanted, in_reply_to_id
        )
        return await self._get(tweet_id, author_id)

    @retry_on_conflict
    async def _write_once(
        self,
        author_id: str,
        key: str,
        request_digest: str,
        text: str,
        wanted: list[str],
        in_reply_to_id: str | None,
    ) -> str:
        """The id of the tweet this key stands for: written now, or by an earlier request."""
        now = self._clock.now()
        cutoff = now - IDEMPOTENCY_KEY_LIFETIME
        async with self._uow() as uow:
            earlier = await uow.idempotency_keys.find(author_id, key)
            if earlier is not None and not earlier.expired(now):
                return earlier.replay_for(request_digest)
            record = IdempotencyRecord(author_id, key, request_digest, self._ids.new_id(), now)
            if await uow.idempotency_keys.claim(record, replacing_before=cutoff):
                await uow.idempotency_keys.sweep(cutoff)
                await self._create.write(
                    uow, author_id, text, wanted, in_reply_to_id, tweet_id=record.tweet_id
                )
                await uow.commit()
                return record.tweet_id
        # Another request took the key while we looked; it has committed by now.
        async with self._uow() as uow:
            winner = await uow.idempotency_keys.find(author_id, key)
        if winner is None or winner.expired(now):
            raise TransientConflict("the key's holder went away: try again")
        return winner.replay_for(request_digest)
