"""Through real HTTP, against several `chirp serve` processes sharing one database:

- a crowd of concurrent clients likes, retweets, follows, tweets and deletes; afterwards no
  answer was a 5xx, every count equals its rows and what the clients were told, and
  `chirp check` finds nothing;
- a server is killed with SIGKILL in the middle of a write load and restarted; every write
  that got a 2xx is there, nothing is half written, and `chirp check` is clean.

Run on one SQLite file and on a fresh PostgreSQL database."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from adapters.persistence.sql.migrate import upgrade
from tests.support import databases
from tests.support.figures import record_figures
from tests.support.load import PASSWORD, Account, Crowd, gather_all
from tests.support.servers import run_chirp, server_environment, servers

pytestmark = pytest.mark.slow

USERS, ACTS_PER_USER, SERVERS = 12, 24, 3
WRITERS, ROUNDS, KILL_AFTER_ACKNOWLEDGED = 6, 16, 24


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
        databases.off_loop(upgrade, url)
        yield url
        return
    url = databases.create_postgres_database()
    yield url
    databases.drop_postgres_database(url)


def assert_integrity_clean(environment: dict[str, str]) -> None:
    result = run_chirp(environment, "check")
    assert result.returncode == 0, result.stdout + result.stderr


@dataclass
class Model:
    """What the clients were told, which the database must agree with afterwards."""

    likes: dict[tuple[str, str], bool] = field(default_factory=dict)
    retweets: dict[tuple[str, str], bool] = field(default_factory=dict)
    follows: dict[tuple[str, str], bool] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    maybe_gone: list[tuple[str, str]] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def live(self) -> list[str]:
        return [t for t in self.authors if t not in self.deleted]

    def who(self, relation: dict[tuple[str, str], bool], target: str) -> set[str]:
        return {actor for (actor, item), on in relation.items() if on and item == target}


async def _act(crowd: Crowd, me: Account, others: list[str], model: Model, hot: str) -> None:
    """One client's acts, one after another; clients run at the same time."""
    rng = random.Random(me.username)
    mine: list[str] = [t for t, author in model.authors.items() if author == me.username]
    for _ in range(ACTS_PER_USER):
        act = rng.choice(
            ["like", "unlike", "retweet", "undo", "follow", "unfollow", "tweet", "delete", "hot"]
        )
        tweet = hot if act == "hot" else rng.choice(list(model.authors))
        if act in ("like", "unlike", "retweet", "undo", "hot"):
            relation = model.retweets if act in ("retweet", "undo") else model.likes
            method = "DELETE" if act in ("unlike", "undo") else "PUT"
            path = f"/api/v1/tweets/{tweet}/{'retweet' if relation is model.retweets else 'like'}"
            answer = await crowd.call(method, path, headers=me.headers)
            if answer.status_code == 200:
                relation[(me.username, tweet)] = method == "PUT"
            elif answer.status_code == 404:
                model.maybe_gone.append((act, tweet))
            else:
                model.unexpected.append(f"{act} {answer.status_code}")
        elif act in ("follow", "unfollow"):
            other = rng.choice(others)
            method = "PUT" if act == "follow" else "DELETE"
            answer = await crowd.call(
                method, f"/api/v1/profiles/{other}/follow", headers=me.headers
            )
            if answer.status_code != 200:
                model.unexpected.append(f"{act} {answer.status_code}")
            model.follows[(me.username, other)] = act == "follow"
        elif act == "tweet":
            answer = await crowd.call(
                "POST", "/api/v1/tweets", json={"text": act}, headers=me.headers
            )
            if answer.status_code != 201:
                model.unexpected.append(f"tweet {answer.status_code}")
                continue
            model.authors[answer.json()["id"]] = me.username
            mine.append(answer.json()["id"])
        elif act == "delete" and mine:
            victim = mine.pop(rng.randrange(len(mine)))
            if victim != hot:
                answer = await crowd.call("DELETE", f"/api/v1/tweets/{victim}", headers=me.headers)
                if answer.status_code != 204:
                    model.unexpected.append(f"delete {answer.status_code}")
                model.deleted.add(victim)


