"""The Mastodon client API (issue 14): the same reads as Chirp's own `tweet_*` and
`timeline_300` rows, through the second adapter with OAuth tokens. The target of each is
its Chirp counterpart's divided by 1.5: the adapter may cost at most 1.5x as much."""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from typing import Any

from bench.load import Requests
from bench.scenarios import Context, Scenario, register
from chirp.seeding import SEED_PASSWORD

MAX_COST = 1.5
STARTUP_SECONDS = 180


def _call(base: str, path: str, form: dict[str, str] | None = None) -> Any:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    with urllib.request.urlopen(base + path, data, timeout=30) as answer:
        return json.loads(answer.read())


def _wait_for(base: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            _call(base, "/api/v1/instance")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _oauth_tokens(base: str, usernames: list[str]) -> list[str]:
    app = _call(
        base,
        "/api/v1/apps",
        {"client_name": "bench", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob", "scopes": "read"},
    )
    grant = {"grant_type": "password", "password": SEED_PASSWORD, "scope": "read"}
    client = {"client_id": app["client_id"], "client_secret": app["client_secret"]}
    return [
        _call(base, "/oauth/token", {**grant, **client, "username": name})["access_token"]
        for name in usernames
    ]


@register("read")
def mastodon_reads(context: Context) -> list[Scenario]:
    subjects, base = context.subjects, context.server.mastodon_base
    _wait_for(base)
    *readers, timeline_reader = _oauth_tokens(base, [*subjects.writers[:4], subjects.following_300])
    statuses = [f"/api/v1/statuses/{tweet_id}" for tweet_id in subjects.tweet_ids]
    return [
        Scenario(
            "mastodon_status_anon",
            "Mastodon GET /api/v1/statuses/{id}, anonymous",
            Requests("GET", statuses),
            target=0.50 / MAX_COST,
            api="mastodon",
        ),
        Scenario(
            "mastodon_status_auth",
            "Mastodon GET /api/v1/statuses/{id}, OAuth token",
            Requests("GET", statuses, tokens=readers),
            target=0.35 / MAX_COST,
            api="mastodon",
        ),
        Scenario(
            "mastodon_home_300",
            f"Mastodon GET /api/v1/timelines/home, following {subjects.following_300_count}",
            Requests("GET", ["/api/v1/timelines/home"], tokens=[timeline_reader]),
            target=0.25 / MAX_COST,
            api="mastodon",
        ),
    ]
