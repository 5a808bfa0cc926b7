"""The rules a tweet's text and its media obey."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import InvalidInput
from domain.media import Media, check_attachable
from domain.tweet import MAX_TWEET_LENGTH, Tweet, valid_tweet_text

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def fields_of(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [problem.field for problem in error.value.problems]


def compose(text: str, *, has_media: bool = False) -> Tweet:
    return Tweet.compose(id="t", author_id="a", text=text, has_media=has_media, created_at=NOW)


def test_the_text_is_stored_in_nfc_with_surrounding_whitespace_trimmed():
    tweet = compose("  \n cafe\u0301  au  lait \t")
    assert tweet.text == "caf\u00e9  au  lait"
    assert (tweet.like_count, tweet.retweet_count) == (0, 0)


def test_exactly_280_code_points_is_accepted_and_281_is_not():
    assert len(compose("a" * MAX_TWEET_LENGTH).text) == 280
    with pytest.raises(InvalidInput) as error:
        compose("a" * (MAX_TWEET_LENGTH + 1))
    assert fields_of(error) == ["text"]


def test_length_counts_code_points_not_bytes_or_utf16_units():
    emoji = "\U0001f426"  # one code point, four UTF-8 bytes, two UTF-16 units
    assert compose(emoji * 280).text == emoji * 280
    with pytest.raises(InvalidInput):
        compose(emoji * 281)


def test_length_is_counted_after_nfc_so_combining_marks_fold_in():
    decomposed = "e\u0301" * 280  # 560 code points before NFC, 280 after
    assert compose(decomposed).text == "\u00e9" * 280


def test_whitespace_around_the_limit_does_not_count():
    assert compose("   " + "b" * 280 + "\n\n").text == "b" * 280


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_an_empty_text_needs_media(text):
    with pytest.raises(InvalidInput) as error:
        compose(text)
    assert fields_of(error) == ["text"]
    assert compose(text, has_media=True).text == ""


def test_valid_tweet_text_returns_the_normalised_form():
    assert valid_tweet_text(" A\u030a ", has_media=False) == "\u00c5"


def a_media(n: int, owner: str = "alice", tweet_id: str | None = None) -> Media:
    return Media(
        id=f"m{n}",
        owner_id=owner,
        storage_key=f"key{n:08d}.png",
        content_type="image/png",
        width=1,
        height=1,
        size_bytes=10,
        created_at=NOW,
        tweet_id=tweet_id,
    )


def test_up_to_four_own_unused_media_may_be_attached():
    found = {m.id: m for m in (a_media(n) for n in range(4))}
    check_attachable(["m0", "m1", "m2", "m3"], found, "alice")
    check_attachable([], {}, "alice")


@pytest.mark.parametrize(
    ("media_ids", "found", "field"),
    [
        (["m0", "m1", "m2", "m3", "m4"], {f"m{n}": a_media(n) for n in range(5)}, "media_ids"),
        (["m0", "m0"], {"m0": a_media(0)}, "media_ids"),
        (["m0", "m9"], {"m0": a_media(0)}, "media_ids.1"),
        (["m0"], {"m0": a_media(0, owner="bob")}, "media_ids.0"),
        (["m0", "m1"], {"m0": a_media(0), "m1": a_media(1, tweet_id="t")}, "media_ids.1"),
    ],
    ids=["five", "twice", "unknown", "someone-elses", "already-used"],
)
def test_media_that_break_a_rule_are_named(media_ids, found, field):
    with pytest.raises(InvalidInput) as error:
        check_attachable(media_ids, found, "alice")
    assert fields_of(error) == [field]
