"""Writes on PostgreSQL whose answer nobody reads (a new tweet's rows, a count moved, a
notification), held back and sent as one statement: every data-modifying statement of
the batch as a CTE of one WITH, so the batch is one round trip and, as one statement,
all-or-nothing by itself. A transaction that writes nothing else needs neither BEGIN nor
COMMIT: its batch, sent at commit, is the whole transaction.

All parts of one statement see the rows as they were before it, and one row may change
only once in it, so a write that touches a row another held-back write touches is sent
in a later batch."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

_PARAMETER = re.compile(r"\$(\d+)")
Row = tuple[str, str]  # (table, key)


class PendingWrites:
    def __init__(self) -> None:
        self._texts: list[str] = []
        self._values: list[Any] = []
        self._rows: set[Row] = set()

    def __bool__(self) -> bool:
        return bool(self._texts)

    def overlaps(self, rows: Iterable[Row]) -> bool:
        return not self._rows.isdisjoint(rows)

    def add(self, text: str, parameters: Sequence[Any], rows: Iterable[Row]) -> None:
        offset = len(self._values)
        if offset:
            text = _PARAMETER.sub(lambda match: f"${int(match.group(1)) + offset}", text)
        self._texts.append(text)
        self._values.extend(parameters)
        self._rows.update(rows)

    def take(self) -> tuple[str, list[Any]]:
        """The batch as one statement and its values; empties the batch."""
        texts, values = self._texts, self._values
        self.discard()
        if len(texts) == 1:
            return texts[0], values
        parts = ", ".join(f"w{i} AS ({text})" for i, text in enumerate(texts))
        return f"WITH {parts} SELECT 1", values

    def discard(self) -> None:
        self._texts, self._values, self._rows = [], [], set()
