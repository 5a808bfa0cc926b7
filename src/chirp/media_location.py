"""Which directory holds a database's image files, and making sure no other database
uses it.

The default media root is derived from the database URL, so two databases never share
one by accident: a SQLite file `var/chirp.db` keeps its images in `var/chirp.media/`,
a PostgreSQL database `chirp` on `db:5432` in `var/postgresql-db-5432-chirp.media/`.
The first command that uses a root writes the database's identity into it (`OWNER_FILE`);
a root that names another database is refused, so the sweep can never delete, and the
check never blame, files another database recorded.

Only the standard library here: the `chirp` command imports this before any driver.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from chirp.setting_values import SettingError

OWNER_FILE = ".chirp-database"
POSTGRES_DEFAULT_PORT = 5432


class MediaRootTaken(SettingError):
    """The media root belongs to another database."""


def _sqlite_path(database_url: str) -> str:
    path = database_url.split(":///", 1)[1] if ":///" in database_url else ""
    return unquote(path.split("?", 1)[0])


def _postgres_parts(database_url: str) -> tuple[str, int, str]:
    parts = urlsplit(database_url)
    database = unquote(parts.path.lstrip("/")) or (parts.username or "postgres")
    return parts.hostname or "localhost", parts.port or POSTGRES_DEFAULT_PORT, database


def database_identity(database_url: str) -> str:
    """Names the database itself, whatever driver or credentials reach it."""
    if database_url.startswith("sqlite"):
        path = _sqlite_path(database_url)
        return f"sqlite:{Path(path).resolve() if path else ':memory:'}"
    host, port, database = _postgres_parts(database_url)
    return f"postgresql://{host}:{port}/{database}"


def default_media_root(database_url: str) -> Path:
    if database_url.startswith("sqlite"):
        path = _sqlite_path(database_url)
        if path and path != ":memory:":
            return Path(path).with_suffix(".media")
        return Path("./var/sqlite-in-memory.media")
    host, port, database = _postgres_parts(database_url)
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"postgresql-{host}-{port}-{database}")
    return Path("./var") / f"{name}.media"


def claim_media_root(root: Path, database_url: str) -> None:
    """Marks `root` as this database's, or refuses it when another database has it."""
    identity = database_identity(database_url)
    marker = root / OWNER_FILE
    root.mkdir(parents=True, exist_ok=True)
    try:
        # Exclusive create: of two databases claiming a new root at once, one wins.
        with marker.open("x", encoding="utf-8") as claim:
            claim.write(identity + "\n")
        return
    except FileExistsError:
        owner = marker.read_text(encoding="utf-8").strip()
    if owner != identity:
        raise MediaRootTaken(
            f"CHIRP_MEDIA_ROOT {root} holds the images of {owner}, not of {identity}: "
            "give this database its own CHIRP_MEDIA_ROOT (or leave it unset)"
        )
