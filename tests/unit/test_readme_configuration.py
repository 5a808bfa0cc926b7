"""The README's Configuration table lists every setting Chirp reads, with its default."""

from __future__ import annotations

import re
from pathlib import Path

import chirp.settings

ROOT = Path(__file__).resolve().parents[2]


def configuration_table() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z0-9_]+)` \| (.+?) \|", section, flags=re.MULTILINE)
    return dict(rows)


def variables_read() -> set[str]:
    source = Path(chirp.settings.__file__).read_text(encoding="utf-8")
    return set(re.findall(r'"((?:CHIRP_[A-Z0-9_]+)|PORT)"', source))


def test_every_variable_is_documented() -> None:
    documented = configuration_table()

    assert variables_read() - documented.keys() == set()
    assert documented.keys() - variables_read() == set(), "no row for a setting that is gone"


def test_documented_defaults_are_the_real_ones() -> None:
    documented = configuration_table()
    defaults = chirp.settings.Settings()

    assert documented["CHIRP_DATABASE_URL"] == f"`{defaults.database_url}`"
    assert documented["PORT"] == f"`{defaults.port}`"
    assert documented["CHIRP_ARGON2_MEMORY_KIB"] == f"`{defaults.argon2_memory_kib}`"
    assert documented["CHIRP_LOG_FORMAT"] == f"`{defaults.log_format}`"
    assert documented["CHIRP_TOKEN_LIFETIME_DAYS"] == f"`{defaults.token_lifetime_days}`"
