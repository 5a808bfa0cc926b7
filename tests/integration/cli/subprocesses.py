"""The real `chirp` command in a subprocess, in a directory of the test's own."""

from __future__ import annotations

import asyncio
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support import databases
from tests.support.servers import run_chirp, server_environment


class Command:
    def __init__(self, database_url: str, workdir: Path) -> None:
        self.workdir = workdir
        self.environment = server_environment(database_url, workdir)

    def __call__(self, *arguments: str, **overrides: str) -> subprocess.CompletedProcess[str]:
        return run_chirp({**self.environment, **overrides}, *arguments)


def one_error_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Non-zero exit, no traceback, exactly one `Error:` line holding every fragment."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output
    for fragment in fragments:
        assert fragment in errors[0], output
    return errors[0]


@contextmanager
def own_postgres_database() -> Iterator[str]:
    """An empty database of this branch's name on the test server, dropped afterwards."""
    server = databases.postgres_server_url()
    name = f"newcomer_{uuid.uuid4().hex[:10]}"
    try:
        databases.off_loop(
            asyncio.run, databases._admin_execute(server, f'CREATE DATABASE "{name}"')
        )
    except Exception as error:
        databases.unavailable(f"PostgreSQL at {server} is not reachable ({error})")
    try:
        yield databases._with_database(server, name)
    finally:
        statement = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        databases.off_loop(asyncio.run, databases._admin_execute(server, statement))
