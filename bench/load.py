"""Driving the server with wrk, a compiled HTTP load generator, from its own process."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

LUA = Path(__file__).parent / "lua"


@dataclass(frozen=True)
class Load:
    connections: int = 32
    threads: int = 2
    seconds: int = 10
    warmup_seconds: int = 2


@dataclass(frozen=True)
class Requests:
    """What a scenario sends: random picks from these paths (and tokens, and a body
    template whose %d wrk fills with a random number)."""

    method: str
    paths: list[str]
    tokens: list[str] | None = None
    body: str | None = None
    count_statuses: bool = False
    methods: list[str] | None = None  # several: each request picks one at random


@dataclass
class Measurement:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    timeouts: int
    statuses: dict[str, int] = field(default_factory=dict)
    rss_mib: float = 0.0
    anonymous_rss_mib: float = 0.0

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status.startswith("5"))


def _lua_string(value: str) -> str:
    return json.dumps(value)  # ASCII ids, names, cursors and tokens: valid Lua literals


def _lua_list(values: list[str]) -> str:
    return "{" + ",".join(_lua_string(v) for v in values) + "}"


def write_scenario(directory: Path, name: str, requests: Requests) -> tuple[Path, Path]:
    """The wrk script and the data file it reads."""
    data = directory / f"{name}.data.lua"
    fields = [f"method = {_lua_string(requests.method)}", f"paths = {_lua_list(requests.paths)}"]
    if requests.tokens:
        fields.append(f"tokens = {_lua_list(requests.tokens)}")
    if requests.methods:
        fields.append(f"methods = {_lua_list(requests.methods)}")
    if requests.body:
        fields.append(f"body = {_lua_string(requests.body)}")
    data.write_text("return {" + ", ".join(fields) + "}\n")
    script = directory / f"{name}.lua"
    parts = [(LUA / "request.lua").read_text()]
    if requests.count_statuses:
        parts.append((LUA / "statuses.lua").read_text())
    script.write_text("\n".join(parts))
    return script, data


def run_wrk(base_url: str, script: Path, data: Path, load: Load, seconds: int) -> Measurement:
    command = [
        "wrk",
        f"-t{load.threads}",
        f"-c{load.connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base_url,
        "--",
        str(data),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next((line for line in finished.stdout.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{finished.stdout}\n{finished.stderr}")
    found = json.loads(line.removeprefix("BENCH "))
    return Measurement(
        requests_per_second=found["requests"] / (found["duration_us"] / 1e6),
        p50_ms=found["p50_us"] / 1000,
        p99_ms=found["p99_us"] / 1000,
        requests=found["requests"],
        non_2xx=found["non_2xx"],
        socket_errors=found["socket_errors"],
        timeouts=found["timeouts"],
        statuses={str(k): int(v) for k, v in found["statuses"].items()},
    )


def combined(runs: list[Measurement]) -> Measurement:
    """Turns of one scenario on one server as one measurement: the mean rate and p50,
    the worst p99, every request and status summed."""
    if len(runs) == 1:
        return runs[0]
    statuses: dict[str, int] = {}
    for run in runs:
        for status, count in run.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    return Measurement(
        requests_per_second=sum(r.requests_per_second for r in runs) / len(runs),
        p50_ms=sum(r.p50_ms for r in runs) / len(runs),
        p99_ms=max(r.p99_ms for r in runs),
        requests=sum(r.requests for r in runs),
        non_2xx=sum(r.non_2xx for r in runs),
        socket_errors=sum(r.socket_errors for r in runs),
        timeouts=sum(r.timeouts for r in runs),
        statuses=statuses,
    )
