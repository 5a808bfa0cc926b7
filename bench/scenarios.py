"""The scenarios: what each one asks the server for, and the share of the limit's
requests per second it is expected to reach.

Adding scenarios: put them in a module of their own, `bench/scenarios_<topic>.py`
(run.py imports every such module), as a function of the run's `Context` that returns
them, registered with one line:

    @register("read")  # or "write": writes run after every read
    def hashtag_pages(context: Context) -> list[Scenario]:
        return [Scenario("hashtag", "GET /hashtags/{tag}", Requests("GET", [...]), 0.25)]

Each scenario then runs on the server with the limits on and on the one with them off,
and gets its rows in BENCHMARKS.md. `--only name,...` picks scenarios by name."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from bench.load import Requests
from bench.server import LIMIT_PATH, Server
from bench.subjects import Subjects
from chirp.seeding import SEED_PASSWORD

API = "/api/v1"
DEEP_PAGE = 25
LOGINS_IN_PARALLEL = 8
WRITE_CONNECTIONS = 16
WRITE_P99_MS = 50.0


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    requests: Requests
    target: float | None = None  # share of the limit's req/s
    writes: bool = False
    connections: int | None = None  # None: the run's (wrk --connections)
    p99_target_ms: float | None = None
    api: Literal["chirp", "mastodon"] = "chirp"  # which of the server's two ports


@dataclass(frozen=True)
class Sessions:
    """Bearer tokens of the writers and of the two timeline readers."""

    writers: list[str]
    following_300: str
    following_2000: str


@dataclass(frozen=True)
class Context:
    """What a scenario builder may use: the server (limits on) to look things up, the
    subjects picked from the data set, and logged-in sessions."""

    server: Server
    subjects: Subjects
    sessions: Sessions


Phase = Literal["read", "write"]
Builder = Callable[[Context], list[Scenario]]
_REGISTRY: list[tuple[Phase, Builder]] = []


def register(phase: Phase) -> Callable[[Builder], Builder]:
    def add(builder: Builder) -> Builder:
        _REGISTRY.append((phase, builder))
        return builder

    return add


def registered(phase: Phase, context: Context) -> list[Scenario]:
    """Every registered scenario of the phase: this module's first, then each
    bench/scenarios_*.py in name order."""
    for module in sorted(Path(__file__).parent.glob("scenarios_*.py")):
        importlib.import_module(f"bench.{module.stem}")
    return [scenario for p, build in _REGISTRY if p == phase for scenario in build(context)]


def limit() -> Scenario:
    return Scenario("limit", "limit: bare Litestar JSON", Requests("GET", [LIMIT_PATH]))


def log_in(server: Server, subjects: Subjects) -> Sessions:
    def token(username: str) -> str:
        status, body = server.request(
            "POST", f"{API}/auth/login", {"username": username, "password": SEED_PASSWORD}
        )
        if status != 200:
            raise RuntimeError(f"log-in of {username} answered {status}: {body}")
        return str(body["access_token"])

    names = [*subjects.writers, subjects.following_300, subjects.following_2000]
    with ThreadPoolExecutor(LOGINS_IN_PARALLEL) as pool:
        tokens = list(pool.map(token, names))
    return Sessions(tokens[:-2], tokens[-2], tokens[-1])


def deep_pages(server: Server, usernames: list[str]) -> tuple[list[str], int]:
    """Paths of a deep, full page of each profile's tweets, found by following
    next_cursor the way a client scrolls (up to page DEEP_PAGE, or the last full one);
    and the page number reached by the shallowest of them."""
    paths, depth = [], DEEP_PAGE
    for username in usernames:
        base = f"{API}/profiles/{username}/tweets"
        path, page, full = base, 1, None
        while page <= DEEP_PAGE:
            status, body = server.get(path)
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status}")
            if body["next_cursor"] is None:
                break
            full = (path, page)  # a page with a next one is a full page
            path, page = f"{base}?cursor={quote(body['next_cursor'])}", page + 1
        # The deepest full page; on a small data set, where none is deeper than the
        # first, the last page (a partial one) is the deep page.
        deepest = full if full is not None and full[1] > 1 else (path, min(page, DEEP_PAGE))
        if deepest[1] > 1:
            paths.append(deepest[0])
            depth = min(depth, deepest[1])
    if not paths:
        raise RuntimeError("no profile has more than one page of tweets")
    return paths, depth


@register("read")
def first_release_reads(context: Context) -> list[Scenario]:
    subjects, sessions = context.subjects, context.sessions
    tweet_paths = [f"{API}/tweets/{tweet_id}" for tweet_id in subjects.tweet_ids]
    deep, depth = deep_pages(context.server, subjects.deep_usernames)
    return [
        Scenario(
            "tweet_anon",
            "GET /tweets/{id}, anonymous",
            Requests("GET", tweet_paths),
            target=0.50,
        ),
        Scenario(
            "tweet_auth",
            "GET /tweets/{id}, with a token",
            Requests("GET", tweet_paths, tokens=sessions.writers),
            target=0.35,
        ),
        Scenario(
            "profile_first",
            "GET /profiles/{name}/tweets, page 1",
            Requests("GET", [f"{API}/profiles/{u}/tweets" for u in subjects.usernames]),
            target=0.25,
        ),
        Scenario(
            "profile_deep",
            f"GET /profiles/{{name}}/tweets, page {depth}",
            Requests("GET", deep),
            target=0.25,
        ),
        Scenario(
            "timeline_300",
            f"GET /timeline, following {subjects.following_300_count}",
            Requests("GET", [f"{API}/timeline"], tokens=[sessions.following_300]),
            target=0.25,
        ),
        Scenario(
            "timeline_2000",
            f"GET /timeline, following {subjects.following_2000_count}",
            Requests("GET", [f"{API}/timeline"], tokens=[sessions.following_2000]),
            target=0.25,
        ),
    ]


def limit_again() -> Scenario:
    """The limit once more after the reads: two measurements of the yardstick, so a
    machine that got busier (or quieter) during the run shows in the table."""
    return Scenario("limit_again", "limit again, after the reads", Requests("GET", [LIMIT_PATH]))
