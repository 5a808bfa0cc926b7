"""The read path builds profiles and tweets from rows without their generated __init__
(see adapters/persistence/sql/reads/rows.py): what it builds must equal what the
constructor builds, field for field, and the classes must keep nothing that skipping
__init__ would skip."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from adapters.persistence.sql.reads.rows import entry_of, profile_of, tweet_of
from application.ports.social import EntryRow
from domain.profile import Profile
from domain.tweet import Tweet

AT = datetime(2026, 3, 1, 12, 0, 0, 654321, tzinfo=UTC)
STORED_AT = "2026-03-01 12:00:00.654321"


def moment(value: str) -> datetime:
    assert value == STORED_AT
    return AT


@pytest.mark.parametrize("cls", [Profile, Tweet, EntryRow])
def test_the_classes_do_nothing_in_init_but_set_their_fields(cls: type) -> None:
    assert dataclasses.is_dataclass(cls)
    assert not hasattr(cls, "__post_init__")
    assert "__slots__" not in vars(cls)


def test_a_profile_row_builds_what_the_constructor_builds() -> None:
    row = ("x", "01P1", "Ann", "ann@x.org", "Ann A", "bio", STORED_AT, "$h", None, 3, 4, 5)

    built = profile_of(row, moment, at=1)

    expected = Profile(
        id="01P1",
        username="Ann",
        email="ann@x.org",
        display_name="Ann A",
        bio="bio",
        created_at=AT,
        password_hash="$h",
        picture_key=None,
        followers_count=3,
        following_count=4,
        tweets_count=5,
    )
    assert built == expected
    assert vars(built) == vars(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.bio = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("mentioned", "tagged", "mention_ids", "hashtags"),
    [("01P2 01P3", "python til", ("01P2", "01P3"), ("python", "til")), (None, None, (), ())],
)
def test_a_tweet_row_builds_what_the_constructor_builds(
    mentioned: str | None,
    tagged: str | None,
    mention_ids: tuple[str, ...],
    hashtags: tuple[str, ...],
) -> None:
    row = ("01T1", "01P1", "hi", STORED_AT, 1, 2, "01T0", "01P9", 3, mentioned, tagged)

    built = tweet_of(row, moment)

    expected = Tweet(
        id="01T1",
        author_id="01P1",
        text="hi",
        created_at=AT,
        like_count=1,
        retweet_count=2,
        in_reply_to_id="01T0",
        in_reply_to_author_id="01P9",
        reply_count=3,
        mention_ids=mention_ids,
        hashtags=hashtags,
    )
    assert built == expected
    assert vars(built) == vars(expected)
    assert hash(built) == hash(expected)


@pytest.mark.parametrize("retweeted_by_id", [None, "01P2"])
def test_an_entry_builds_what_the_constructor_builds(retweeted_by_id: str | None) -> None:
    built = entry_of("01T1", AT, "01R1", retweeted_by_id)

    expected = EntryRow("01T1", AT, "01R1", retweeted_by_id)
    assert built == expected
    assert vars(built) == vars(expected)
    assert hash(built) == hash(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.key = "changed"  # type: ignore[misc]
