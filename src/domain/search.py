"""What a search query asks for: words (matched as words or word starts), `#tag` terms
and `@name` terms. Queries are judged here, before storage is asked anything."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidInput
from domain.profile import USERNAME_PATTERN, username_key
from domain.rules import normalise_text
from domain.text_entities import case_fold, is_word_character, valid_hashtag

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
        """`#tag` and `@name` tokens that follow the tag and username rules are terms;
        everything else contributes its words. No word and no term -> InvalidInput."""
        text = normalise_text(q)
        if not 1 <= len(text) <= TWEET_QUERY_MAX:
            raise InvalidInput.of("q", f"must be 1-{TWEET_QUERY_MAX} characters")
        words: list[str] = []
        tags: list[str] = []
        names: list[str] = []
        for token in text.split():
            if token.startswith("#") and _is_tag(token[1:]):
                tags.append(valid_hashtag(token[1:], "q"))
            elif token.startswith("@") and USERNAME_PATTERN.fullmatch(token[1:]):
                names.append(username_key(token[1:]))
            else:
                words.extend(words_of(token))
        if not (words or tags or names):
            raise InvalidInput.of("q", "must contain a word, a #tag or an @name")
        return cls(
            words=tuple(dict.fromkeys(words)),
            hashtags=tuple(dict.fromkeys(tags)),
            mention_names=tuple(dict.fromkeys(names)),
        )


def _is_tag(candidate: str) -> bool:
    try:
        valid_hashtag(candidate)
    except InvalidInput:
        return False
    return True


def profile_query(q: str) -> str:
    """A profile search prefix: 1-30 characters after trimming, case-folded."""
    text = normalise_text(q)
    if not 1 <= len(text) <= PROFILE_QUERY_MAX:
        raise InvalidInput.of("q", f"must be 1-{PROFILE_QUERY_MAX} characters")
    return case_fold(text)
