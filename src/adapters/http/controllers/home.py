"""`/` until the web client takes it over: a pointer to the API docs."""

from __future__ import annotations

from litestar import get
from litestar.response import Redirect


@get("/", include_in_schema=False, sync_to_thread=False)
def home() -> Redirect:
    return Redirect(path="/schema", status_code=302)
