"""The README's walk-through and pictures section, run as written (bash, curl, python3)
against a real `chirp serve` on a free port given only through PORT."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.servers import Server, server_environment

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("Walk-through with curl", "Pictures and images")


def json_answers(output: str) -> list[dict[str, Any]]:
    """The JSON objects curl printed (one after another, often without a newline)."""
    decoder, found, index = json.JSONDecoder(), [], output.find("{")
    while index != -1:
        try:
            value, end = decoder.raw_decode(output, index)
        except json.JSONDecodeError:
            end = index + 1
        else:
            found.append(value)
        index = output.find("{", end)
    return found


def shell_blocks(section: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", body, flags=re.DOTALL)
    assert blocks, f"no sh block in {section}"
    return "\n".join(blocks)


@pytest.mark.skipif(shutil.which("curl") is None, reason="the README's commands use curl")
@pytest.mark.timeout(120)
def test_the_walk_through_runs_as_written(sqlite_url: str, tmp_path: Path) -> None:
    server = Server(server_environment(sqlite_url, tmp_path), tmp_path / "server.log")
    (tmp_path / "docs").symlink_to(ROOT / "docs")  # the README runs from the repository root
    script = "set -e -o pipefail\n" + "\n".join(shell_blocks(s) for s in SECTIONS)
    server.start()
    try:
        result = subprocess.run(
            ["bash", "-c", script],
            cwd=tmp_path,
            env={**os.environ, "PORT": str(server.port)},
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    finally:
        server.stop()

    output = result.stdout
    assert result.returncode == 0, output + result.stderr
    answers = json_answers(output)
    profiles = [a for a in answers if a.get("username") == "alice"]
    assert any(a.get("bio") == "hello, world" for a in profiles), output
    assert re.search(r"\b204\n", output), "the log-out answered 204"
    assert any(a.get("picture_url") for a in profiles), "the picture was set"
    [tweet] = [a for a in answers if a.get("text") == "look"]
    assert len(tweet["media"]) == 2
    assert (tmp_path / "copy.png").read_bytes()[:4] in {b"\x89PNG", b"\xff\xd8\xff\xe0", b"RIFF"}
    assert "Error" not in result.stderr
