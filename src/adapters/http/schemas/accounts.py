"""Bodies of the accounts endpoints: what clients send and what they get back."""

from __future__ import annotations

from datetime import datetime

import msgspec
from msgspec import UNSET, UnsetType

from adapters.http.schemas.media import media_url
from adapters.http.schemas.rules import AnyText, Bio, DisplayName, Email, NewPassword, Username
from application.accounts.views import ProfileView
from domain.profile import Profile


class SignupIn(msgspec.Struct, forbid_unknown_fields=True):
    username: Username
    email: Email
    password: NewPassword
    display_name: DisplayName | None = None


class LoginIn(msgspec.Struct, forbid_unknown_fields=True):
    username: AnyText
    password: AnyText


class ProfilePatchIn(msgspec.Struct, forbid_unknown_fields=True):
    username: Username | UnsetType = UNSET
    display_name: DisplayName | UnsetType = UNSET
    bio: Bio | UnsetType = UNSET
    email: Email | UnsetType = UNSET


class PasswordChangeIn(msgspec.Struct, forbid_unknown_fields=True):
    current_password: AnyText
    new_password: NewPassword


class TokenOut(msgspec.Struct):
    access_token: str
    expires_at: datetime
    token_type: str = "bearer"


class ProfileSummaryOut(msgspec.Struct):
    username: str
    display_name: str
    picture_url: str | None


class ProfileOut(ProfileSummaryOut):
    bio: str
    created_at: datetime
    followers_count: int
    following_count: int
    tweets_count: int
    followed_by_me: bool


class MeOut(ProfileOut):
    """Only the owner of a profile ever sees its email."""

    email: str


def picture_url(picture_key: str | None) -> str | None:
    return media_url(picture_key) if picture_key else None


def summary_out(profile: Profile) -> ProfileSummaryOut:
    return ProfileSummaryOut(
        username=profile.username,
        display_name=profile.display_name,
        picture_url=picture_url(profile.picture_key),
    )


def profile_out(view: ProfileView) -> ProfileOut:
    p = view.profile
    return ProfileOut(
        username=p.username,
        display_name=p.display_name,
        picture_url=picture_url(p.picture_key),
        bio=p.bio,
        created_at=p.created_at,
        followers_count=p.followers_count,
        following_count=p.following_count,
        tweets_count=p.tweets_count,
        followed_by_me=view.followed_by_me,
    )


def me_out(profile: Profile) -> MeOut:
    public = profile_out(ProfileView(profile))
    return MeOut(**msgspec.structs.asdict(public), email=profile.email)
