"""The profile: who someone is on Chirp, and the rules their fields obey."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from domain.errors import InvalidInput
from domain.rules import bounded_text

USERNAME_PATTERN = re.compile(r"[A-Za-z0-9_]{1,30}")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
DISPLAY_NAME_MAX = 50
BIO_MAX = 160
EMAIL_MAX = 254
PASSWORD_MIN = 8
PASSWORD_MAX = 128


def valid_username(value: str) -> str:
    if not USERNAME_PATTERN.fullmatch(value):
        raise InvalidInput.of("username", "must be 1-30 letters, digits or underscores")
    return value


def username_key(value: str) -> str:
    """Usernames are unique regardless of case; this is the form they are compared in."""
    return value.lower()


def valid_email(value: str) -> str:
    email = value.strip()
    if len(email) > EMAIL_MAX or not EMAIL_PATTERN.fullmatch(email):
        raise InvalidInput.of("email", "must be a valid email address")
    return email


def email_key(value: str) -> str:
    return value.strip().lower()


def valid_display_name(value: str) -> str:
    return bounded_text("display_name", value, minimum=1, maximum=DISPLAY_NAME_MAX)


def valid_bio(value: str) -> str:
    return bounded_text("bio", value, maximum=BIO_MAX)


def valid_password(value: str, field: str = "password") -> str:
    if not PASSWORD_MIN <= len(value) <= PASSWORD_MAX:
        raise InvalidInput.of(field, f"must be {PASSWORD_MIN}-{PASSWORD_MAX} characters long")
    return value


@dataclass(frozen=True)
class Profile:
    id: str
    username: str
    email: str
    display_name: str
    bio: str
    created_at: datetime
    password_hash: str
    picture_key: str | None = None
    followers_count: int = 0
    following_count: int = 0
    tweets_count: int = 0

    @classmethod
    def register(
        cls,
        *,
        id: str,
        username: str,
        email: str,
        password_hash: str,
        display_name: str | None,
        created_at: datetime,
    ) -> Profile:
        name = valid_username(username)
        return cls(
            id=id,
            username=name,
            email=valid_email(email),
            display_name=valid_display_name(display_name if display_name is not None else name),
            bio="",
            created_at=created_at,
            password_hash=password_hash,
        )

    @property
    def username_key(self) -> str:
        return username_key(self.username)

    @property
    def email_key(self) -> str:
        return email_key(self.email)

    def edited(
        self,
        *,
        username: str | None = None,
        display_name: str | None = None,
        bio: str | None = None,
        email: str | None = None,
    ) -> Profile:
        return replace(
            self,
            username=valid_username(username) if username is not None else self.username,
            display_name=(
                valid_display_name(display_name) if display_name is not None else self.display_name
            ),
            bio=valid_bio(bio) if bio is not None else self.bio,
            email=valid_email(email) if email is not None else self.email,
        )

    def with_password_hash(self, password_hash: str) -> Profile:
        return replace(self, password_hash=password_hash)

    def with_picture(self, picture_key: str | None) -> Profile:
        return replace(self, picture_key=picture_key)
