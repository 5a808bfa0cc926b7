"""Tables of figures, and BENCHMARKS.md: one section per backend and one for scaling,
each replaced on its own so a run of one backend keeps the other's last figures."""

from __future__ import annotations

import os
import platform
import re
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench.load import Load, Measurement
from bench.scenarios import WRITE_CONNECTIONS, Scenario


@dataclass
class Row:
    scenario: Scenario
    measured: Measurement
    limits: bool = True  # measured on the server with the abuse limits on


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} cores ({cpu}), {memory_kib / 1024 / 1024:.1f} GiB RAM"


def versions(postgres_version: str | None) -> str:
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    parts = [
        f"Python {platform.python_version()}",
        f"Litestar {version('litestar')}",
        f"SQLAlchemy {version('sqlalchemy')}",
        f"uvicorn {version('uvicorn')}",
        f"SQLite {sqlite3.sqlite_version}",
    ]
    if postgres_version:
        parts.append(f"PostgreSQL {postgres_version}")
    if wrk:
        parts.append(wrk.split(" [")[0].replace("debian/", ""))
    return ", ".join(parts)


LIMITS = ("limit", "limit_again")


MAX_LIMITS_COST = 0.10


def limit_rate(rows: list[Row], *, limits: bool = True) -> float:
    """The limit's requests per second on one server: the mean of its measurements."""
    rates = [
        row.measured.requests_per_second
        for row in rows
        if row.scenario.name in LIMITS and row.limits == limits
    ]
    return sum(rates) / len(rates)


def _share(row: Row, limit: float) -> str:
    return f"{row.measured.requests_per_second / limit:.1%}"


def _verdict(row: Row, limit: float) -> str:
    target, p99_bound = row.scenario.target, row.scenario.p99_target_ms
    if target is None:
        return ""
    reached = row.measured.requests_per_second / limit >= target
    said = f"≥{target:.0%}"
    if p99_bound is not None:
        said += f", p99 ≤{p99_bound:g} ms"
        reached = reached and row.measured.p99_ms <= p99_bound
    if row.scenario.writes:
        reached = reached and _failures(row.measured) == 0
    return f"{said} {'met' if reached else 'MISSED'}"


def _failures(m: Measurement) -> int:
    return m.non_2xx + m.socket_errors + m.timeouts


def limits_cost(on: Row, off: Row) -> float:
    """What the limits take: the share of the limits-off rate lost with them on."""
    return 1 - on.measured.requests_per_second / off.measured.requests_per_second


def results_table(rows: list[Row]) -> str:
    """One row per scenario with the limits on (the defaults), followed by its row with
    them off when that server ran; ratios are to the bare endpoint of the same server."""
    limits = {True: limit_rate(rows)}
    if any(not row.limits for row in rows):
        limits[False] = limit_rate(rows, limits=False)
    lines = [
        "| scenario | req/s | of limit | target | p50 ms | p99 ms | server RSS MiB (own) "
        "| non-2xx | limits cost |",
        "|---|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    for index, row in enumerate(rows):
        m = row.measured
        cost = ""
        off = rows[index + 1] if index + 1 < len(rows) else None
        if row.limits and off is not None and not off.limits and off.scenario == row.scenario:
            share = limits_cost(row, off)
            verdict = "met" if share <= MAX_LIMITS_COST else "MISSED"
            cost = f"{share:+.1%} (≤{MAX_LIMITS_COST:.0%} {verdict})"
        title = row.scenario.title if row.limits else "↳ limits off"
        limit = limits[row.limits]
        lines.append(
            f"| {title} | {m.requests_per_second:,.0f} | {_share(row, limit)} | "
            f"{_verdict(row, limit)} | {m.p50_ms:.2f} | {m.p99_ms:.2f} | "
            f"{m.rss_mib:.0f} ({m.anonymous_rss_mib:.0f}) | {_failures(m)} | {cost} |"
        )
    return "\n".join(lines)


@dataclass
class Compared:
    """One read scenario on the small and on the large data set, measured in turns."""

    small: Scenario
    large: Scenario
    small_runs: list[Measurement]
    large_runs: list[Measurement]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def scaling_table(compared: list[Compared], small_label: str, large_label: str) -> str:
    lines = [
        f"| scenario | p50 ms, {small_label} | p50 ms, {large_label} | p50 ratio | "
        f"req/s, {small_label} | req/s, {large_label} | non-2xx | within 1.3x |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for c in compared:
        small_p50 = _mean([m.p50_ms for m in c.small_runs])
        large_p50 = _mean([m.p50_ms for m in c.large_runs])
        ratio = large_p50 / small_p50
        title = (
            c.large.title
            if c.large.title == c.small.title
            else (f"{c.large.title} ({c.small.title.rsplit(', ', 1)[-1]} at {small_label})")
        )
        lines.append(
            f"| {title} | {small_p50:.2f} | {large_p50:.2f} | {ratio:.2f} | "
            f"{_mean([m.requests_per_second for m in c.small_runs]):,.0f} | "
            f"{_mean([m.requests_per_second for m in c.large_runs]):,.0f} | "
            f"{sum(m.non_2xx for m in (*c.small_runs, *c.large_runs))} | "
            f"{'yes' if ratio <= 1.3 else 'NO'} |"
        )
    return "\n".join(lines)


def section(title: str, context: str, body: str, load: Load | None, *, on_off: bool = True) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    how = (
        f"; wrk {load.threads} threads, {load.connections} connections (writes: "
        f"{WRITE_CONNECTIONS}), {load.seconds} s per scenario and server after a "
        f"{load.warmup_seconds} s warm-up"
        + (
            "; the two servers (limits on, limits off) in turns on, off, off, on of half "
            "that each (mean req/s and p50, worst p99)"
            if on_off
            else ""
        )
        if load
        else ""
    )
    return f"## {title}\n\n{context}\n\nRun {stamp}{how}.\n\n{body}\n"


def replace_section(path: Path, key: str, content: str, header: str) -> None:
    """Puts `content` between the markers of section `key`, keeping every other one."""
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    block = f"{start}\n{content}{end}\n"
    text = path.read_text() if path.exists() else header
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text + "\n" + block
    path.write_text(text)
