"""Translating driver errors into what the use cases understand."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError

from adapters.persistence.sql.outage import is_unavailable
from application.ports.unit_of_work import StorageUnavailable, TransientConflict
from domain.errors import Conflict

# SQLite: locked/busy; PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
_TRANSIENT_MARKERS = (
    "database is locked",
    "database table is locked",
    "SQLITE_BUSY",
    "could not serialize access",
    "deadlock detected",
    "SerializationError",
    "DeadlockDetectedError",
)
_TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03"}

_UNIQUE_FIELDS = {"username_key": "username", "email_key": "email"}


def is_transient(error: BaseException) -> bool:
    if not isinstance(error, DBAPIError):
        return False
    sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if sqlstate in _TRANSIENT_SQLSTATES:
        return True
    text = f"{type(error.orig).__name__} {error.orig}"
    return any(marker in text for marker in _TRANSIENT_MARKERS)


def translated(error: BaseException) -> BaseException | None:
    """The domain-level error to raise instead of a driver error, if there is one."""
    if isinstance(error, StorageUnavailable | TransientConflict):
        return None
    if is_unavailable(error):
        return StorageUnavailable(type(error).__name__)
    if is_transient(error):
        return TransientConflict(
            str(type(error.orig).__name__) if isinstance(error, DBAPIError) else ""
        )
    if isinstance(error, IntegrityError):
        text = str(error.orig)
        for column, field in _UNIQUE_FIELDS.items():
            if column in text:
                return Conflict(field, f"this {field} is taken")
    return None
