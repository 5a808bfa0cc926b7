"""The CPU one write costs in one process, without the network or the other workers:
the app of `make run` (limits on, quotas raised, access log on, into /dev/null) is
called through ASGI directly, one request after another, on a copy of a data set.

    .venv/bin/python bench/inprocess.py --database var/bench/pristine-3000p-100000t.db

Prints, per scenario, the median and the mean microseconds of one request over
--requests requests (best of --repeats rounds), and with --profile a cProfile of the
last round. Numbers are comparable before and after a change on the same machine even
while it is busy (the minimum of rounds filters out most of the interference)."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# As a script, sys.path[0] is bench/, whose profile.py would hide the standard one.
sys.path[0] = str(ROOT)

API = "/api/v1"


class Asgi:
    """Calls the app as uvicorn would, collecting the status and the body."""

    def __init__(self, app: Any) -> None:
        self._app = app

    async def request(
        self, method: str, path: str, token: str | None = None, body: bytes = b""
    ) -> tuple[int, bytes]:
        headers = [(b"host", b"127.0.0.1"), (b"user-agent", b"inprocess")]
        if token is not None:
            headers.append((b"authorization", f"Bearer {token}".encode()))
        if body:
            headers += [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 40000),
            "server": ("127.0.0.1", 8000),
            "state": {},
        }
        sent = False
        status = 0
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.sleep(3600)
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self._app(scope, receive, send)
        return status, b"".join(chunks)


def _settings(database: Path) -> Any:
    from bench.server import QUOTAS, RAISED_QUOTA

    os.environ["CHIRP_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["CHIRP_MEDIA_ROOT"] = str(database.parent / "media")
    os.environ["CHIRP_MASTODON_PORT"] = "off"
    os.environ["CHIRP_BENCH_LIMIT_ENDPOINT"] = "1"
    for name in QUOTAS:
        os.environ[f"CHIRP_RATE_LIMIT_{name}"] = RAISED_QUOTA
    from chirp.settings import Settings

    return Settings.from_env()


def _subjects(database: Path, count: int) -> tuple[list[str], list[str], list[str]]:
    connection = sqlite3.connect(database)
    try:
        tweets = [r[0] for r in connection.execute("SELECT id FROM tweets ORDER BY id")]
        names = [r[0] for r in connection.execute("SELECT username FROM profiles ORDER BY 1")]
    finally:
        connection.close()
    rng = random.Random(1)
    writers = rng.sample(names, count)
    followed = sorted(set(names) - set(writers))
    return rng.sample(tweets, 5000), writers, followed


Maker = Callable[[int], tuple[str, str, bytes]]


def scenarios(tweets: list[str], followed: list[str]) -> dict[str, Maker]:
    toggle = ("PUT", "DELETE")
    return {
        "like": lambda i: (
            toggle[i % 2],
            f"{API}/tweets/{tweets[(i // 2) % len(tweets)]}/like",
            b"",
        ),
        "retweet": lambda i: (
            toggle[i % 2],
            f"{API}/tweets/{tweets[(i // 2) % len(tweets)]}/retweet",
            b"",
        ),
        "post": lambda i: ("POST", f"{API}/tweets", b'{"text": "in process tweet %d"}' % i),
        "follow": lambda i: (
            toggle[i % 2],
            f"{API}/profiles/{followed[(i // 2) % len(followed)]}/follow",
            b"",
        ),
        "tweet": lambda i: ("GET", f"{API}/tweets/{tweets[i % len(tweets)]}", b""),
        "limit": lambda i: ("GET", f"{API}/bench/limit", b""),
    }


async def _round(
    asgi: Asgi, make: Maker, tokens: list[str], start: int, n: int
) -> tuple[list[float], float]:
    """Each request's wall time, and the process's CPU time per request."""
    times: list[float] = []
    cpu_began = time.process_time()
    for i in range(start, start + n):
        method, path, body = make(i)
        token = tokens[(i // 2) % len(tokens)]
        began = time.perf_counter()
        status, answer = await asgi.request(method, path, token, body)
        times.append(time.perf_counter() - began)
        if status >= 300:
            raise SystemExit(f"{method} {path}: {status} {answer[:300]!r}")
    return times, (time.process_time() - cpu_began) / n


async def main_async(arguments: argparse.Namespace) -> None:
    import cProfile
    import pstats

    work = Path(tempfile.mkdtemp(prefix="inprocess-", dir=arguments.work))
    database = work / "chirp.db"
    shutil.copyfile(arguments.database, database)
    settings = _settings(database)
    from chirp.app import create_app
    from chirp.logging import configure_logging
    from chirp.seeding import SEED_PASSWORD

    configure_logging(settings.log_format, stream=open(os.devnull, "w"))  # noqa: SIM115
    app = create_app(settings)
    tweets, writers, followed = _subjects(database, 20)
    async with app.lifespan():
        asgi = Asgi(app)
        tokens = []
        for name in writers:
            body = json.dumps({"username": name, "password": SEED_PASSWORD}).encode()
            status, answer = await asgi.request("POST", f"{API}/auth/login", body=body)
            assert status == 200, answer
            tokens.append(json.loads(answer)["access_token"])
        makers = scenarios(tweets, followed)
        for name in arguments.only.split(","):
            make = makers[name]
            await _round(asgi, make, tokens, 0, 200)  # warm-up
            best: list[float] | None = None
            cpu: list[float] = []
            start = 200
            profiler = cProfile.Profile() if arguments.profile else None
            for repeat in range(arguments.repeats):
                last = repeat == arguments.repeats - 1
                if profiler is not None and last:
                    profiler.enable()
                times, cpu_each = await _round(asgi, make, tokens, start, arguments.requests)
                cpu.append(cpu_each)
                if profiler is not None and last:
                    profiler.disable()
                start += arguments.requests
                if best is None or statistics.median(times) < statistics.median(best):
                    best = times
            assert best is not None
            print(
                f"{name:8} median {statistics.median(best) * 1e6:7.0f} us  "
                f"mean {statistics.fmean(best) * 1e6:7.0f} us  "
                f"p99 {sorted(best)[int(len(best) * 0.99)] * 1e6:7.0f} us  "
                f"CPU {min(cpu) * 1e6:7.0f} us (min of rounds; median {statistics.median(cpu) * 1e6:.0f})"
            )
            if profiler is not None:
                out = io.StringIO()
                stats = pstats.Stats(profiler, stream=out).sort_stats(arguments.sort)
                stats.print_stats(arguments.top)
                if arguments.callers:
                    stats.print_callers(arguments.callers)
                print(out.getvalue())
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--work", default=tempfile.gettempdir())
    parser.add_argument("--only", default="like,retweet,post,follow")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--callers", help="also who calls the functions matching this")
    arguments = parser.parse_args()
    try:
        import uvloop

        uvloop.run(main_async(arguments))
    except ImportError:
        asyncio.run(main_async(arguments))


if __name__ == "__main__":
    main()
