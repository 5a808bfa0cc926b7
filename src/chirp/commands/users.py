from __future__ import annotations

from typing import TYPE_CHECKING

import click

from chirp.commands.common import database_settings, with_container

if TYPE_CHECKING:
    from application.accounts.signup import SignupInput
    from chirp.container import Container
    from domain.profile import Profile


@click.command("create-user")
@click.argument("username")
@click.argument("email")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Asked for (hidden, twice) when left out; give it only in scripts, since a "
    "command line can end up in shell history.",
)
@click.option("--display-name", default=None, help="Defaults to the username.")
def create_user(username: str, email: str, password: str, display_name: str | None) -> None:
    """Create an account, with the same rules as signing up over HTTP."""
    from application.accounts.signup import SignupInput

    settings = database_settings("create a user in")
    data = SignupInput(username=username, email=email, password=password, display_name=display_name)
    import asyncio  # here, not at the top: `chirp --help` stays light

    profile = asyncio.run(with_container(settings, lambda c: _sign_up(c, data)))
    click.echo(f"created {profile.username} <{profile.email}>")


async def _sign_up(container: Container, data: SignupInput) -> Profile:
    profile: Profile = await container.use_cases.sign_up()(data)
    return profile
