"""Stored rows for the repository behaviour suites, with readable fixed ids."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.profile import Profile

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


def pid(n: int) -> str:
    return f"01P{n:023d}"


def a_profile(n: int) -> Profile:
    return Profile(
        id=pid(n),
        username=f"user_{n}",
        email=f"user{n}@example.com",
        display_name=f"User {n}",
        bio="",
        created_at=NOW,
        password_hash="$argon2id$fake",
    )
