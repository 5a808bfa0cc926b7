"""Finding tweets and people: hashtags, trending tags, the public timeline, search and
who to follow."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency
from litestar.params import FromPath

from adapters.http.auth import BEARER_SECURITY, SIGNED_IN_ONLY, AnyRequest, user_of, viewer_of
from adapters.http.paging import Limit, PageCursor
from adapters.http.schemas.accounts import ProfileSummaryOut, summary_out
from adapters.http.schemas.discovery import (
    HashtagParam,
    ProfileQueryParam,
    ProfileSummaryListOut,
    TrendingOut,
    TweetQueryParam,
    trending_out,
)
from adapters.http.schemas.pages import PageOut, page_out
from adapters.http.schemas.tweets import TweetOut, tweet_out
from adapters.http.services import use_case
from application.discovery.hashtags import HashtagTweets, TrendingTags
from application.discovery.people import FollowSuggestions, PublicTimeline
from application.discovery.search import SearchProfiles, SearchTweets
from application.pagination import PageRequest


@get(
    "/api/v1/hashtags/{tag:str}/tweets",
    operation_id="listHashtagTweets",
    summary="Tweets carrying the tag (any case, without #), newest first",
    tags=["discovery"],
    dependencies={"hashtag_tweets": use_case("hashtag_tweets")},
)
async def hashtag_tweets(
    request: AnyRequest,
    tag: FromPath[HashtagParam],
    hashtag_tweets: NamedDependency[HashtagTweets],
    limit: Limit = None,
    cursor: PageCursor = None,
) -> PageOut[TweetOut]:
    page = PageRequest.parse(limit, cursor)
    return page_out(await hashtag_tweets(tag, page, viewer_of(request)), tweet_out)


@get(
    "/api/v1/hashtags/trending",
    operation_id="trendingHashtags",
    summary="The 10 tags most tweets of the last 24 hours carry, most first, ties by tag",
    tags=["discovery"],
    dependencies={"trending_tags": use_case("trending_tags")},
)
async def trending_hashtags(trending_tags: NamedDependency[TrendingTags]) -> TrendingOut:
    return trending_out(await trending_tags())


@get(
    "/api/v1/timeline/public",
    operation_id="publicTimeline",
    summary="Everyone's tweets, replies left out, newest first",
    tags=["timeline"],
    dependencies={"public_timeline": use_case("public_timeline")},
)
async def public_timeline(
    request: AnyRequest,
    public_timeline: NamedDependency[PublicTimeline],
    limit: Limit = None,
    cursor: PageCursor = None,
) -> PageOut[TweetOut]:
    page = PageRequest.parse(limit, cursor)
    return page_out(await public_timeline(page, viewer_of(request)), tweet_out)


@get(
    "/api/v1/search/tweets",
    operation_id="searchTweets",
    summary="Tweets with every word (or word start), #tag and @name of q, newest first",
    tags=["discovery"],
    dependencies={"search_tweets": use_case("search_tweets")},
)
async def search_tweets(
    request: AnyRequest,
    q: TweetQueryParam,
    search_tweets: NamedDependency[SearchTweets],
    limit: Limit = None,
    cursor: PageCursor = None,
) -> PageOut[TweetOut]:
    page = PageRequest.parse(limit, cursor)
    return page_out(await search_tweets(q, page, viewer_of(request)), tweet_out)


@get(
    "/api/v1/search/profiles",
    operation_id="searchProfiles",
    summary="Profiles whose username or a display-name word starts with q, by username",
    tags=["discovery"],
    dependencies={"search_profiles": use_case("search_profiles")},
)
async def search_profiles(
    q: ProfileQueryParam,
    search_profiles: NamedDependency[SearchProfiles],
    limit: Limit = None,
    cursor: PageCursor = None,
) -> PageOut[ProfileSummaryOut]:
    page = PageRequest.parse(limit, cursor)
    return page_out(await search_profiles(q, page), summary_out)


@get(
    "/api/v1/me/suggestions",
    operation_id="followSuggestions",
    summary="Up to 20 profiles to follow, ranked by follows from the people you follow",
    tags=["discovery"],
    opt=SIGNED_IN_ONLY,
    security=BEARER_SECURITY,
    dependencies={"follow_suggestions": use_case("follow_suggestions")},
)
async def follow_suggestions(
    request: AnyRequest, follow_suggestions: NamedDependency[FollowSuggestions]
) -> ProfileSummaryListOut:
    found = await follow_suggestions(user_of(request))
    return ProfileSummaryListOut(items=[summary_out(p) for p in found])


DISCOVERY_ROUTES = [
    hashtag_tweets,
    trending_hashtags,
    public_timeline,
    search_tweets,
    search_profiles,
    follow_suggestions,
]
