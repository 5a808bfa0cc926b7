"""Named domain errors. Adapters translate them; the domain never knows about HTTP."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Base of every error the domain and the use cases raise on purpose."""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


class InvalidInput(DomainError):
    """One or more fields break a rule; every broken field is named."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems

    @classmethod
    def of(cls, field: str, message: str) -> InvalidInput:
        return cls([FieldProblem(field, message)])


class NotFound(DomainError):
    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found")
        self.what = what


class Conflict(DomainError):
    """A unique value is taken by someone else."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Forbidden(DomainError):
    """The caller is known but may not do this."""


class AuthenticationFailed(DomainError):
    """Wrong credentials, or a token that is unknown, expired or revoked."""


class TooManyAttempts(DomainError):
    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__("too many attempts, try again later")
        self.retry_after_seconds = max(1, retry_after_seconds)


class UnsupportedMedia(DomainError):
    """The bytes are not an image type Chirp accepts, whatever the client declared."""


def size_in_words(count: int) -> str:
    """5242880 -> "5 MiB", 65536 -> "64 KiB": a limit the way people read it."""
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"


class ContentTooLarge(DomainError):
    def __init__(self, limit_bytes: int, what: str = "the file") -> None:
        super().__init__(f"{what} is larger than {size_in_words(limit_bytes)}")
        self.limit_bytes = limit_bytes
