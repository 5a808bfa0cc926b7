"""OAuth 2 clients of the API: registered applications, scopes, authorization codes.

A token may carry scopes (an OAuth client asked for them); Chirp's own log-in issues
tokens without scopes, which keep full access."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.errors import DomainError, InvalidInput

OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob"
CODE_LIFETIME = timedelta(minutes=10)

TOP_SCOPES = frozenset({"read", "write", "follow", "push", "profile"})
GRANULAR = {
    "read": {
        "accounts",
        "blocks",
        "bookmarks",
        "favourites",
        "filters",
        "follows",
        "lists",
        "mutes",
        "notifications",
        "search",
        "statuses",
    },
    "write": {
        "accounts",
        "blocks",
        "bookmarks",
        "conversations",
        "favourites",
        "filters",
        "follows",
        "lists",
        "media",
        "mutes",
        "notifications",
        "reports",
        "statuses",
    },
}
# The legacy `follow` scope stands for these granular ones.
FOLLOW_IMPLIES = frozenset(
    {"read:follows", "write:follows", "read:blocks", "write:blocks", "read:mutes", "write:mutes"}
)


class OAuthError(DomainError):
    """A refused OAuth request; `code` is the RFC 6749 error name."""

    def __init__(self, code: str, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def parse_scopes(raw: str | None, *, default: str = "read") -> frozenset[str]:
    """Space- (or +-) separated scopes; an unknown one is refused, not ignored."""
    words = (raw or default).replace("+", " ").split()
    scopes = frozenset(words)
    for scope in scopes:
        family, _, detail = scope.partition(":")
        known = scope in TOP_SCOPES or (detail and detail in GRANULAR.get(family, set()))
        if not known:
            raise OAuthError("invalid_scope", f"the scope {scope!r} is not known")
    return scopes


def scopes_allow(granted: frozenset[str] | None, required: str) -> bool:
    """Whether a token with `granted` scopes may act where `required` is needed.
    None (Chirp's own tokens) allows everything; `write` covers `write:statuses`."""
    if granted is None:
        return True
    family, _, _detail = required.partition(":")
    return (
        required in granted
        or family in granted
        or ("follow" in granted and required in FOLLOW_IMPLIES)
        or (required == "profile" and "read" in granted)
    )


def scopes_within(wanted: frozenset[str], allowed: frozenset[str]) -> bool:
    """Whether an app registered for `allowed` may ask for every scope in `wanted`."""
    return all(scopes_allow(allowed, scope) for scope in wanted)


def check_redirect_uris(raw: str) -> tuple[str, ...]:
    uris = tuple(raw.split())
    if not uris:
        raise InvalidInput.of("redirect_uris", "must name at least one URI")
    for uri in uris:
        if uri != OUT_OF_BAND and "://" not in uri:
            raise InvalidInput.of("redirect_uris", f"{uri!r} is not an absolute URI")
    return uris


@dataclass(frozen=True)
class OAuthApp:
    id: str
    client_id: str
    secret_digest: str
    name: str
    redirect_uris: tuple[str, ...]
    scopes: frozenset[str]
    website: str | None
    created_at: datetime

    def accepts_redirect(self, uri: str) -> bool:
        return uri in self.redirect_uris


@dataclass(frozen=True)
class AuthorizationCode:
    """Handed to the browser once; stored only as a digest and taken away on first use."""

    digest: str
    app_id: str
    profile_id: str
    redirect_uri: str
    scopes: frozenset[str]
    code_challenge: str | None
    created_at: datetime
    expires_at: datetime

    def check_redeemable(
        self, app_id: str, redirect_uri: str, verifier: str | None, now: datetime
    ) -> None:
        if self.app_id != app_id or now >= self.expires_at:
            raise OAuthError("invalid_grant", "the code is invalid, used or expired")
        if redirect_uri != self.redirect_uri:
            raise OAuthError("invalid_grant", "redirect_uri differs from the authorization's")
        if self.code_challenge is not None and (
            verifier is None or not pkce_matches(self.code_challenge, verifier)
        ):
            raise OAuthError("invalid_grant", "the PKCE code_verifier does not match")


def pkce_challenge(verifier: str) -> str:
    """S256 (RFC 7636): base64url of SHA-256 of the verifier, without padding."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def pkce_matches(challenge: str, verifier: str) -> bool:
    return hmac.compare_digest(pkce_challenge(verifier), challenge)


@dataclass(frozen=True)
class AppToken:
    """A client_credentials token: it names an app, no user."""

    digest: str
    app_id: str
    scopes: frozenset[str]
    created_at: datetime
    revoked: bool = False
