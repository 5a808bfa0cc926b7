"""What apps ask for on start-up and Chirp does not have: answered with Mastodon's empty
or default values, never 404, so the apps carry on."""

from __future__ import annotations

from typing import Any

from litestar import get

from adapters.mastodon.auth import viewer_id
from adapters.mastodon.requests import AnyRequest


def _empty_list(path: str, scope: str) -> Any:
    async def handler(request: AnyRequest) -> list[Any]:
        await viewer_id(request, scope)
        return []

    handler.__name__ = "empty_" + path.strip("/").replace("/", "_")
    return get(path)(handler)


EMPTY_LISTS = [
    ("/api/v1/lists", "read:lists"),
    ("/api/v1/filters", "read:filters"),
    ("/api/v2/filters", "read:filters"),
    ("/api/v1/custom_emojis", "read"),
    ("/api/v1/announcements", "read"),
    ("/api/v1/followed_tags", "read:follows"),
    ("/api/v1/conversations", "read:statuses"),
    ("/api/v1/trends", "read"),
    ("/api/v1/trends/tags", "read"),
    ("/api/v1/trends/statuses", "read"),
    ("/api/v1/trends/links", "read"),
    ("/api/v1/blocks", "read:blocks"),
    ("/api/v1/mutes", "read:mutes"),
    ("/api/v1/domain_blocks", "read:blocks"),
    ("/api/v1/bookmarks", "read:bookmarks"),
    ("/api/v1/follow_requests", "read:follows"),
    ("/api/v1/endorsements", "read:accounts"),
    ("/api/v1/featured_tags", "read:accounts"),
    ("/api/v1/instance/peers", "read"),
    ("/api/v1/instance/rules", "read"),
    ("/api/v2/suggestions", "read"),
]


@get("/api/v1/preferences")
async def preferences(request: AnyRequest) -> dict[str, Any]:
    await viewer_id(request, "read:accounts")
    return {
        "posting:default:visibility": "public",
        "posting:default:sensitive": False,
        "posting:default:language": None,
        "reading:expand:media": "default",
        "reading:expand:spoilers": False,
    }


ROUTES = [*(_empty_list(path, scope) for path, scope in EMPTY_LISTS), preferences]
