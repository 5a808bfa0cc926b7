from __future__ import annotations

import msgspec
from litestar import Response, get
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec

from adapters.http.services import use_case
from application.health import CheckHealth


class HealthOut(msgspec.Struct):
    status: str


@get(
    "/health",
    operation_id="health",
    summary="200 once the database answers, 503 otherwise",
    tags=["operations"],
    dependencies={"check_health": use_case("check_health")},
    responses={503: ResponseSpec(HealthOut, description="The database does not answer")},
)
async def health(check_health: NamedDependency[CheckHealth]) -> Response[HealthOut]:
    if await check_health():
        return Response(HealthOut(status="ok"))
    return Response(HealthOut(status="unavailable"), status_code=503)
