"""Which driver errors mean "the database is not there for a moment" (answered 503 with
Retry-After) rather than a fault of the server (500)."""

from __future__ import annotations

import asyncpg
import pytest

from adapters.persistence.sql.errors import translated
from adapters.persistence.sql.outage import is_unavailable
from application.ports.unit_of_work import StorageUnavailable


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.TooManyConnectionsError("sorry, too many clients already"),
        asyncpg.exceptions.AdminShutdownError("terminating connection"),
        asyncpg.CannotConnectNowError("the database system is starting up"),
        ConnectionRefusedError(111, "Connection refused"),
    ],
)
def test_a_database_out_of_reach_or_out_of_slots_is_unavailable(error: Exception) -> None:
    assert is_unavailable(error)
    assert isinstance(translated(error), StorageUnavailable)


def test_a_fault_of_the_statement_is_not_an_outage() -> None:
    error = asyncpg.exceptions.UndefinedTableError('relation "nope" does not exist')

    assert not is_unavailable(error)
    assert translated(error) is None
