"""Statement shapes several repositories share: insert-if-absent and keyset pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from application.pagination import PageRequest
from application.ports.unit_of_work import TransientConflict


def insert_if_absent(connection: AsyncConnection, table: Any) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING: rowcount tells whether the row was new, in one
    statement, so two concurrent requests cannot both think they created it."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


async def insert_act(connection: AsyncConnection, table: Any, values: dict[str, Any]) -> bool:
    """Record a like or retweet once; True when it is new.

    Duplicates are absorbed by ON CONFLICT; what can still fail is the foreign key, when
    the tweet was deleted after the use case read it. That is a race, not a client
    error: the retried transaction reads again and finds the tweet gone (404)."""
    try:
        result = await connection.execute(insert_if_absent(connection, table).values(**values))
    except IntegrityError as error:
        raise TransientConflict("the tweet changed while it was being acted on") from error
    return bool(result.rowcount)


def newest_first(statement: Select[Any], at: Any, key: Any, page: PageRequest) -> Select[Any]:
    """One keyset page: rows strictly older than the cursor in (at, key) order, newest
    first, one row more than the page holds."""
    if page.after is not None:
        c = page.after
        # `at <= c.at` adds nothing logically; it gives the planner a range to seek on
        # an (owner, at, key) index, which an OR alone hides from PostgreSQL.
        statement = statement.where(at <= c.at, or_(at < c.at, and_(at == c.at, key < c.key)))
    return statement.order_by(at.desc(), key.desc()).limit(page.fetch)
