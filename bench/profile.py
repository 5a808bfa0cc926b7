"""Where a scenario's time goes: py-spy samples every server worker while wrk drives one
scenario, and the samples are summed by layer (the share of samples whose stack holds
a frame of that layer) and by the functions that were on CPU themselves.

    .venv/bin/python bench/profile.py --quick --postgres --scenario tweet_anon

The server is `make run`'s (limits on, quotas raised) unless --limits-off; the raw
py-spy files stay in var/bench/profile/."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dataset import PostgresStore, SqliteStore  # noqa: E402
from bench.load import Load, run_wrk, write_scenario  # noqa: E402
from bench.run import DEFAULT_POSTGRES, FULL, QUICK, _scenarios, free_port  # noqa: E402
from bench.server import Server  # noqa: E402

PY_SPY = ROOT / ".venv" / "bin" / "py-spy"
SAMPLE_RATE = 200
# Each sample goes to the innermost frame of its stack that is in one of these layers
# (matched by file path, in this order); the abuse limits also get their inclusive share.
LAYERS = [
    ("abuse limits", ("rate_limits.py",)),
    ("logging (the access log)", ("structlog/", "logging/")),
    ("asyncpg", ("asyncpg/",)),
    ("aiosqlite / sqlite3", ("aiosqlite/", "sqlite3/")),
    ("SQLAlchemy", ("sqlalchemy/",)),
    ("msgspec", ("msgspec/",)),
    ("Litestar", ("litestar/",)),
    ("uvicorn / httptools", ("uvicorn/", "httptools/")),
    # py-spy names files relative to sys.path: Chirp's are domain/..., adapters/... .
    (
        "Chirp (domain, use cases, adapters, app)",
        ("domain/", "application/", "adapters/", "chirp/"),
    ),
]


def _layer(frame: str) -> str | None:
    return next((name for name, marks in LAYERS if any(m in frame for m in marks)), None)


def summarize(raw_files: list[Path], top: int = 10) -> str:
    """py-spy's raw format: one line per distinct stack, `frame;frame;... count`."""
    total = limits_inclusive = 0
    layers: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    for path in raw_files:
        for line in path.read_text().splitlines():
            stack, _, count_text = line.rpartition(" ")
            if not stack:
                continue
            count = int(count_text)
            total += count
            frames = stack.split(";")
            innermost = next(
                (layer for frame in reversed(frames) if (layer := _layer(frame))), "other"
            )
            layers[innermost] += count
            if any("rate_limits.py" in frame for frame in frames):
                limits_inclusive += count
            leaves[frames[-1]] += count
    lines = [
        f"{total} samples; the abuse limits are on the stack in {limits_inclusive / total:.1%}",
        "",
        "| innermost layer | share |",
        "|---|---:|",
    ]
    lines += [f"| {layer} | {count / total:.1%} |" for layer, count in layers.most_common()]
    lines += ["", "| on CPU itself (top functions) | share |", "|---|---:|"]
    lines += [
        f"| `{leaf.split(' (')[0]}` ({_short(leaf)}) | {count / total:.1%} |"
        for leaf, count in leaves.most_common(top)
    ]
    return "\n".join(lines)


def _short(frame: str) -> str:
    where = frame.rsplit(" (", 1)[-1].rstrip(")")
    return "/".join(where.split("/")[-2:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="tweet_anon")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--profiles", type=int, help="a data set of this size (as run.py)")
    parser.add_argument("--tweets", type=int)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--limits-off", action="store_true")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    arguments = parser.parse_args()
    directory = ROOT / "var" / "bench" / "profile"
    directory.mkdir(parents=True, exist_ok=True)
    store = (
        PostgresStore(arguments.postgres_url, directory.parent)
        if arguments.postgres
        else SqliteStore(directory.parent)
    )
    size = QUICK if arguments.quick else FULL
    size = replace(
        size,
        profiles=arguments.profiles or size.profiles,
        tweets=arguments.tweets or size.tweets,
    )
    url, subjects = store.prepare(size, reuse=True)
    limits = not arguments.limits_off
    with Server(url, free_port(), arguments.workers, directory, limits=limits) as server:
        found = [
            s
            for s in _scenarios(server, subjects, writes=True, only={arguments.scenario})
            if s.name == arguments.scenario
        ]
        if not found:
            raise SystemExit(f"no scenario named {arguments.scenario}")
        scenario = found[0]
        load = Load(scenario.connections or arguments.connections, 2, arguments.seconds, 0)
        script, data = write_scenario(directory, scenario.name, scenario.requests)
        run_wrk(server.base, script, data, replace(load, seconds=2), 2)  # warm-up
        label = f"{store.backend}-{scenario.name}-{'on' if limits else 'off'}"
        raw_files = [directory / f"{label}-{pid}.txt" for pid in server.worker_pids()]
        spies = [
            subprocess.Popen(
                [
                    str(PY_SPY),
                    "record",
                    "--pid",
                    str(pid),
                    "--duration",
                    str(arguments.seconds),
                    "--format",
                    "raw",
                    "--rate",
                    str(SAMPLE_RATE),
                    "--nonblocking",
                    "--output",
                    str(path),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for pid, path in zip(server.worker_pids(), raw_files, strict=True)
        ]
        measured = run_wrk(server.base, script, data, load, arguments.seconds)
        for spy in spies:
            spy.wait(timeout=arguments.seconds + 30)
    present = [path for path in raw_files if path.exists()]
    print(
        f"{scenario.title} on {store.backend}, limits {'on' if limits else 'off'}: "
        f"{measured.requests_per_second:,.0f} req/s, p50 {measured.p50_ms:.2f} ms, "
        f"p99 {measured.p99_ms:.2f} ms\n"
    )
    # py-spy samples only a thread on CPU (no --idle): samples / rate is CPU time.
    samples = sum(
        int(line.rpartition(" ")[2])
        for path in present
        for line in path.read_text().splitlines()
        if line.rpartition(" ")[0]
    )
    requests = measured.requests_per_second * arguments.seconds
    cpu_seconds = samples / SAMPLE_RATE
    print(
        f"workers on CPU {cpu_seconds / arguments.seconds:.2f} cores of {arguments.workers}; "
        f"{cpu_seconds / max(requests, 1) * 1e6:,.0f} us of worker CPU per request\n"
    )
    print(summarize(present))


if __name__ == "__main__":
    main()
