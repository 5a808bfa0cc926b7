"""What one read-only unit of work has loaded already (an identity map).

Statements on the read path bring what the caller reads next along (a timeline page
its tweets and their media, a tweet its author and media, a viewer's likes their retweets), and the
repositories answer from here before they ask the database. It lives as long as the
unit of work: one snapshot on SQLite, where nothing it holds can change meanwhile."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.media import Media
from domain.profile import Profile
from domain.tweet import Tweet


@dataclass
class ViewerFlags:
    viewer_id: str
    tweet_ids: frozenset[str]
    retweeted: set[str]


@dataclass
class Loaded:
    tweets: dict[str, Tweet] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    media: dict[str, list[Media]] = field(default_factory=dict)  # by tweet, [] for none
    flags: ViewerFlags | None = None

    def clear(self) -> None:
        self.tweets.clear()
        self.profiles.clear()
        self.media.clear()
        self.flags = None
