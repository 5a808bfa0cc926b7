"""`?limit=N&cursor=C` on every list endpoint, read into a PageRequest (422 when bad)."""

from __future__ import annotations

from typing import Annotated

from litestar.di import Provide
from litestar.params import Parameter

from application.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageRequest

# Query parameters of every list route; handlers on hot routes take them directly and
# call PageRequest.parse themselves (see adapters.http.services on why).
Limit = Annotated[
    int | None,
    Parameter(
        description=f"Items per page, 1-{MAX_LIMIT} (default {DEFAULT_LIMIT})",
        ge=1,
        le=MAX_LIMIT,
    ),
]
# Cursors are unpadded base64url; which ones exist only the server knows (422 otherwise).
PageCursor = Annotated[
    str | None,
    Parameter(description="next_cursor of the previous page", pattern=r"^[A-Za-z0-9_-]*$"),
]


def provide_page(limit: Limit = None, cursor: PageCursor = None) -> PageRequest:
    return PageRequest.parse(limit, cursor)


PAGE = Provide(provide_page, sync_to_thread=False)
