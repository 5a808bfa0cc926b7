"""docs/API.md travels with the repository and stays equal to the binding contract,
shared/API.md beside the checkout (`../shared/API.md`; for a git worktree under a folder
of worktrees, `../../shared/API.md`). The test skips only when no shared copy is there,
e.g. in a clone taken without it, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COPY = ROOT / "docs" / "API.md"
SHARED = [ROOT.parent / "shared" / "API.md", ROOT.parent.parent / "shared" / "API.md"]


def test_the_repository_carries_the_contract() -> None:
    text = COPY.read_text(encoding="utf-8")

    assert "/api/v1" in text and "problem+json" in text
    assert "](docs/API.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_copy_equals_the_shared_contract() -> None:
    shared = next((path for path in SHARED if path.is_file()), None)
    if shared is None:
        pytest.skip(f"no shared/API.md beside this checkout (looked at {SHARED[0]})")

    assert COPY.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8"), (
        f"docs/API.md differs from {shared}: copy it over (cp {shared} docs/API.md)"
    )
