"""Read ports of conversations and discovery: threads, hashtags, trending, the public
timeline, suggestions and search. Each backend answers them with its own engine.

Pages follow the PageRequest rules of `application.ports.social` (up to `page.fetch`
rows, keyset-filtered in storage), in the order each method names. Ties on a moment are
broken by the id, in the same direction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.pagination import PageRequest
from domain.profile import Profile
from domain.tweet import Tweet

MAX_ANCESTORS = 100
TRENDING_SIZE = 10
SUGGESTIONS_SIZE = 20


@dataclass(frozen=True)
class TagCount:
    tag: str
    tweets: int


@dataclass(frozen=True)
class TweetSearch:
    """What a tweet must have to match. `words` are case-folded (see `domain.search`);
    each must equal a word of the text or be the start of one, case-insensitively.
    `hashtags` are folded tags the tweet must carry; `mention_ids` profiles it must
    mention. At least one of the three is non-empty."""

    words: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    mention_ids: tuple[str, ...] = ()


class ThreadQueries(Protocol):
    async def replies(self, tweet_id: str, page: PageRequest) -> list[Tweet]:
        """The direct replies of the tweet, OLDEST first: keyset (created_at, id)
        ascending, strictly after `page.after`."""
        ...

    async def ancestors(self, tweet_id: str, limit: int = MAX_ANCESTORS) -> list[Tweet]:
        """The tweets above `tweet_id`, root first: at most `limit`, the nearest ones. The
        chain stops below a tweet that no longer exists. SQL answers it in one bounded
        query (a recursive CTE cut at `limit` levels), not one per level."""
        ...


class DiscoveryQueries(Protocol):
    async def tagged(self, tag: str, page: PageRequest) -> list[Tweet]:
        """Tweets carrying the folded `tag`, newest first: keyset (created_at, id)."""
        ...

    async def trending(self, since: datetime, limit: int = TRENDING_SIZE) -> list[TagCount]:
        """The `limit` tags carried by most tweets written at or after `since`, most
        first, ties by tag ascending."""
        ...

    async def public(self, page: PageRequest) -> list[Tweet]:
        """Everyone's tweets that are not replies, newest first: keyset (created_at, id)."""
        ...

    async def suggestions(self, profile_id: str, limit: int = SUGGESTIONS_SIZE) -> list[Profile]:
        """Up to `limit` profiles `profile_id` does not follow (nor itself), ranked by how
        many of the profiles it follows follow them (descending), then followers_count
        (descending), then username key (ascending). With nobody followed every first
        key is 0, so the most followed come first."""
        ...


class SearchQueries(Protocol):
    async def tweets(self, search: TweetSearch, page: PageRequest) -> list[Tweet]:
        """Tweets matching every part of `search`, newest first: keyset (created_at, id)."""
        ...

    async def profiles(self, prefix: str, page: PageRequest) -> list[Profile]:
        """Profiles whose username starts with `prefix`, or whose display name has a word
        starting with it, case-insensitively (`prefix` comes case-folded). Ordered by
        username key ASCENDING; the keyset key is the username key (the cursor's moment
        is unused), strictly after `page.after.key`."""
        ...