async def _verify(crowd: Crowd, model: Model, names: list[str]) -> None:
    for tweet in model.live():
        shown = (await crowd.call("GET", f"/api/v1/tweets/{tweet}")).json()
        likers = {p["username"] for p in await crowd.all_pages(f"/api/v1/tweets/{tweet}/likes")}
        retweeters = {
            p["username"] for p in await crowd.all_pages(f"/api/v1/tweets/{tweet}/retweets")
        }
        assert likers == model.who(model.likes, tweet), tweet
        assert retweeters == model.who(model.retweets, tweet), tweet
        assert (shown["like_count"], shown["retweet_count"]) == (len(likers), len(retweeters))
    for tweet in model.deleted:
        assert (await crowd.call("GET", f"/api/v1/tweets/{tweet}")).status_code == 404
    assert {t for _, t in model.maybe_gone} <= model.deleted, "404 only for deleted tweets"
    for name in names:
        profile = (await crowd.call("GET", f"/api/v1/profiles/{name}")).json()
        followers = await crowd.all_pages(f"/api/v1/profiles/{name}/followers")
        following = await crowd.all_pages(f"/api/v1/profiles/{name}/following")
        assert {p["username"] for p in followers} == model.who(model.follows, name)
        assert len(following) == sum(on for (a, _), on in model.follows.items() if a == name)
        assert profile["followers_count"] == len(followers)
        assert profile["following_count"] == len(following)
        assert profile["tweets_count"] == sum(
            a == name for a in (model.authors[t] for t in model.live())
        )


async def _sessions_end_in_every_process(crowd: Crowd, leaver: Account, changer: Account) -> None:
    """Log-out and a password change through one process end the sessions in all."""
    first, *others = crowd.urls
    logout = await crowd.call("POST", "/api/v1/auth/logout", url=first, headers=leaver.headers)
    assert logout.status_code == 204
    other_login = await crowd.call(
        "POST", "/api/v1/auth/login", url=others[0],
        json={"username": changer.username, "password": PASSWORD},
    )  # fmt: skip
    other_session = {"Authorization": f"Bearer {other_login.json()['access_token']}"}
    change = await crowd.call(
        "POST", "/api/v1/me/password", url=first, headers=changer.headers,
        json={"current_password": PASSWORD, "new_password": "a brand new one"},
    )  # fmt: skip
    assert change.status_code == 204
    for url in crowd.urls:
        me = await crowd.call("GET", "/api/v1/me", url=url, headers=leaver.headers)
        assert me.status_code == 401
        me = await crowd.call("GET", "/api/v1/me", url=url, headers=other_session)
        assert me.status_code == 401
        me = await crowd.call("GET", "/api/v1/me", url=url, headers=changer.headers)
        assert me.status_code == 200


