"""The `chirp` subcommands beyond serve and migrate, one module each."""
