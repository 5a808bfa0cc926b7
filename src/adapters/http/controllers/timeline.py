"""The home timeline of the signed-in user."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency, Provide

from adapters.http.auth import BEARER_SECURITY, provide_user_id, requires_auth
from adapters.http.paging import PAGE
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
    guards=[requires_auth],
    security=BEARER_SECURITY,
    dependencies={
        "user_id": Provide(provide_user_id, sync_to_thread=False),
        "page": PAGE,
        "home_timeline": use_case("home_timeline"),
    },
)
async def home_timeline(
    user_id: NamedDependency[str],
    page: NamedDependency[PageRequest],
    home_timeline: NamedDependency[HomeTimeline],
) -> PageOut[EntryOut]:
    return page_out(await home_timeline(user_id, page), entry_out)
