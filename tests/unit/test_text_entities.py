"""Mention and hashtag extraction and search queries: properties over any text, and the
examples API.md gives."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.notification import NotificationKind, conversation_notices
from domain.search import TweetQuery, profile_query
from domain.text_entities import (
    case_fold,
    hashtags,
    is_word_character,
    mention_names,
    valid_hashtag,
)
from domain.tweet import Tweet

AT = datetime(2026, 1, 1, tzinfo=UTC)
# Texts dense in the characters that matter, mixed with any character at all.
TRICKY = st.sampled_from([*"@#_aZz09 .,-\u00e9\u00df\u0301\u0130\u212a", "\U0001f600", "\u0661"])
TEXTS = st.text(alphabet=st.one_of(TRICKY, st.characters()), max_size=120)


def legal_around(text: str, start: int, end: int, sigil: str) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not any(is_word_character(ch) or ch == sigil for ch in (before, after))


def occurrences(text: str, sigil: str, run_length: int):
    for i, ch in enumerate(text):
        if ch == sigil:
            yield i, text[i + 1 : i + 1 + run_length]


@given(TEXTS)
def test_every_mention_appears_after_an_at_sign_at_a_legal_boundary(text):
    names = mention_names(text)
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert 1 <= len(name) <= 30 and name.isascii()
        assert any(
            run == name and legal_around(text, i, i + 1 + len(name), "@")
            for i, run in occurrences(text, "@", len(name))
        )


@given(TEXTS)
def test_every_hashtag_appears_folded_after_a_hash_at_a_legal_boundary(text):
    tags = hashtags(text)
    assert len(set(tags)) == len(tags)
    for tag in tags:
        assert any(
            1 <= len(run) <= 50
            and all(is_word_character(ch) for ch in run)
            and not run.isdecimal()
            and case_fold(run) == tag
            and legal_around(text, i, i + 1 + len(run), "#")
            for length in range(1, 51)
            for i, run in occurrences(text, "#", length)
        )


@given(st.text())
def test_case_folding_is_idempotent_and_folded_tags_are_their_own_fold(text):
    assert case_fold(case_fold(text)) == case_fold(text)
    for tag in hashtags(text):
        assert case_fold(tag) == tag


@given(st.lists(st.from_regex(r"[A-Za-z0-9_]{1,30}", fullmatch=True), max_size=12))
def test_names_separated_by_spaces_are_all_found_distinct_in_order(names):
    found = mention_names(" ".join(f"@{n}" for n in names))
    assert [n.lower() for n in found] == list(dict.fromkeys(n.lower() for n in names))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("mail a@b.com now", []),
        ("(@bob) and @alice.", ["bob", "alice"]),
        ("@@x @y@z @_", ["_"]),
        ("@" + "a" * 30, ["a" * 30]),
        ("@" + "a" * 31, []),
        ("@alicé @bob_", ["bob_"]),
        ("@Bob @bob @BOB", ["Bob"]),
        ("#@carol", ["carol"]),
    ],
)
def test_mention_examples(text, names):
    assert mention_names(text) == names


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("#123 is a number", []),
        ("#1a #a1 #_", ["1a", "a1", "_"]),
        ("#a#b x#y ##z", []),
        ("#Python, #PYTHON and #python!", ["python"]),
        ("#Straße #ÜBER", ["strasse", "über"]),
        ("#" + "t" * 50, ["t" * 50]),
        ("#" + "t" * 51, []),
        ("#日本語 #\u0661\u0662", ["日本語"]),
        ("#हिन्दी #İstanbul", ["हिन्दी", "i\u0307stanbul"]),
        (unicodedata.normalize("NFD", "#Café"), ["café"]),
    ],
)
def test_hashtag_examples(text, tags):
    assert hashtags(text) == tags


def test_a_named_tag_follows_the_same_rule():
    assert valid_hashtag("PyThon") == "python"
    for text in ("#İstanbul", "#हिन्दी", "#Straße"):
        [tag] = hashtags(text)
        assert valid_hashtag(tag) == tag  # what a tweet returns names its page
    for bad in ("", "123", "a-b", "x" * 51, "#x", "a b"):
        with pytest.raises(InvalidInput):
            valid_hashtag(bad)


def test_a_search_query_splits_into_words_tags_and_names():
    query = TweetQuery.parse("  Pyth, #Rust, @Alice don't #123 @bad-name x#y  ")
    assert query.words == ("pyth", "don", "t", "123", "name", "x", "y")
    assert query.hashtags == ("rust",)
    assert query.mention_names == ("alice", "bad")
    for bad in ("", "   ", "?!", "x" * 201):
        with pytest.raises(InvalidInput):
            TweetQuery.parse(bad)
    assert profile_query(" Al ") == "al"


@given(TEXTS)
def test_parsing_any_query_either_finds_a_term_or_refuses_on_q(text):
    try:
        query = TweetQuery.parse(text)
    except InvalidInput as error:
        assert [p.field for p in error.problems] == ["q"]
    else:
        assert query.words or query.hashtags or query.mention_names


def tweet(**fields) -> Tweet:
    return Tweet(id="t", author_id="me", text="", created_at=AT, **fields)


def test_a_reply_notifies_the_answered_author_once_and_mentions_the_rest():
    notices = conversation_notices(
        tweet(in_reply_to_id="p", in_reply_to_author_id="ann", mention_ids=("ann", "me", "bo"))
    )
    assert notices == [("ann", NotificationKind.REPLY), ("bo", NotificationKind.MENTION)]
    own = conversation_notices(tweet(in_reply_to_id="p", in_reply_to_author_id="me"))
    assert own == []


def test_the_home_rule_for_replies():
    reply = tweet(in_reply_to_id="p", in_reply_to_author_id="ann")
    assert reply.shows_in_home_of("viewer", {"me", "ann"})
    assert not reply.shows_in_home_of("viewer", {"me"})
    assert reply.shows_in_home_of("ann", {"me"})
    assert reply.shows_in_home_of("me", set())
    assert tweet().shows_in_home_of("viewer", {"me"})