async def test_concurrent_clients_on_several_processes_keep_counts_equal_to_rows(
    shared_database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    environment = server_environment(shared_database, tmp_path)
    with servers(environment, tmp_path, SERVERS) as running:
        async with httpx.AsyncClient(timeout=60) as client:
            crowd = Crowd([server.url for server in running], client)
            names = [f"user{n}" for n in range(USERS)]
            accounts = await gather_all(*(crowd.sign_up(name) for name in names))
            model = Model()
            for account in accounts:
                for text in ("first", "second"):
                    answer = await crowd.call(
                        "POST", "/api/v1/tweets", json={"text": text}, headers=account.headers
                    )
                    model.authors[answer.json()["id"]] = account.username
            hot = next(iter(model.authors))
            await gather_all(
                *(
                    _act(crowd, a, [n for n in names if n != a.username], model, hot)
                    for a in accounts
                )
            )
            await _verify(crowd, model, names)
            await _sessions_end_in_every_process(crowd, accounts[0], accounts[1])

    assert crowd.server_errors == []
    assert model.unexpected == []
    assert_integrity_clean(environment)
    record_figures(
        request.node.name,
        servers=SERVERS,
        concurrent_clients=USERS,
        requests=crowd.requests,
        acts=USERS * ACTS_PER_USER,
        statuses=dict(crowd.statuses),
    )


@dataclass
class CrashLedger:
    acknowledged_tweets: dict[str, tuple[str, str]] = field(default_factory=dict)
    acknowledged_likes: set[tuple[str, str]] = field(default_factory=set)
    attempted_texts: set[str] = field(default_factory=set)
    cut_by_the_kill: int = 0
    refused: int = 0
    unexpected: list[str] = field(default_factory=list)
    enough_acknowledged: asyncio.Event = field(default_factory=asyncio.Event)


async def _write_until_done(
    crowd: Crowd, me: Account, urls: list[str], target: str, ledger: CrashLedger
) -> None:
    for round_number in range(ROUNDS):
        url = urls[round_number % 2]
        text = f"{me.username} says {round_number}"
        ledger.attempted_texts.add(text)
        try:
            made = await crowd.call(
                "POST", "/api/v1/tweets", url=url, json={"text": text}, headers=me.headers
            )
            if made.status_code == 201:
                ledger.acknowledged_tweets[made.json()["id"]] = (me.username, text)
                if len(ledger.acknowledged_tweets) >= KILL_AFTER_ACKNOWLEDGED:
                    ledger.enough_acknowledged.set()
            else:
                ledger.unexpected.append(f"tweet {made.status_code}")
            liked = await crowd.call(
                "PUT", f"/api/v1/tweets/{target}/like", url=url, headers=me.headers
            )
            if liked.status_code == 200:
                ledger.acknowledged_likes.add((me.username, target))
        except httpx.ConnectError:
            ledger.refused += 1  # the killed server is gone: nothing was promised
        except httpx.TransportError:
            ledger.cut_by_the_kill += 1  # in flight when it died: nothing was promised
        await asyncio.sleep(0)


async def test_every_acknowledged_write_survives_a_server_killed_mid_load(
    shared_database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    environment = server_environment(shared_database, tmp_path)
    ledger = CrashLedger()
    with servers(environment, tmp_path, 2) as (victim, survivor):
        async with httpx.AsyncClient(timeout=60) as client:
            crowd = Crowd([survivor.url], client)
            writers = await gather_all(*(crowd.sign_up(f"writer{n}") for n in range(WRITERS)))
            target = (
                await crowd.call(
                    "POST", "/api/v1/tweets", json={"text": "like me"}, headers=writers[0].headers
                )
            ).json()["id"]

            async def kill_mid_load() -> None:
                await ledger.enough_acknowledged.wait()
                await asyncio.to_thread(victim.kill)

            await gather_all(
                kill_mid_load(),
                *(
                    _write_until_done(crowd, w, [victim.url, survivor.url], target, ledger)
                    for w in writers
                ),
            )
            victim.start()
            crowd.urls = [victim.url, survivor.url]
            for tweet, (author, text) in ledger.acknowledged_tweets.items():
                shown = (await crowd.call("GET", f"/api/v1/tweets/{tweet}")).json()
                assert (shown["author"]["username"], shown["text"]) == (author, text)
            likers = {
                p["username"] for p in await crowd.all_pages(f"/api/v1/tweets/{target}/likes")
            }
            assert {who for who, _ in ledger.acknowledged_likes} <= likers
            for writer in writers:
                entries = await crowd.all_pages(f"/api/v1/profiles/{writer.username}/tweets")
                texts = [e["tweet"]["text"] for e in entries]
                # A write the kill cut short is either whole or absent, never a fragment.
                assert set(texts) <= ledger.attempted_texts | {"like me"}
                assert len(texts) == len(set(texts))

    assert crowd.server_errors == []
    assert ledger.unexpected == []
    assert ledger.cut_by_the_kill + ledger.refused > 0, "the kill came before the load ended"
    assert_integrity_clean(environment)
    record_figures(
        request.node.name,
        writers=WRITERS,
        acknowledged_writes=len(ledger.acknowledged_tweets) + len(ledger.acknowledged_likes),
        cut_by_the_kill=ledger.cut_by_the_kill,
        refused_while_down=ledger.refused,
    )
