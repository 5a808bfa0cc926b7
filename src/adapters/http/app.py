"""Building the Litestar application around a set of use cases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from litestar import Litestar
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from adapters.http.allowed_methods import list_allowed_methods, methods_by_handler
from adapters.http.controllers.accounts import AuthController, MeController
from adapters.http.controllers.discovery import DISCOVERY_ROUTES
from adapters.http.controllers.follows import FollowsController
from adapters.http.controllers.health import health
from adapters.http.controllers.media import MediaController, PictureController, media_bytes
from adapters.http.controllers.notifications import NotificationsController
from adapters.http.controllers.profile_tweets import ProfileTweetsController
from adapters.http.controllers.profiles import ProfilesController
from adapters.http.controllers.threads import ThreadsController
from adapters.http.controllers.timeline import home_timeline
from adapters.http.controllers.tweets import TweetsController
from adapters.http.docs_page import swagger_asset, swagger_page
from adapters.http.edge_checks import edge_checks
from adapters.http.openapi_responses import document_problems
from adapters.http.openapi_structs import ClosedDataclassSchemaPlugin, DocumentedStructSchemaPlugin
from adapters.http.problems import EXCEPTION_HANDLERS
from adapters.http.rate_limits import RateLimitPolicy, add_rate_limit_headers
from adapters.http.security_headers import add_security_headers, cors_config

JSON_BODY_LIMIT = 64 * 1024


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Chirp",
        version="1.0.0",
        description="A Twitter-like API. Log in, then press Authorize with the access token.",
        path="/schema",
        render_plugins=[swagger_page()],
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
    rate_limits: RateLimitPolicy | None = None,
    cors_origins: Sequence[str] = (),
    template_config: Any = None,
    before_send: Sequence[Any] = (),
) -> Litestar:
    app = Litestar(
        route_handlers=[
            AuthController,
            MeController,
            ProfilesController,
            FollowsController,
            NotificationsController,
            TweetsController,
            ProfileTweetsController,
            home_timeline,
            ThreadsController,
            *DISCOVERY_ROUTES,
            MediaController,
            PictureController,
            media_bytes,
            health,
            swagger_asset,
            *extra_route_handlers,
        ],
        guards=[edge_checks],
        before_send=[
            add_security_headers,
            add_rate_limit_headers,
            list_allowed_methods,
            *before_send,
        ],
        template_config=template_config,
        cors_config=cors_config(cors_origins),
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=openapi_config(),
        plugins=[DocumentedStructSchemaPlugin(), ClosedDataclassSchemaPlugin()],
        request_max_body_size=JSON_BODY_LIMIT,
        lifespan=list(lifespan),
        middleware=list(middleware),
        debug=debug,
        # chirp.logging sets up the process's logging; Litestar's default would replace
        # the root handler every time an app is built.
        logging_config=None,
    )
    app.state.use_cases = use_cases
    app.state.rate_limits = rate_limits
    document_problems(app)
    app.state.allowed_methods = methods_by_handler(app)
    return app
