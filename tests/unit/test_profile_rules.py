"""The rules a profile's fields obey, as properties over every string hypothesis can make."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.profile import (
    Profile,
    username_key,
    valid_bio,
    valid_display_name,
    valid_email,
    valid_password,
    valid_username,
)

USERNAME = re.compile(r"[A-Za-z0-9_]{1,30}")
NOW = datetime(2026, 1, 1, tzinfo=UTC)
usernames = st.from_regex(USERNAME, fullmatch=True)


@given(usernames)
def test_every_username_matching_the_pattern_is_accepted_as_typed(name: str) -> None:
    assert valid_username(name) == name


@given(st.text(max_size=40).filter(lambda s: not USERNAME.fullmatch(s)))
def test_every_other_username_is_refused_naming_the_field(name: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        valid_username(name)
    assert refused.value.problems[0].field == "username"


@given(usernames)
def test_username_keys_ignore_case(name: str) -> None:
    assert username_key(name) == username_key(name.upper()) == username_key(name.lower())


@given(st.text(min_size=8, max_size=128))
def test_passwords_of_8_to_128_characters_are_accepted(password: str) -> None:
    assert valid_password(password) == password


@given(st.one_of(st.text(max_size=7), st.text(min_size=129, max_size=200)))
def test_shorter_or_longer_passwords_are_refused(password: str) -> None:
    with pytest.raises(InvalidInput):
        valid_password(password)


def _normalised(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200)


@given(printable)
def test_display_names_are_accepted_exactly_when_1_to_50_characters_after_normalising(
    value: str,
) -> None:
    normalised = _normalised(value)
    if 1 <= len(normalised) <= 50:
        assert valid_display_name(value) == normalised
    else:
        with pytest.raises(InvalidInput):
            valid_display_name(value)


@given(printable)
def test_bios_are_accepted_exactly_up_to_160_characters_after_normalising(value: str) -> None:
    normalised = _normalised(value)
    if len(normalised) <= 160:
        assert valid_bio(value) == normalised
    else:
        with pytest.raises(InvalidInput):
            valid_bio(value)


def test_control_characters_are_refused_in_display_names() -> None:
    with pytest.raises(InvalidInput):
        valid_display_name("bell\x07")


@pytest.mark.parametrize("email", ["a@b.co", "first.last+tag@example.org", "x@sub.domain.io"])
def test_plausible_emails_are_accepted(email: str) -> None:
    assert valid_email(email) == email


@pytest.mark.parametrize("email", ["", "plain", "a@b", "a b@c.d", "@example.com", "a@@b.co"])
def test_implausible_emails_are_refused(email: str) -> None:
    with pytest.raises(InvalidInput):
        valid_email(email)


def test_register_defaults_the_display_name_to_the_username() -> None:
    profile = Profile.register(
        id="1",
        username="Ann",
        email="ann@example.com",
        password_hash="h",
        display_name=None,
        created_at=NOW,
    )
    assert profile.display_name == "Ann"
    assert (profile.followers_count, profile.following_count, profile.tweets_count) == (0, 0, 0)


def test_editing_keeps_unchanged_fields_and_validates_changed_ones() -> None:
    profile = Profile.register(
        id="1",
        username="Ann",
        email="ann@example.com",
        password_hash="h",
        display_name="Ann",
        created_at=NOW,
    )
    edited = profile.edited(bio=" hi ")
    assert (edited.bio, edited.username, edited.email) == ("hi", "Ann", "ann@example.com")
    with pytest.raises(InvalidInput):
        profile.edited(username="no way")
