"""What a search query asks for: words (matched as words or word starts), `#tag` terms
and `@name` terms. Queries are judged here, before storage is asked anything."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidInput
from domain.profile import username_key
from domain.rules import normalise_text
from domain.text_entities import (
    case_fold,
    hashtags,
    is_word_character,
    mention_names,
    without_entities,
)

TWEET_QUERY_MAX = 200
PROFILE_QUERY_MAX = 30


def words_of(text: str) -> list[str]:
    """The runs of word characters, case-folded: what a query word is matched against."""
    words: list[str] = []
    current: list[str] = []
    for ch in text + " ":
        if is_word_character(ch):
            current.append(ch)
        elif current:
            words.append(case_fold("".join(current)))
            current = []
    return words


@dataclass(frozen=True)
class TweetQuery:
    words: tuple[str, ...]
    hashtags: tuple[str, ...]
    mention_names: tuple[str, ...]

    @classmethod
    def parse(cls, q: str) -> TweetQuery:
        """`#tag` and `@name` terms are found as in a tweet's text (same rules, same
        boundaries); the rest contributes its words. No word and no term -> InvalidInput."""
        text = normalise_text(q)
        if not 1 <= len(text) <= TWEET_QUERY_MAX:
            raise InvalidInput.of("q", f"must be 1-{TWEET_QUERY_MAX} characters")
        query = cls(
            words=tuple(dict.fromkeys(words_of(without_entities(text)))),
            hashtags=tuple(hashtags(text)),
            mention_names=tuple(username_key(name) for name in mention_names(text)),
        )
        if not (query.words or query.hashtags or query.mention_names):
            raise InvalidInput.of("q", "must contain a word, a #tag or an @name")
        return query


def profile_query(q: str) -> str:
    """A profile search prefix: 1-30 characters after trimming, case-folded."""
    text = normalise_text(q)
    if not 1 <= len(text) <= PROFILE_QUERY_MAX:
        raise InvalidInput.of("q", f"must be 1-{PROFILE_QUERY_MAX} characters")
    return case_fold(text)
