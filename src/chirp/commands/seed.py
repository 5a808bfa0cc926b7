from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from chirp.commands.common import claim_media, database_settings, with_container

if TYPE_CHECKING:
    from chirp.container import Container
    from chirp.seeding import SeedPlan


@click.command()
@click.option("--profiles", default=1000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--tweets", default=50_000, show_default=True, type=click.IntRange(0, 50_000_000))
@click.option("--seed", "seed", default=1, show_default=True, help="Same seed, same data.")
@click.option("--likes-per-tweet", default=4.0, show_default=True, type=click.FloatRange(0, 10_000))
@click.option(
    "--retweets-per-tweet", default=0.5, show_default=True, type=click.FloatRange(0, 10_000)
)
@click.option(
    "--pictures/--no-pictures",
    default=False,
    show_default=True,
    help="Avatars for most profiles and photos on some tweets (slower).",
)
@click.option(
    "--notifications/--no-notifications",
    default=True,
    show_default=True,
    help="A notification for every follow, like and retweet.",
)
@click.option(
    "--until",
    type=click.DateTime(),
    default=None,
    help="UTC moment the newest activity is anchored to (default: now). Fix it, with "
    "--seed, to get identical ids and dates on every run.",
)
def seed(
    profiles: int,
    tweets: int,
    seed: int,
    likes_per_tweet: float,
    retweets_per_tweet: float,
    pictures: bool,
    notifications: bool,
    until: datetime | None,
) -> None:
    """Fill the database with demo data, fast.

    Seeded users are user00001, user00002, ... (email user00001@example.com), and every
    one logs in with the password "password123" (hashed once and shared: demo data only,
    never in production).

    The follow graph is heavy-tailed: most profiles follow 50-300 others once there are
    enough profiles, a few are followed by most. Tweets span the last 90 days; likes and
    retweets concentrate on a few popular tweets; every follow, like and retweet has its
    notification. Every stored count equals its rows. Rows are written in bulk, one
    transaction per table.

    Run `chirp migrate upgrade` first, on a database without seeded users.
    """
    settings = database_settings("seed")
    if pictures and settings.media_backend == "memory":
        raise click.ClickException("--pictures needs a media store that keeps files")
    if pictures:
        claim_media(settings)
    from chirp.seeding import SEED_PASSWORD, SeedPlan, username_of

    plan = SeedPlan(
        profiles=profiles,
        tweets=tweets,
        seed=seed,
        until=(until or datetime.now(UTC)).replace(tzinfo=UTC),
        likes_per_tweet=likes_per_tweet,
        retweets_per_tweet=retweets_per_tweet,
        pictures=pictures,
        notifications=notifications,
    )
    started = time.perf_counter()
    import asyncio  # here, not at the top: `chirp --help` stays light

    written = asyncio.run(with_container(settings, lambda c: _seed(c, plan)))
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{count} {table}" for table, count in written.items())
    click.echo(f"seeded {summary} in {elapsed:.1f} s")
    click.echo(f'log in as {username_of(1)} (or any seeded user) with "{SEED_PASSWORD}"')


async def _seed(container: Container, plan: SeedPlan) -> dict[str, int]:
    from adapters.persistence.sql.bulk import SqlBulkWriter
    from chirp.seeding import SEED_PASSWORD, build_dataset, username_of
    from chirp.seeding.loader import ensure_unused, load, total_rows
    from domain.errors import Conflict

    writer = SqlBulkWriter(container.core.engine())
    try:
        await ensure_unused([username_of(n) for n in range(1, plan.profiles + 1)], writer)
    except Conflict as error:
        raise click.ClickException(
            f"{error}: seed a database without seeded users (for a fresh one, point "
            "CHIRP_DATABASE_URL elsewhere and run `chirp migrate upgrade`)"
        ) from None
    password_hash = await container.core.hasher().hash(SEED_PASSWORD)
    click.echo("generating data...", err=True)
    dataset = build_dataset(plan, password_hash)
    store = container.core.media_store() if plan.pictures else None
    with click.progressbar(length=total_rows(dataset), label="writing") as bar:
        return await load(dataset, writer, store, bar.update)
