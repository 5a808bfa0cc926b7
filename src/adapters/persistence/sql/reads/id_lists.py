"""Reads over a list of ids that SQLite runs with the ids bound one per placeholder.

The general form (`IN_IDS`: json_each(?) on SQLite) costs a JSON document written in
Python and parsed by SQLite on every read. A page's profile and flag reads take 20-60
ids; bound one each they skip both. A text per list length would crowd the connection's
statement cache, so lengths are rounded up to a few sizes, repeating the last id (an
IN list matches a row once however often it names it). Longer lists, and PostgreSQL
(one array parameter already), keep the general form."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.persistence.sql.reads import statements as sql
from adapters.persistence.sql.reads.statements import Statement

SIZES = (8, 16, 32, 64)


@dataclass(frozen=True)
class IdListStatement:
    general: Statement  # the list as one parameter, on both dialects
    by_size: tuple[tuple[int, Statement], ...]  # SQLite: one placeholder per id

    def sized(self, count: int) -> tuple[int, Statement] | None:
        """The smallest SQLite text with room for `count` ids, None past the largest."""
        if count == 0:
            return None
        for size, statement in self.by_size:
            if count <= size:
                return size, statement
        return None


def id_list(general: Statement, sqlite_text: str, first: int = 1) -> IdListStatement:
    """`sqlite_text` has `IDS` where the ids go, bound as ?first, ?first+1, ... (numbered,
    so the list may appear twice and parameters before it keep ?1..)."""
    by_size = tuple(
        (
            size,
            Statement(
                sqlite_text.replace("IDS", ", ".join(f"?{n}" for n in range(first, first + size)))
            ),
        )
        for size in SIZES
    )
    return IdListStatement(general, by_size)


PROFILES = id_list(sql.PROFILES, f"SELECT {sql.PROFILE_COLUMNS} FROM profiles WHERE id IN (IDS)")
FLAGS_AMONG = id_list(
    sql.FLAGS_AMONG,
    "SELECT 1, tweet_id FROM likes WHERE profile_id = ?1 AND tweet_id IN (IDS) UNION ALL "
    "SELECT 2, tweet_id FROM retweets WHERE profile_id = ?1 AND tweet_id IN (IDS)",
    first=2,
)
