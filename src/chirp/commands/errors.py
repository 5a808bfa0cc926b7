"""User mistakes become one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
from typing import Any

import click

from chirp.settings import DEFAULT_DATABASE_URL, SettingError
from domain.errors import Conflict, InvalidInput


def one_line(error: Exception) -> str | None:
    """The sentence to show for an error caused by the setup or the input, else None."""
    if isinstance(error, SettingError):
        return str(error)
    if isinstance(error, InvalidInput):
        return "; ".join(f"{p.field}: {p.message}" for p in error.problems)
    if isinstance(error, Conflict):
        return f"{error.field}: {error}"
    if isinstance(error, OSError) and error.filename:
        # A file or directory Chirp was pointed at (CHIRP_MEDIA_ROOT, a SQLite path).
        return f"{error.filename}: {error.strerror}"
    from adapters.persistence.sql.diagnostics import explained  # only once something failed

    url = os.environ.get("CHIRP_DATABASE_URL") or DEFAULT_DATABASE_URL
    problem = explained(error, url)
    return str(problem) if problem is not None else None


class ChirpGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            message = one_line(error)
            if message is None:
                raise
            raise click.ClickException(message) from None
