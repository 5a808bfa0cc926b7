"""Building the Litestar application around a set of use cases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from litestar import Litestar
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

from adapters.http.auth import resolve_viewer
from adapters.http.controllers.accounts import AuthController, MeController
from adapters.http.controllers.health import health
from adapters.http.controllers.profiles import ProfilesController
from adapters.http.problems import EXCEPTION_HANDLERS

JSON_BODY_LIMIT = 64 * 1024


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Chirp",
        version="1.0.0",
        description="A Twitter-like API. Log in, then press Authorize with the access token.",
        path="/schema",
        render_plugins=[SwaggerRenderPlugin(path="/"), ScalarRenderPlugin(path="/scalar")],
        components=Components(
            security_schemes={
                "BearerToken": SecurityScheme(
                    type="http",
                    scheme="bearer",
                    description="access_token from POST /api/v1/auth/login",
                )
            }
        ),
    )


def build_app(
    use_cases: Any,
    *,
    extra_route_handlers: Sequence[Any] = (),
    lifespan: Sequence[Callable[[Litestar], AbstractAsyncContextManager[None]]] = (),
    middleware: Sequence[Any] = (),
    debug: bool = False,
) -> Litestar:
    app = Litestar(
        route_handlers=[
            AuthController,
            MeController,
            ProfilesController,
            health,
            *extra_route_handlers,
        ],
        guards=[resolve_viewer],
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=openapi_config(),
        request_max_body_size=JSON_BODY_LIMIT,
        lifespan=list(lifespan),
        middleware=list(middleware),
        debug=debug,
    )
    app.state.use_cases = use_cases
    return app
