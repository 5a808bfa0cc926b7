"""Who-to-follow suggestions, counted in Python over the packed follow lists.

API.md's ranking: profiles the user does not follow (nor the user), by how many of the
profiles they follow follow them, then by followers, then by username; the most
followed when too few have such a count. Exact, in a few indexed reads:

- the user's own list (one row), then the lists of whom they follow (one query), their
  numbers counted here;
- only the candidates whose count reaches the `limit`-th best (its ties included) are
  looked up for their followers count and username, ranked, and the first `limit`
  loaded;
- whoever follows more than half of everyone is counted the other way round: a profile
  they do not follow is followed by `followers_count` profiles, of which those that are
  neither the user nor followed by them (the few others, whose lists are read) are
  taken off. Both ways read the lists of the smaller group.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from adapters.persistence.sql.follow_lists import unpacked
from adapters.persistence.sql.reads.drivers import Reader, SqliteReader
from adapters.persistence.sql.reads.rows import profile_of
from adapters.persistence.sql.reads.statements import PROFILE_COLUMNS, Statement
from domain.profile import Profile


def _by_numbers(select: str) -> Statement:
    """`select` of the profiles or lists whose number is in the list ?1."""
    return Statement(
        select.format(numbers="IN (SELECT value FROM json_each(?))"),
        select.format(numbers="= ANY(?::int4[])"),
    )


ME = Statement(
    "SELECT p.number, (SELECT max(number) FROM profiles), l.followees FROM profiles AS p "
    "LEFT JOIN follow_lists AS l ON l.follower = p.number WHERE p.id = ?"
)
LISTS = _by_numbers("SELECT followees FROM follow_lists WHERE follower {numbers}")
RANKING = _by_numbers(
    "SELECT number, followers_count, username_key FROM profiles WHERE number {numbers}"
)
OTHERS = _by_numbers(
    "SELECT p.number, p.followers_count, p.username_key, l.followees FROM profiles AS p "
    "LEFT JOIN follow_lists AS l ON l.follower = p.number WHERE p.number {numbers}"
)
PROFILES = _by_numbers(f"SELECT number, {PROFILE_COLUMNS} FROM profiles WHERE number {{numbers}}")
# Usernames in code point order on PostgreSQL too, whatever the database's collation,
# as SQLite and Python compare them.
MOST_FOLLOWED = Statement(
    f"SELECT number, {PROFILE_COLUMNS} FROM profiles "
    "ORDER BY followers_count DESC, username_key LIMIT ?",
    f"SELECT number, {PROFILE_COLUMNS} FROM profiles "
    'ORDER BY followers_count DESC, username_key COLLATE "C" LIMIT ?',
)


class Suggestions:
    def __init__(self, reader: Reader) -> None:
        self._r = reader

    async def __call__(self, profile_id: str, limit: int) -> list[Profile]:
        if limit <= 0:
            return []
        me = await self._r.first(ME, (profile_id,))
        if me is None:
            return await self._most_followed(limit, set(), set())
        mine, largest = me[0], me[1]
        followed = set(unpacked(me[2]))
        if not followed:
            return await self._most_followed(limit, {mine}, ())
        others = largest - 1 - len(followed)  # numbers neither mine nor followed, at most
        if len(followed) > others:
            return await self._counted_the_other_way(mine, largest, followed, limit)
        counts = await self._counts(followed)
        counts.pop(mine, None)
        for number in followed:
            counts.pop(number, None)
        chosen = await self._best(counts, limit)
        if len(chosen) < limit:
            return chosen + await self._most_followed(
                limit - len(chosen), {mine, *followed}, counts.keys()
            )
        return chosen

    async def _counts(self, numbers: Iterable[int]) -> Counter[int]:
        """How often each number appears in the lists of `numbers`."""
        rows = await self._r.all(LISTS, (self._numbers(numbers),))
        return self._counted(row[0] for row in rows)

    @staticmethod
    def _counted(lists: Iterable[bytes | None]) -> Counter[int]:
        """All the lists unpacked at once: Counter counts an array in C."""
        return Counter(unpacked(b"".join(stored for stored in lists if stored)))

    async def _best(self, counts: Counter[int], limit: int) -> list[Profile]:
        """The first `limit` of the counted profiles in ranking order."""
        if not counts:
            return []
        contenders: Iterable[int] = counts
        if len(counts) > limit:
            lowest = heapq.nlargest(limit, counts.values())[-1]
            contenders = [number for number, n in counts.items() if n >= lowest]
        ranked = await self._ranked(contenders, counts, limit)
        if len(ranked) < limit and len(ranked) < len(counts) and contenders is not counts:
            # A listed number without its profile: rank everyone counted instead.
            ranked = await self._ranked(counts, counts, limit)
        return await self._loaded(ranked)

    async def _ranked(
        self, numbers: Iterable[int], counts: Counter[int] | dict[int, int], limit: int
    ) -> list[int]:
        rows = await self._r.all(RANKING, (self._numbers(numbers),))
        rows.sort(key=lambda row: (-counts[row[0]], -row[1], row[2]))
        return [row[0] for row in rows[:limit]]

    async def _counted_the_other_way(
        self, mine: int, largest: int, followed: set[int], limit: int
    ) -> list[Profile]:
        """For someone who follows most profiles: every other one is a candidate."""
        others = [n for n in range(1, largest + 1) if n != mine and n not in followed]
        if not others:
            return []
        # Their followers counts and lists from one statement, so from one moment on
        # PostgreSQL too (its reads run under READ COMMITTED).
        rows = await self._r.all(OTHERS, (self._numbers(others),))
        # Among the others' followees, only the others matter: they are the candidates.
        by_others = self._counted(row[3] for row in rows)
        counts = {row[0]: row[1] - by_others[row[0]] for row in rows}
        rows.sort(key=lambda row: (-counts[row[0]], -row[1], row[2]))
        return await self._loaded([row[0] for row in rows[:limit]])

    async def _most_followed(
        self, wanted: int, excluded: set[int], counted: Iterable[int]
    ) -> list[Profile]:
        """The most followed profiles, leaving out `excluded` and those `counted`."""
        skipped = excluded.union(counted)
        rows = await self._r.all(MOST_FOLLOWED, (wanted + len(skipped),))
        moment = self._r.moment
        kept = [profile_of(row, moment, 1) for row in rows if row[0] not in skipped]
        return kept[:wanted]

    async def _loaded(self, ranked: Sequence[int]) -> list[Profile]:
        if not ranked:
            return []
        rows = await self._r.all(PROFILES, (self._numbers(ranked),))
        moment = self._r.moment
        by_number = {row[0]: profile_of(row, moment, 1) for row in rows}
        return [by_number[n] for n in ranked if n in by_number]

    def _numbers(self, numbers: Iterable[int]) -> Any:
        if isinstance(self._r, SqliteReader):
            return json.dumps(list(numbers))
        return list(numbers)
