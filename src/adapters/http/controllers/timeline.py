"""The home timeline of the signed-in user."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency

from adapters.http.auth import BEARER_SECURITY, SIGNED_IN_ONLY, AnyRequest, user_of
from adapters.http.paging import Limit, PageCursor
from adapters.http.schemas.pages import PageOut, page_out
from adapters.http.schemas.tweets import EntryOut, entry_out
from adapters.http.services import use_case
from application.pagination import PageRequest
from application.tweets.timelines import HomeTimeline


@get(
    "/api/v1/timeline",
    operation_id="homeTimeline",
    summary="Your own and followed profiles' tweets and retweets, newest first",
    tags=["timeline"],
    opt=SIGNED_IN_ONLY,
    security=BEARER_SECURITY,
    dependencies={"home_timeline": use_case("home_timeline")},
)
async def home_timeline(
    request: AnyRequest,
    home_timeline: NamedDependency[HomeTimeline],
    limit: Limit = None,
    cursor: PageCursor = None,
) -> PageOut[EntryOut]:
    page = PageRequest.parse(limit, cursor)
    return page_out(await home_timeline(user_of(request), page), entry_out)
