from __future__ import annotations

from dataclasses import dataclass

from domain.profile import Profile


@dataclass(frozen=True)
class ProfileView:
    """A profile as one viewer sees it."""

    profile: Profile
    followed_by_me: bool = False
