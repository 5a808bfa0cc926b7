"""Running a use case's transaction again when storage asks for it."""

from __future__ import annotations

import asyncio
import functools
import random
from collections.abc import Awaitable, Callable
from typing import ParamSpec, Protocol, TypeVar

from application.ports.unit_of_work import TransientConflict, UnitOfWork

P = ParamSpec("P")
T = TypeVar("T")


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        """A new transaction. `read_only` lets storage skip write locks for pure reads."""
        ...


MAX_ATTEMPTS = 12


def retry_on_conflict(run: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
    """A lock or serialisation failure is not the client's fault: try the whole
    transaction again with a jittered back-off before giving up."""

    @functools.wraps(run)
    async def retrying(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(MAX_ATTEMPTS):
            try:
                return await run(*args, **kwargs)
            except TransientConflict:
                if attempt == MAX_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(random.uniform(0, 0.002 * 2 ** min(attempt, 7)))
        raise AssertionError("unreachable")

    return retrying
