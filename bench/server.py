"""The server under test: `chirp serve` as `make run` starts it, one worker per core,
with the abuse limits on (quotas raised) or, to show what they cost, off."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench.dataset import CHIRP

LIMIT_PATH = "/api/v1/bench/limit"


QUOTAS = ("SIGNUP", "LOGIN", "WRITE", "READ")
# Far above what one load generator sends in a window: the limits count every request,
# as they do for users, and never answer 429.
RAISED_QUOTA = "1000000000/60"
STARTUP_SECONDS = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment(
    database_url: str,
    port: int,
    media_root: Path,
    *,
    limits: bool = True,
    mastodon_port: int | None = None,
) -> dict[str, str]:
    """The settings of `make run` (limits at their default backend, access log on) but
    for the quotas: raised so the one client address never trips them, or off."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("CHIRP_RATE_LIMIT_") and name != "CHIRP_LOG_FORMAT"
    }
    quota = RAISED_QUOTA if limits else "off"
    return {
        **inherited,
        "CHIRP_DATABASE_URL": database_url,
        "PORT": str(port),
        "CHIRP_MEDIA_ROOT": str(media_root),
        "CHIRP_BENCH_LIMIT_ENDPOINT": "1",
        # The Mastodon API on a port of its own (8001, its default, may be taken).
        "CHIRP_MASTODON_PORT": str(mastodon_port) if mastodon_port else "off",
        **{f"CHIRP_RATE_LIMIT_{name}": quota for name in QUOTAS},
    }


def media_root_of(directory: Path, database_url: str) -> Path:
    """A media root per database: chirp serve refuses one that holds another's images."""
    return directory / "media" / hashlib.sha256(database_url.encode()).hexdigest()[:12]


class Server:
    def __init__(
        self, database_url: str, port: int, workers: int, directory: Path, *, limits: bool = True
    ) -> None:
        self.base = f"http://127.0.0.1:{port}"
        mastodon_port = free_port()
        self.mastodon_base = f"http://127.0.0.1:{mastodon_port}"
        self.limits = limits
        self._environment = server_environment(
            database_url,
            port,
            media_root_of(directory, database_url),
            limits=limits,
            mastodon_port=mastodon_port,
        )
        self._workers = workers
        self._log_path = directory / ("server.log" if limits else "server-limits-off.log")
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        log = self._log_path.open("wb")
        self._process = subprocess.Popen(
            [str(CHIRP), "serve", "--workers", str(self._workers)],
            env=self._environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        try:
            self._wait_until_up()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _wait_until_up(self) -> None:
        # Generous: on a loaded machine importing the app in every worker takes a while.
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"the server exited; see {self._log_path}")
            try:
                if self.get(LIMIT_PATH)[0] == 200 and len(self.worker_pids()) >= self._workers:
                    time.sleep(1.0)  # every worker, not only the first, has its app built
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(
            f"the server did not answer within {STARTUP_SECONDS} s; see {self._log_path}"
        )

    def request(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data, headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def get(self, path: str, token: str | None = None) -> tuple[int, Any]:
        return self.request("GET", path, token=token)

    def worker_pids(self) -> list[int]:
        assert self._process is not None
        if self._workers == 1:
            # uvicorn serves in its own process then (the Mastodon API runs beside it).
            return [self._process.pid]
        return _descendants(self._process.pid)

    def rss_mib(self) -> tuple[float, float]:
        """Resident memory of the server (the supervisor and every worker it started):
        all of it, and the part that is the processes' own (anonymous) memory; the rest
        is file pages shared with the OS page cache (SQLite's memory-mapped reads)."""
        assert self._process is not None
        total = anonymous = 0
        for pid in dict.fromkeys([self._process.pid, *self.worker_pids()]):
            try:
                status = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            figures = {
                line.split(":")[0]: int(line.split()[1])
                for line in status
                if line.startswith("Rss")
            }
            total += (
                figures.get("RssAnon", 0) + figures.get("RssFile", 0) + figures.get("RssShmem", 0)
            )
            anonymous += figures.get("RssAnon", 0)
        return total / 1024, anonymous / 1024


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces; fields after its closing parenthesis do not.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found
