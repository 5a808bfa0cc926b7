"""`make bench`: Chirp's hot endpoints against the framework's own limit, side by side.

Builds a data set through the bulk path into a fresh database, starts `chirp serve` with
one worker per core, drives it with wrk, prints the table and writes BENCHMARKS.md.
Run `.venv/bin/python bench/run.py --help` for the options."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import limiter_cost  # noqa: E402
from bench.dataset import CHIRP, PostgresStore, Size, SqliteStore, log  # noqa: E402
from bench.load import Load, Measurement, combined, run_wrk, write_scenario  # noqa: E402
from bench.report import (  # noqa: E402
    LIMITS,
    Compared,
    Row,
    machine,
    replace_section,
    results_table,
    scaling_table,
    section,
    versions,
)
from bench.scenarios import (  # noqa: E402
    Context,
    Scenario,
    limit,
    limit_again,
    log_in,
    registered,
)
from bench.server import Server  # noqa: E402
from bench.subjects import Subjects  # noqa: E402

FULL = Size(profiles=10_000, tweets=1_000_000)
QUICK = Size(profiles=1_000, tweets=10_000)
SCALING_TWEETS = 10_000
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
HEADER = """# Benchmarks

Produced by `make bench` (see bench/run.py); every figure below is from its last run.
Speed is judged as a share of the *limit*: a bare Litestar endpoint returning a constant
JSON object, served by the same server in the same run, so the ratios hold on a noisy
machine. Reads are GET requests at random ids, profiles and pages; writes go last.
"""


LIMITS_CONTEXT = """The limits-off rows above show the limits' cost through HTTP, on a noisy
machine. This is the same in process, without HTTP (bench/limiter_cost.py): one check of the
limiter `make run` uses (in-process counting, a batch to the shared store every 200 ms)
against the first release's write to the shared store on every request, both on a
raised quota across 100 keys. The batched figures include the batches' own cost."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def measure(
    servers: list[Server], scenarios: list[Scenario], load: Load, directory: Path
) -> list[Row]:
    """Each scenario on each server; with two servers (limits on and off) in turns, on,
    off, off, on, of half the time each, so a machine that gets busier or quieter
    meanwhile weighs on both alike."""
    rows = []
    turns = [0] if len(servers) == 1 else [0, 1, 1, 0]
    seconds = load.seconds if len(servers) == 1 else max(2, load.seconds // 2)
    for scenario in scenarios:
        script, data = write_scenario(directory, scenario.name, scenario.requests)
        scenario_load = replace(load, connections=scenario.connections or load.connections)
        runs: list[list[Measurement]] = [[] for _ in servers]
        for turn in turns:
            server = servers[turn]
            base = server.mastodon_base if scenario.api == "mastodon" else server.base
            if load.warmup_seconds and not runs[turn]:
                run_wrk(base, script, data, scenario_load, load.warmup_seconds)
            runs[turn].append(run_wrk(base, script, data, scenario_load, seconds))
        for server, measured_runs in zip(servers, runs, strict=True):
            measured = combined(measured_runs)
            measured.rss_mib, measured.anonymous_rss_mib = server.rss_mib()
            rows.append(Row(scenario, measured, limits=server.limits))
            title = scenario.title if server.limits else "  limits off"
            log(
                f"  {title:50} {measured.requests_per_second:9,.0f} req/s  "
                f"p50 {measured.p50_ms:7.2f} ms  p99 {measured.p99_ms:7.2f} ms  "
                f"non-2xx {measured.non_2xx}"
            )
    return rows


def check_counts(url: str) -> tuple[bool, str]:
    """`chirp check`: every stored count against its rows."""
    finished = subprocess.run(
        [str(CHIRP), "check"],
        env={**os.environ, "CHIRP_DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    return finished.returncode == 0, (finished.stdout + finished.stderr).strip()


def run_backend(
    store: SqliteStore | PostgresStore,
    size: Size,
    load: Load,
    arguments: argparse.Namespace,
    *,
    writes: bool,
) -> tuple[list[Row], str]:
    url, subjects = store.prepare(size, arguments.reuse)
    directory = arguments.directory / "run"
    directory.mkdir(parents=True, exist_ok=True)
    log(f"benchmarking {store.backend}, {size.profiles:,} profiles and {size.tweets:,} tweets")
    with ExitStack() as stack:
        servers = [
            stack.enter_context(
                Server(url, free_port(), arguments.workers, arguments.directory, limits=limits)
            )
            for limits in ((True, False) if arguments.limits_off else (True,))
        ]
        scenarios = _scenarios(servers[0], subjects, writes=writes, only=arguments.only)
        rows = measure(servers, scenarios, load, directory)
    notes = ""
    if any(row.scenario.writes for row in rows):
        clean, said = check_counts(url)
        server_errors = sum(row.measured.server_errors for row in rows)
        written = {
            r.scenario.name + ("" if r.limits else " (limits off)"): r.measured.statuses
            for r in rows
            if r.scenario.writes
        }
        notes = (
            f"After the writes `chirp check` says: {said.splitlines()[-1] if said else '?'} "
            f"({'exact' if clean else 'NOT exact'}). Answers of the writes by status: "
            f"{written}; 5xx: {server_errors}.\n"
        )
        log("  " + notes.strip())
    return rows, notes


def _scenarios(
    server: Server, subjects: Subjects, *, writes: bool, only: set[str] | None, again: bool = True
) -> list[Scenario]:
    context = Context(server, subjects, log_in(server, subjects))
    scenarios = [limit(), *registered("read", context)]
    if again:
        scenarios.append(limit_again())
    if writes:
        scenarios += registered("write", context)
    if only:
        scenarios = [s for s in scenarios if s.name in LIMITS or s.name in only]
    return scenarios


def run_scaling(
    size: Size, load: Load, arguments: argparse.Namespace, store: SqliteStore | PostgresStore
) -> list[Compared]:
    """The read scenarios on a small and on the large data set, both servers up, measured
    in turns (small, large, large, small), so a machine that gets busier or quieter
    meanwhile weighs on both sides alike."""
    small = replace(size, tweets=SCALING_TWEETS)
    turns = max(2, load.seconds // 2)
    log(f"scaling: reads at {small.tweets:,} and {size.tweets:,} tweets, {turns} s turns")
    with ExitStack() as stack:
        sides = []
        for each in (small, size):
            url, subjects = store.prepare(each, arguments.reuse)
            directory = arguments.directory / each.label
            directory.mkdir(parents=True, exist_ok=True)
            server = stack.enter_context(Server(url, free_port(), arguments.workers, directory))
            scenarios = _scenarios(server, subjects, writes=False, only=arguments.only, again=False)
            scripts = [write_scenario(directory, s.name, s.requests) for s in scenarios]
            sides.append((server, scenarios, scripts))
        compared = []
        for index in range(len(sides[0][1])):
            runs: list[list[Measurement]] = [[], []]
            for side in (0, 1, 1, 0):
                server, scenarios, scripts = sides[side]
                script, data = scripts[index]
                api = scenarios[index].api
                base = server.mastodon_base if api == "mastodon" else server.base
                if load.warmup_seconds:
                    run_wrk(base, script, data, load, load.warmup_seconds)
                runs[side].append(run_wrk(base, script, data, load, turns))
            compared.append(Compared(sides[0][1][index], sides[1][1][index], *runs))
            log(
                f"  {sides[1][1][index].title:45} p50 "
                f"{sum(m.p50_ms for m in runs[0]) / 2:6.2f} ms -> "
                f"{sum(m.p50_ms for m in runs[1]) / 2:6.2f} ms"
            )
    return compared


def _scaling_section(
    store: SqliteStore | PostgresStore, size: Size, load: Load, arguments: argparse.Namespace
) -> None:
    compared = run_scaling(size, load, arguments, store)
    table = scaling_table(compared, f"{SCALING_TWEETS:,} tweets", f"{size.tweets:,}")
    title = "SQLite" if store.backend == "sqlite" else "PostgreSQL"
    print(f"\nscaling ({title})\n{table}\n")
    context = (
        f"The read scenarios on {title} at {SCALING_TWEETS:,} and at {size.tweets:,} tweets "
        f"(both {size.profiles:,} profiles, the same follow graph), both servers up and "
        f"measured in turns (small, large, large, small; p50 is the mean of the two "
        f"turns). First pages are of profiles with a full page at both sizes; a deep "
        f"page is as deep as the busiest profiles go (fewer pages at 10,000 tweets)."
        f"\n\nMachine: {machine()}."
    )
    name = "scaling" if store.backend == "sqlite" else f"scaling-{store.backend}"
    replace_section(
        arguments.output,
        name,
        section(
            f"Scaling on {title}: p50 at {SCALING_TWEETS:,} vs {size.tweets:,} tweets",
            context,
            table,
            load,
            on_off=False,
        ),
        HEADER,
    )


def postgres_version(url: str) -> str:
    from adapters.persistence.sql.engine import create_engine

    async def ask() -> str:
        engine = create_engine(url, pool_size=1)
        try:
            async with engine.connect() as connection:
                return str((await connection.exec_driver_sql("SHOW server_version")).scalar())
        finally:
            await engine.dispose()

    return asyncio.run(ask()).split(" ")[0]


def _context(store: SqliteStore | PostgresStore, size: Size, workers: int, pg: str | None) -> str:
    load_average = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{size.profiles:,} profiles, {size.tweets:,} tweets, about {size.likes_per_tweet:g} "
        f"likes and {size.retweets_per_tweet:g} retweets per tweet on a heavy-tailed share "
        f"of them, a heavy-tailed follow graph. Server: `chirp serve --workers {workers}` "
        f"(uvicorn, uvloop, httptools) on {store.backend}.\n\n"
        f"Machine: {machine()}; load average before the run {load_average}.\n"
        f"Versions: {versions(pg)}."
    )


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 profiles, 10,000 tweets")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL only")
    parser.add_argument("--both", action="store_true", help="SQLite, then PostgreSQL")
    parser.add_argument("--scaling", action="store_true", help="also reads at 10,000 tweets")
    parser.add_argument("--profiles", type=int)
    parser.add_argument("--tweets", type=int)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", help="comma-separated scenario names (the limit always runs)")
    parser.add_argument("--reuse", action="store_true", help="keep a data set built before")
    parser.add_argument(
        "--no-limits-off",
        dest="limits_off",
        action="store_false",
        help="skip the second server, with the abuse limits off",
    )
    parser.add_argument("--output", type=Path, help="default BENCHMARKS.md (quick: var/bench/)")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("CHIRP_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="a server where the benchmark may create databases",
    )
    arguments = parser.parse_args()
    arguments.directory = ROOT / "var" / "bench"
    arguments.only = set(arguments.only.split(",")) if arguments.only else None
    if arguments.output is None:
        quick = arguments.quick or arguments.profiles or arguments.tweets or arguments.only
        arguments.output = (
            arguments.directory / "BENCHMARKS.md" if quick else ROOT / "BENCHMARKS.md"
        )
    return arguments


def main() -> None:
    arguments = parse_arguments()
    size = QUICK if arguments.quick else FULL
    size = replace(
        size,
        profiles=arguments.profiles or size.profiles,
        tweets=arguments.tweets or size.tweets,
    )
    load = Load(arguments.connections, arguments.threads, arguments.seconds, arguments.warmup)
    arguments.directory.mkdir(parents=True, exist_ok=True)
    stores: list[SqliteStore | PostgresStore] = []
    if not arguments.postgres:
        stores.append(SqliteStore(arguments.directory))
    if arguments.postgres or arguments.both:
        stores.append(PostgresStore(arguments.postgres_url, arguments.directory))
    measured: list[SqliteStore | PostgresStore] = []
    for store in stores:
        pg = None
        if store.backend == "postgresql":
            try:
                pg = postgres_version(arguments.postgres_url)
            except Exception as error:  # any failure to connect: no server to measure
                log(f"PostgreSQL at {arguments.postgres_url} is not reachable ({error}): skipped")
                continue
        measured.append(store)
        context = _context(store, size, arguments.workers, pg)
        rows, notes = run_backend(store, size, load, arguments, writes=True)
        table = results_table(rows)
        print(f"\n{store.backend}\n{table}\n{notes}")
        title = "SQLite" if store.backend == "sqlite" else "PostgreSQL"
        body = f"{table}\n\n{notes}"
        replace_section(
            arguments.output, store.backend, section(title, context, body, load), HEADER
        )
    log("the limiter's own cost, in process")
    figures = asyncio.run(limiter_cost.measure())
    replace_section(
        arguments.output,
        "limits",
        section(
            "Abuse limits: what one request's check costs",
            LIMITS_CONTEXT + f"\n\nMachine: {machine()}.",
            limiter_cost.cost_table(figures),
            None,
        ),
        HEADER,
    )
    if arguments.scaling:
        for store in measured:
            _scaling_section(store, size, load, arguments)
    log(f"wrote {arguments.output}")


if __name__ == "__main__":
    main()
