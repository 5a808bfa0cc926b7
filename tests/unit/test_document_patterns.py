"""The patterns the document states for texts accept exactly what the domain accepts
(NFC aside: a pattern cannot count after normalisation, so the texts here are NFC)."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, get_args

from hypothesis import assume, given
from hypothesis import strategies as st

from adapters.http.schemas.rules import Bio, DisplayName, Email, TweetText, Username
from domain.errors import InvalidInput
from domain.profile import valid_bio, valid_display_name, valid_email, valid_username
from domain.tweet import valid_tweet_text


def pattern_of(kind: type[Annotated[str, ...]]) -> re.Pattern[str]:
    meta = get_args(kind)[1]
    return re.compile(meta.pattern)


def accepted(rule, value: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        rule(value)
    except InvalidInput:
        return False
    return True


TEXTS = st.one_of(
    st.text(max_size=300),
    st.builds(
        lambda a, b, c: a + b + c,
        st.text(" \t\n\u3000", max_size=3),
        st.text(),
        st.text(" \n", max_size=3),
    ),
)
FIELDS = [
    (Username, valid_username),
    (DisplayName, valid_display_name),
    (Bio, valid_bio),
    (Email, valid_email),
    (TweetText, lambda text: valid_tweet_text(text, has_media=True)),
]


@given(st.sampled_from(FIELDS), TEXTS)
def test_each_pattern_agrees_with_the_domain(field, text):
    kind, rule = field
    assume(unicodedata.is_normalized("NFC", text) and "\x00" not in text)
    # Python's `$` also matches before a final newline (ECMAScript's, which readers of the
    # document use, does not); the domain refuses such a username anyway.
    assume(not (kind is Username and text.endswith("\n")))
    assert bool(pattern_of(kind).search(text)) == accepted(rule, text), repr(text)
