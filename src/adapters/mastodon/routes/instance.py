"""What the server is: apps read the version to decide which features to use, so it
names the Mastodon API level Chirp speaks (Mastodon.py loops when it cannot parse it)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from litestar import get

from adapters.mastodon.requests import AnyRequest, base_url
from domain.media import MAX_MEDIA_PER_TWEET, MAX_UPLOAD_BYTES
from domain.oauth import GRANULAR, TOP_SCOPES
from domain.tweet import MAX_TWEET_LENGTH

MASTODON_API_LEVEL = "4.3.0"
IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]


def chirp_version() -> str:
    try:
        return ".".join(version("chirp").split(".")[:2])
    except PackageNotFoundError:
        return "0.1"


def version_string() -> str:
    return f"{MASTODON_API_LEVEL} (compatible; Chirp {chirp_version()})"


def configuration() -> dict[str, Any]:
    return {
        "urls": {"streaming": None},
        "accounts": {"max_featured_tags": 0, "max_pinned_statuses": 0},
        "statuses": {
            "max_characters": MAX_TWEET_LENGTH,
            "max_media_attachments": MAX_MEDIA_PER_TWEET,
            "characters_reserved_per_url": 23,
        },
        "media_attachments": {
            "supported_mime_types": IMAGE_TYPES,
            "image_size_limit": MAX_UPLOAD_BYTES,
            "image_matrix_limit": 16_777_216,
            "video_size_limit": 0,
            "video_frame_rate_limit": 0,
            "video_matrix_limit": 0,
            "description_limit": 1500,
        },
        "polls": {
            "max_options": 0,
            "max_characters_per_option": 0,
            "min_expiration": 0,
            "max_expiration": 0,
        },
        "translation": {"enabled": False},
    }


def _rules_and_host(request: AnyRequest) -> tuple[str, str]:
    base = base_url(request)
    return base, base.split("://", 1)[-1]


@get(["/api/v1/instance"], sync_to_thread=False)
def instance_v1(request: AnyRequest) -> dict[str, Any]:
    _base, host = _rules_and_host(request)
    return {
        "uri": host,
        "title": "Chirp",
        "short_description": "An open Twitter-like server",
        "description": "An open Twitter-like server",
        "email": "",
        "version": version_string(),
        "urls": {"streaming_api": None},
        "stats": {"user_count": 0, "status_count": 0, "domain_count": 0},
        "thumbnail": None,
        "languages": ["en"],
        "registrations": False,
        "approval_required": False,
        "invites_enabled": False,
        "configuration": configuration(),
        "contact_account": None,
        "rules": [],
    }


@get(["/api/v2/instance"], sync_to_thread=False)
def instance_v2(request: AnyRequest) -> dict[str, Any]:
    base, host = _rules_and_host(request)
    return {
        "domain": host,
        "title": "Chirp",
        "version": version_string(),
        "source_url": "https://example.invalid/chirp",
        "description": "An open Twitter-like server",
        "usage": {"users": {"active_month": 0}},
        "thumbnail": {"url": f"{base}/avatars/original/missing.png"},
        "icon": [],
        "languages": ["en"],
        "configuration": {**configuration(), "vapid": {"public_key": ""}},
        "registrations": {"enabled": False, "approval_required": False, "message": None},
        "api_versions": {"mastodon": 2},
        "contact": {"email": "", "account": None},
        "rules": [],
    }


@get("/.well-known/nodeinfo", sync_to_thread=False)
def nodeinfo_links(request: AnyRequest) -> dict[str, Any]:
    return {
        "links": [
            {
                "rel": "http://nodeinfo.diaspora.software/ns/schema/2.0",
                "href": f"{base_url(request)}/nodeinfo/2.0",
            }
        ]
    }


@get("/nodeinfo/2.0", sync_to_thread=False)
def nodeinfo(request: AnyRequest) -> dict[str, Any]:
    return {
        "version": "2.0",
        "software": {"name": "chirp", "version": chirp_version()},
        "protocols": [],
        "services": {"outbound": [], "inbound": []},
        "usage": {"users": {}, "localPosts": 0},
        "openRegistrations": False,
        "metadata": {"nodeName": "Chirp"},
    }


@get("/.well-known/oauth-authorization-server", sync_to_thread=False)
def oauth_metadata(request: AnyRequest) -> dict[str, Any]:
    """RFC 8414: where the OAuth endpoints are and what they support."""
    base = base_url(request)
    scopes = sorted(TOP_SCOPES) + sorted(
        f"{family}:{detail}" for family, details in GRANULAR.items() for detail in details
    )
    return {
        "issuer": f"{base}/",
        "authorization_endpoint": f"{base}/oauth/authorize",
        "token_endpoint": f"{base}/oauth/token",
        "revocation_endpoint": f"{base}/oauth/revoke",
        "app_registration_endpoint": f"{base}/api/v1/apps",
        "scopes_supported": scopes,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "code_challenge_methods_supported": ["S256"],
        "grant_types_supported": [
            "authorization_code",
            "password",
            "client_credentials",
        ],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "none",
        ],
        "service_documentation": "https://docs.joinmastodon.org/",
    }


ROUTES = [instance_v1, instance_v2, nodeinfo_links, nodeinfo, oauth_metadata]
