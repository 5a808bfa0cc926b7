"""What a profile wrote, retweeted and liked."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery

from adapters.http.auth import AnyRequest, provide_viewer_id, viewer_of
from adapters.http.paging import PAGE, Limit, PageCursor
from adapters.http.schemas.pages import PageOut, page_out
from adapters.http.schemas.tweets import EntryOut, TweetOut, entry_out, tweet_out
from adapters.http.services import use_case
from application.pagination import PageRequest
from application.tweets.audience import LikedTweets
from application.tweets.timelines import ProfileTweets


class ProfileTweetsController(Controller):
    path = "/api/v1/profiles/{username:str}"
    tags = ["profiles"]
    dependencies = {"viewer_id": Provide(provide_viewer_id, sync_to_thread=False)}

    @get(
        "/tweets",
        operation_id="listProfileTweets",
        summary="The profile's tweets (retweets and replies unless turned off), newest first",
        dependencies={"profile_tweets": use_case("profile_tweets")},
    )
    async def tweets(
        self,
        request: AnyRequest,
        username: FromPath[str],
        profile_tweets: NamedDependency[ProfileTweets],
        include_retweets: FromQuery[bool] = True,
        include_replies: FromQuery[bool] = True,
        limit: Limit = None,
        cursor: PageCursor = None,
    ) -> PageOut[EntryOut]:
        found = await profile_tweets(
            username,
            PageRequest.parse(limit, cursor),
            include_retweets=include_retweets,
            include_replies=include_replies,
            viewer_id=viewer_of(request),
        )
        return page_out(found, entry_out)

    @get(
        "/likes",
        operation_id="listProfileLikes",
        summary="The tweets the profile liked, newest like first",
        dependencies={"page": PAGE, "liked_tweets": use_case("liked_tweets")},
    )
    async def likes(
        self,
        username: FromPath[str],
        page: NamedDependency[PageRequest],
        viewer_id: NamedDependency[str | None],
        liked_tweets: NamedDependency[LikedTweets],
    ) -> PageOut[TweetOut]:
        return page_out(await liked_tweets(username, page, viewer_id), tweet_out)
