"""A PostgreSQL error code becomes the cause a person fixes, never "run migrate"."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from adapters.persistence.sql.diagnostics import explained

URL = "postgresql://chirp:hunter2@db.internal:5432/chirp"


class DriverError(Exception):
    def __init__(self, message: str, pgcode: str) -> None:
        super().__init__(message)
        self.pgcode = pgcode


@pytest.mark.parametrize(
    ("pgcode", "message", "expected"),
    [
        ("28P01", 'password authentication failed for user "chirp"',
         "password of the role 'chirp'"),
        ("28000", 'role "chirp" does not exist', "refuses the role 'chirp'"),
        ("3D000", 'database "chirp" does not exist', "no database 'chirp'"),
        ("3F000", 'schema "chirp" does not exist', "schema"),
        ("42501", "permission denied for schema public", "may not use"),
        ("42P01", 'relation "profiles" does not exist', "no Chirp tables yet"),
    ],
)  # fmt: skip
def test_each_cause_is_named(pgcode: str, message: str, expected: str) -> None:
    error = DBAPIError("SELECT 1", {}, DriverError(message, pgcode))

    problem = explained(error, URL)

    assert problem is not None
    assert expected in str(problem)
    assert "hunter2" not in str(problem)
    if pgcode != "42P01":
        assert "migrate" not in str(problem)
