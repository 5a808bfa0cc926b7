"""`chirp migrate`: the database schema, saying what it did and where it stands."""

from __future__ import annotations

import click

from chirp.commands.common import settings_or_exit

# Click would read "-1" as an option; revisions may be relative (-1, +2).
REVISION_ARGUMENT = {"ignore_unknown_options": True}


def _listed(revisions: tuple[object, ...]) -> str:
    return ", ".join(str(revision) for revision in revisions)


@click.group()
def migrate() -> None:
    """Manage the database schema (Alembic revisions)."""


@migrate.command(context_settings=REVISION_ARGUMENT)
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: head, the newest; or +1)."""
    settings = settings_or_exit()
    if settings.storage == "memory":
        click.echo("memory:// needs no migrations")
        return
    from adapters.persistence.sql.migrate import upgrade as run_upgrade

    run = run_upgrade(settings.database_url, revision)
    if run.ran:
        click.echo(f"applied {_listed(run.ran)}; the database is now at {run.after}")
    else:
        click.echo(f"already up to date at {run.after or 'base (no revision)'}")


@migrate.command(context_settings=REVISION_ARGUMENT)
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Undo migrations down to REVISION (-1 for one step, or base for all)."""
    settings = settings_or_exit()
    if settings.storage == "memory":
        click.echo("memory:// needs no migrations")
        return
    from adapters.persistence.sql.migrate import downgrade as run_downgrade

    run = run_downgrade(settings.database_url, revision)
    where = run.after or "base (no Chirp tables)"
    if run.ran:
        click.echo(f"undid {_listed(run.ran)}; the database is now at {where}")
    else:
        click.echo(f"nothing to undo: the database is at {where}")


@migrate.command()
def current() -> None:
    """Show the revision the database is at, and whether it is the newest."""
    settings = settings_or_exit()
    if settings.storage == "memory":
        click.echo("memory:// needs no migrations")
        return
    from adapters.persistence.sql.migrate import current as read_current
    from adapters.persistence.sql.migrate import head

    at, newest = read_current(settings.database_url), head()
    if at is None:
        click.echo(
            f"no revision: the database is empty (run `chirp migrate upgrade`; newest is {newest})"
        )
    elif at == newest:
        click.echo(f"at {at} (head, the newest)")
    else:
        click.echo(f"at {at}; this code's newest is {newest} (run `chirp migrate upgrade`)")
