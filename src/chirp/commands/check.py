from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import click

from chirp.commands.common import claim_media, database_settings, with_container

if TYPE_CHECKING:
    from application.integrity import IntegrityReport
    from chirp.container import Container

SHOWN = 20


@click.command()
@click.option("--repair", is_flag=True, help="Set every wrong count to its number of rows.")
@click.option(
    "--grace-minutes",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="Leave out media younger than this: uploads in flight are not problems.",
)
def check(repair: bool, grace_minutes: int) -> None:
    """Check the database's integrity.

    Every profile's followers/following/tweets count and every tweet's like/retweet/reply
    count is compared with its rows, and every profile's list of followed profiles (kept
    for the suggestions) with its follow rows; media records whose bytes are missing and stored
    files without a record ("orphaned media", which `chirp sweep-media` removes) are
    listed. Exit status 0 when all is well, 1 when problems were found and not repaired.
    --repair fixes the counts and lists only; run it when traffic is quiet. With
    CHIRP_MEDIA_BACKEND=memory there are no files to compare, so media are skipped;
    a media root that another database uses is refused, never reported as orphans.
    """
    settings = database_settings("check")
    claim_media(settings)
    import asyncio  # here, not at the top: `chirp --help` stays light

    report = asyncio.run(
        with_container(settings, lambda c: _check(c, repair, timedelta(minutes=grace_minutes)))
    )
    _print(report)
    if not report.clean:
        raise click.exceptions.Exit(1)


async def _check(container: Container, repair: bool, grace: timedelta) -> IntegrityReport:
    from adapters.persistence.sql.integrity import SqlIntegrityChecker
    from application.integrity import CheckIntegrity

    keeps_files = container.core.settings().media_backend != "memory"
    use_case = CheckIntegrity(
        SqlIntegrityChecker(container.core.engine()),
        container.core.media_store() if keeps_files else None,
        container.core.clock(),
    )
    return await use_case(repair=repair, grace=grace)


def _print(report: IntegrityReport) -> None:
    if report.repaired:
        click.echo(f"repaired {report.repaired} counts and follow lists")
    lines = [
        f"{m.table} {m.label}: {m.count} is {m.stored}, rows say {m.actual}"
        for m in report.mismatches
    ]
    lines += [
        f"profiles {name}: follow list differs from the follow rows"
        for name in report.stale_follow_lists
    ]
    lines += [f"media {key}: record without stored bytes" for key in report.missing_bytes]
    lines += [f"media {key}: orphaned file without a record" for key in report.orphaned_files]
    for line in lines[:SHOWN]:
        click.echo(line)
    if len(lines) > SHOWN:
        click.echo(f"... and {len(lines) - SHOWN} more")
    if report.clean:
        click.echo(
            "all counts match their rows, and so do the follow lists; "
            "every media record has its bytes"
        )
    else:
        click.echo(
            f"{len(report.mismatches)} wrong counts, {len(report.stale_follow_lists)} stale "
            f"follow lists, {len(report.missing_bytes)} media without bytes, "
            f"{len(report.orphaned_files)} orphaned files",
            err=True,
        )
