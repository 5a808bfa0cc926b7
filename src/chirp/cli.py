"""The `chirp` command: one entry point for every operational task.

Only click and the settings are imported here; each command imports the drivers and
frameworks it needs when it runs, so `chirp --help` answers at once."""

from __future__ import annotations

import click

from chirp.commands.check import check
from chirp.commands.errors import ChirpGroup
from chirp.commands.migrate import migrate
from chirp.commands.seed import seed
from chirp.commands.serve import serve
from chirp.commands.sweep import sweep_media
from chirp.commands.users import create_user


@click.group(cls=ChirpGroup)
def main() -> None:
    """Chirp, an open Twitter-like backend."""


for command in (serve, migrate, seed, check, create_user, sweep_media):
    main.add_command(command)
