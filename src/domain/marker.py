"""A reading position: the last item someone has seen in a timeline, kept for every
client they use (Mastodon's markers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import InvalidInput

TIMELINES = ("home", "notifications")


def check_timeline(name: str) -> str:
    if name not in TIMELINES:
        raise InvalidInput.of("timeline", f"must be one of {', '.join(TIMELINES)}")
    return name


@dataclass(frozen=True)
class Marker:
    profile_id: str
    timeline: str
    last_read_id: str
    version: int
    updated_at: datetime

    def moved_to(self, last_read_id: str, at: datetime) -> Marker:
        return Marker(self.profile_id, self.timeline, last_read_id, self.version + 1, at)
