"""A tweet's conversation: its replies and the tweets above it."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath

from adapters.http.auth import AnyRequest, viewer_of
from adapters.http.paging import Limit, PageCursor
from adapters.http.schemas.discovery import TweetListOut
from adapters.http.schemas.pages import PageOut, page_out
from adapters.http.schemas.tweets import TweetOut, tweet_out
from adapters.http.services import use_case
from application.pagination import PageRequest
from application.tweets.threads import TweetAncestors, TweetReplies


class ThreadsController(Controller):
    path = "/api/v1/tweets"
    tags = ["tweets"]

    @get(
        "/{tweet_id:str}/replies",
        operation_id="listTweetReplies",
        summary="The direct replies of a tweet, oldest first",
        dependencies={"tweet_replies": use_case("tweet_replies")},
    )
    async def replies(
        self,
        request: AnyRequest,
        tweet_id: FromPath[str],
        tweet_replies: NamedDependency[TweetReplies],
        limit: Limit = None,
        cursor: PageCursor = None,
    ) -> PageOut[TweetOut]:
        page = PageRequest.parse(limit, cursor)
        return page_out(await tweet_replies(tweet_id, page, viewer_of(request)), tweet_out)

    @get(
        "/{tweet_id:str}/ancestors",
        operation_id="listTweetAncestors",
        summary="The tweets above a reply, root first: the 100 nearest at most",
        dependencies={"tweet_ancestors": use_case("tweet_ancestors")},
    )
    async def ancestors(
        self,
        request: AnyRequest,
        tweet_id: FromPath[str],
        tweet_ancestors: NamedDependency[TweetAncestors],
    ) -> TweetListOut:
        above = await tweet_ancestors(tweet_id, viewer_of(request))
        return TweetListOut(items=[tweet_out(view) for view in above])
