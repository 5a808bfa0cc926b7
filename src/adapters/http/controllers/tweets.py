"""Tweets: writing, reading and deleting them, liking and retweeting, and who did."""

from __future__ import annotations

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from adapters.http.auth import (
    BEARER_SECURITY,
    SIGNED_IN_ONLY,
    AnyRequest,
    user_of,
    viewer_of,
)
from adapters.http.idempotency import IdempotencyKey, body_digest
from adapters.http.paging import PAGE
from adapters.http.schemas.accounts import ProfileSummaryOut, summary_out
from adapters.http.schemas.pages import PageOut, page_out
from adapters.http.schemas.tweets import TweetIn, TweetOut, tweet_out
from adapters.http.services import services_of, use_case
from application.pagination import PageRequest
from application.tweets.acts import LikeTweet, RetweetTweet, UndoRetweet, UnlikeTweet
from application.tweets.audience import TweetLikers, TweetRetweeters
from application.tweets.compose import CreateTweet
from application.tweets.compose_once import CreateTweetOnce
from application.tweets.delete import DeleteTweet
from application.tweets.read import GetTweet


class TweetsController(Controller):
    path = "/api/v1/tweets"
    tags = ["tweets"]

    @post(
        operation_id="createTweet",
        summary="Write a tweet or a reply: up to 280 characters and up to 4 of your unused uploads",
        status_code=HTTP_201_CREATED,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        # One dependency: Litestar resolves two of one level in an anyio task group
        # (see services.use_case); the keyed variant is looked up only when a key came.
        dependencies={"create_tweet": use_case("create_tweet")},
    )
    async def create(
        self,
        request: AnyRequest,
        data: JSONBody[TweetIn],
        create_tweet: NamedDependency[CreateTweet],
        idempotency_key: IdempotencyKey = None,
    ) -> TweetOut:
        author_id = user_of(request)
        if idempotency_key is None:
            written = await create_tweet(
                author_id, data.text, data.media_ids, in_reply_to_id=data.in_reply_to_id
            )
            return tweet_out(written)
        create_tweet_once: CreateTweetOnce = services_of(request).create_tweet_once()
        view = await create_tweet_once(
            author_id,
            idempotency_key,
            body_digest(await request.body()),
            data.text,
            data.media_ids,
            in_reply_to_id=data.in_reply_to_id,
        )
        return tweet_out(view)

    @get(
        "/{tweet_id:str}",
        operation_id="getTweet",
        summary="A tweet",
        dependencies={"get_tweet": use_case("get_tweet")},
    )
    async def get_tweet(
        self,
        request: AnyRequest,
        tweet_id: FromPath[str],
        get_tweet: NamedDependency[GetTweet],
    ) -> TweetOut:
        return tweet_out(await get_tweet(tweet_id, viewer_of(request)))

    @delete(
        "/{tweet_id:str}",
        operation_id="deleteTweet",
        summary="Delete your tweet, with its likes, retweets and notifications",
        status_code=HTTP_204_NO_CONTENT,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        dependencies={"delete_tweet": use_case("delete_tweet")},
    )
    async def delete_tweet(
        self,
        request: AnyRequest,
        tweet_id: FromPath[str],
        delete_tweet: NamedDependency[DeleteTweet],
    ) -> None:
        await delete_tweet(tweet_id, user_of(request))

    @put(
        "/{tweet_id:str}/like",
        operation_id="likeTweet",
        summary="Like a tweet (idempotent)",
        status_code=HTTP_200_OK,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        dependencies={"like_tweet": use_case("like_tweet")},
    )
    async def like(
        self,
        request: AnyRequest,
        tweet_id: FromPath[str],
        like_tweet: NamedDependency[LikeTweet],
    ) -> TweetOut:
        return tweet_out(await like_tweet(tweet_id, user_of(request)))

    @delete(
        "/{tweet_id:str}/like",
        operation_id="unlikeTweet",
        summary="Take your like back (idempotent)",
        status_code=HTTP_200_OK,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        dependencies={"unlike_tweet": use_case("unlike_tweet")},
    )
    async def unlike(
        self,
        request: AnyRequest,
        tweet_id: FromPath[str],
        unlike_tweet: NamedDependency[UnlikeTweet],
    ) -> TweetOut:
        return tweet_out(await unlike_tweet(tweet_id, user_of(request)))

    @put(
        "/{tweet_id:str}/retweet",
        operation_id="retweetTweet",
        summary="Retweet a tweet (idempotent)",
        status_code=HTTP_200_OK,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        dependencies={"retweet_tweet": use_case("retweet_tweet")},
    )
    async def retweet(
        self,
        request: AnyRequest,
        tweet_id: FromPath[str],
        retweet_tweet: NamedDependency[RetweetTweet],
    ) -> TweetOut:
        return tweet_out(await retweet_tweet(tweet_id, user_of(request)))

    @delete(
        "/{tweet_id:str}/retweet",
        operation_id="undoRetweet",
        summary="Take your retweet back (idempotent)",
        status_code=HTTP_200_OK,
        opt=SIGNED_IN_ONLY,
        security=BEARER_SECURITY,
        dependencies={"undo_retweet": use_case("undo_retweet")},
    )
    async def undo_retweet(
        self,
        request: AnyRequest,
        tweet_id: FromPath[str],
        undo_retweet: NamedDependency[UndoRetweet],
    ) -> TweetOut:
        return tweet_out(await undo_retweet(tweet_id, user_of(request)))

    @get(
        "/{tweet_id:str}/likes",
        operation_id="listTweetLikers",
        summary="Who liked the tweet, newest like first",
        dependencies={"page": PAGE, "tweet_likers": use_case("tweet_likers")},
    )
    async def likers(
        self,
        tweet_id: FromPath[str],
        page: NamedDependency[PageRequest],
        tweet_likers: NamedDependency[TweetLikers],
    ) -> PageOut[ProfileSummaryOut]:
        return page_out(await tweet_likers(tweet_id, page), summary_out)

    @get(
        "/{tweet_id:str}/retweets",
        operation_id="listTweetRetweeters",
        summary="Who retweeted the tweet, newest retweet first",
        dependencies={"page": PAGE, "tweet_retweeters": use_case("tweet_retweeters")},
    )
    async def retweeters(
        self,
        tweet_id: FromPath[str],
        page: NamedDependency[PageRequest],
        tweet_retweeters: NamedDependency[TweetRetweeters],
    ) -> PageOut[ProfileSummaryOut]:
        return page_out(await tweet_retweeters(tweet_id, page), summary_out)
