"""Figures of a test run (requests fuzzed, clients, writes that survived a kill) for the
README's Security section. Set CHIRP_SECURITY_FIGURES to a file to collect them; each
test appends one JSON line. Without it nothing is written."""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any


class StatusTally:
    def __init__(self) -> None:
        self.by_status: Counter[int] = Counter()

    def count(self, status: int) -> None:
        self.by_status[status] += 1

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def record_figures(test: str, **figures: Any) -> None:
    target = os.environ.get("CHIRP_SECURITY_FIGURES")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as out:
        out.write(json.dumps({"test": test, **figures}, sort_keys=True) + "\n")
