"""`chirp --help` (and each command's) imports no framework or driver: they load only in
the commands that need them, so help answers at once. Checked on sys.modules in a fresh
interpreter rather than timed, which would be flaky on a busy machine."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ["litestar", "sqlalchemy", "alembic", "asyncpg", "aiosqlite", "uvicorn", "PIL",
         "dependency_injector", "redis", "argon2", "msgspec", "structlog"]  # fmt: skip

PROBE = """
import sys
from chirp.cli import main
for arguments in (["--help"], ["serve", "--help"], ["migrate", "--help"], ["seed", "--help"]):
    try:
        main(arguments, prog_name="chirp")
    except SystemExit as exit:
        assert exit.code == 0, exit.code
heavy = {heavy!r}
print("imported:" + ",".join(name for name in heavy if name in sys.modules))
"""


def test_help_imports_no_framework_or_driver() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert "Usage: chirp" in result.stdout
    assert result.stdout.splitlines()[-1] == "imported:"
