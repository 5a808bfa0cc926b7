"""`chirp sweep-media`: removes what nothing uses, only in this database's media root."""

from __future__ import annotations

import click

from chirp.commands.common import claim_media, database_settings


@click.command("sweep-media")
@click.option(
    "--older-than-minutes",
    default=60,
    show_default=True,
    type=click.IntRange(min=1),
    help="Only what is at least this old goes, so uploads in flight are safe.",
)
def sweep_media(older_than_minutes: int) -> None:
    """Delete uploads no tweet uses and stored files that never got a record.

    A crash between storing a file and committing its record leaves such a file;
    run this regularly (e.g. hourly from cron) to clean them up. Only the media root
    of this database is swept: one that another database uses is refused.
    """
    import asyncio
    from datetime import timedelta

    from chirp.commands.common import ready_database
    from chirp.media_sweep import run_sweep

    settings = database_settings("sweep")
    if settings.media_backend == "memory":
        raise click.ClickException("memory storage keeps nothing between runs: nothing to sweep")
    asyncio.run(ready_database(settings))
    claim_media(settings)
    report = asyncio.run(run_sweep(settings, timedelta(minutes=older_than_minutes)))
    click.echo(
        f"removed {report.records_removed} unused uploads and {report.files_removed} orphan files"
    )
