"""Writers in several processes at once on one SQLite file, without the network: each
process runs the app of `make run` (limits on, quotas raised) and --concurrency loops
that call it through ASGI for --seconds, all starting together.

    .venv/bin/python bench/inprocess_load.py --database var/bench/pristine-3000p-100000t.db

Prints requests per second, p50 and p99 of a request, and where the write path waited:
time in BEGIN IMMEDIATE (SQLite's lock held by another connection: back-off sleeps) per
request. The mechanism figures (waits at SQLite's lock) hold up on a busy machine when
the throughput figures do not."""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # as a script, bench/ (whose profile.py hides the standard one)

from bench.inprocess import API, Asgi, _settings, _subjects, scenarios  # noqa: E402


async def _tokens(database: Path, writers: list[str]) -> list[str]:
    from chirp.app import create_app
    from chirp.seeding import SEED_PASSWORD

    app = create_app(_settings(database))
    tokens = []
    async with app.lifespan():
        asgi = Asgi(app)
        for name in writers:
            body = json.dumps({"username": name, "password": SEED_PASSWORD}).encode()
            status, answer = await asgi.request("POST", f"{API}/auth/login", body=body)
            assert status == 200, answer
            tokens.append(json.loads(answer)["access_token"])
    return tokens


def _worker(args: dict[str, Any], results: Any) -> None:
    import uvloop

    uvloop.run(_serve(args, results))


async def _serve(args: dict[str, Any], results: Any) -> None:
    from adapters.persistence.sql.writes import sqlite as write_path
    from chirp.app import create_app
    from chirp.logging import configure_logging

    database = Path(args["database"])
    settings = _settings(database)
    configure_logging(settings.log_format, stream=open(os.devnull, "w"))  # noqa: SIM115
    waited = [0.0, 0]  # seconds in BEGIN IMMEDIATE, BEGINs that found SQLite's lock taken
    begin = write_path.WriteSession.begin

    async def timed_begin(self: Any) -> None:
        began = time.perf_counter()
        sleeps_before = sleeps[0]
        await begin(self)
        waited[0] += time.perf_counter() - began
        waited[1] += sleeps[0] > sleeps_before

    sleeps = [0]
    real_sleep = asyncio.sleep

    async def counted_sleep(delay: float, *a: Any) -> Any:
        sleeps[0] += 1
        return await real_sleep(delay, *a)

    write_path.WriteSession.begin = timed_begin  # type: ignore[method-assign]
    write_path.asyncio = type(sys)("asyncio_counted")  # type: ignore[attr-defined]
    write_path.asyncio.__dict__.update(asyncio.__dict__)
    write_path.asyncio.sleep = counted_sleep
    app = create_app(settings)
    make = scenarios(args["tweets"], args["followed"])[args["scenario"]]
    tokens = args["tokens"]
    latencies: list[float] = []
    async with app.lifespan():
        asgi = Asgi(app)
        await asyncio.sleep(max(0.0, args["start"] - time.time()))
        until = time.time() + args["seconds"]

        async def loop(number: int) -> None:
            i = number * 1_000_003 + args["offset"]
            while time.time() < until:
                method, path, body = make(i)
                began = time.perf_counter()
                status, answer = await asgi.request(method, path, tokens[i % len(tokens)], body)
                latencies.append(time.perf_counter() - began)
                if status >= 300:
                    raise SystemExit(f"{method} {path}: {status} {answer[:300]!r}")
                i += 1

        await asyncio.gather(*(loop(n) for n in range(args["concurrency"])))
    results.put((latencies, waited[0], waited[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--work", default=tempfile.gettempdir())
    parser.add_argument("--scenario", default="like")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--writers", type=int, default=20)
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="inprocess-load-", dir=arguments.work))
    database = work / "chirp.db"
    shutil.copyfile(arguments.database, database)
    tweets, writers, followed = _subjects(database, arguments.writers)
    import uvloop

    tokens = uvloop.run(_tokens(database, writers))
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    start = time.time() + 8  # every process built and warm by then
    shared = {
        "database": str(database),
        "tweets": tweets,
        "followed": followed,
        "tokens": tokens,
        "scenario": arguments.scenario,
        "concurrency": arguments.concurrency,
        "seconds": arguments.seconds,
        "start": start,
    }
    processes = [
        context.Process(target=_worker, args=({**shared, "offset": n * 7919}, results))
        for n in range(arguments.processes)
    ]
    for process in processes:
        process.start()
    gathered = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join()
    latencies = sorted(x for got in gathered for x in got[0])
    waited = sum(got[1] for got in gathered)
    found_busy = sum(got[2] for got in gathered)
    count = len(latencies)
    print(
        f"{arguments.scenario}: {arguments.processes} processes x {arguments.concurrency}: "
        f"{count / arguments.seconds:,.0f} req/s, p50 {statistics.median(latencies) * 1e3:.2f} ms, "
        f"p99 {latencies[int(count * 0.99)] * 1e3:.2f} ms, max {latencies[-1] * 1e3:.1f} ms; "
        f"BEGIN IMMEDIATE found the lock taken in {found_busy} of {count} "
        f"({found_busy / count:.2%}), {waited / count * 1e6:.0f} us per request in BEGIN"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
