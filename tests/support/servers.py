"""Real `chirp serve` processes on free local ports, for tests that need real HTTP,
several processes on one database, and a process that can be killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

CHIRP = Path(sys.executable).with_name("chirp")
STARTUP_SECONDS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_environment(database_url: str, workdir: Path, **overrides: str) -> dict[str, str]:
    """Cheap hashing, limits high enough for a load test but still counted in the
    database, and everything else as in production."""
    environment = {
        **os.environ,
        "CHIRP_DATABASE_URL": database_url,
        "CHIRP_MEDIA_ROOT": str(workdir / "media"),
        "CHIRP_ARGON2_MEMORY_KIB": "256",
        "CHIRP_ARGON2_TIME_COST": "1",
        "CHIRP_LOG_FORMAT": "json",
        "CHIRP_RATE_LIMIT_BACKEND": "database",
        "CHIRP_RATE_LIMIT_SIGNUP": "100000/3600",
        "CHIRP_RATE_LIMIT_LOGIN": "100000/3600",
        "CHIRP_RATE_LIMIT_WRITE": "100000/60",
        "CHIRP_RATE_LIMIT_READ": "100000/60",
        # Tests that want the Mastodon API pick it a free port (8001 may be taken).
        "CHIRP_MASTODON_PORT": "off",
    }
    environment.update(overrides)
    return environment


def run_chirp(environment: Mapping[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHIRP), *arguments],
        env=dict(environment),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@dataclass
class Server:
    environment: dict[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(CHIRP), "serve", "--port", str(self.port)],
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self._wait_until_healthy()
        return self

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not start: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, no chance to finish or flush anything."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


@contextmanager
def servers(environment: dict[str, str], workdir: Path, count: int) -> Iterator[list[Server]]:
    started: list[Server] = []
    try:
        for number in range(count):
            started.append(Server(environment, workdir / f"server-{number}.log").start())
        yield started
    finally:
        for server in started:
            server.stop()
