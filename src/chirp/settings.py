"""Every setting comes from an environment variable, with a default that just works.

All of them are read and checked together by `Settings.from_env()`, which every command
calls first: a value Chirp cannot use stops it with one line (SettingError)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from chirp.media_location import default_media_root
from chirp.setting_values import (
    SettingError,
    choice,
    origins,
    port_or_off,
    quota,
    raw,
    switch,
    url,
    whole_number,
)

__all__ = ["DEFAULT_DATABASE_URL", "SettingError", "Settings"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/chirp.db"
DATABASE_SCHEMES = {"sqlite", "postgresql", "postgres", "memory"}
LOG_FORMATS = {"console", "json"}
# argon2 itself needs 8 KiB per lane; 64 KiB is a floor for tests, production keeps
# the OWASP minimum of 19 MiB (the default).
ARGON2_MEMORY_KIB = (64, 4 * 1024 * 1024)


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
    # The Mastodon client API on its own port (its paths overlap Chirp's); None: off.
    mastodon_port: int | None = 8001
    token_lifetime_days: int = 30
    login_max_failures: int = 10
    login_failure_window_minutes: int = 15
    argon2_memory_kib: int = 19 * 1024
    argon2_time_cost: int = 2
    # None: the media root that belongs to the database (see chirp.media_location).
    media_root: Path | None = None
    # "": filesystem for a database that persists, memory for memory://.
    media_backend: str = ""
    log_format: str = "console"
    metrics_enabled: bool = True
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    # Abuse limits, "N/SECONDS" or "off". "database" keeps counters in the database so
    # they hold across server processes; "redis" uses redis_url; "memory" is per process.
    rate_limit_backend: str = "database"
    redis_url: str = "redis://127.0.0.1:6379/0"
    rate_limit_signup: str = "10/3600"
    rate_limit_login: str = "30/300"
    rate_limit_write: str = "60/60"
    rate_limit_read: str = "600/60"
    # Only while benchmarking: a bare endpoint that measures the framework's own ceiling.
    bench_limit_endpoint: bool = False

    def __post_init__(self) -> None:
        if not self.media_backend:
            object.__setattr__(self, "media_backend", self._default_media_backend())
        if self.storage == "memory" and self.media_backend == "filesystem":
            # Files would outlive the records that explain them: orphans from the start.
            raise SettingError(
                "CHIRP_MEDIA_BACKEND=filesystem with CHIRP_DATABASE_URL=memory:// would "
                "leave files no database records: use memory (the default there)"
            )

    def _default_media_backend(self) -> str:
        return "memory" if self.storage == "memory" else "filesystem"

    @property
    def storage(self) -> str:
        return "memory" if self.database_url.startswith("memory://") else "sql"

    @property
    def media_directory(self) -> Path:
        """Where image files live: CHIRP_MEDIA_ROOT, or the root of this database."""
        return self.media_root or default_media_root(self.database_url)

    @property
    def rate_limit_store(self) -> str:
        """Where counters live: with memory:// storage, "database" means this process."""
        if self.rate_limit_backend == "database":
            return self.storage
        return self.rate_limit_backend

    @classmethod
    def from_env(cls) -> Settings:
        media_root = raw("CHIRP_MEDIA_ROOT")
        return cls(
            database_url=url("CHIRP_DATABASE_URL", DEFAULT_DATABASE_URL, DATABASE_SCHEMES),
            host=raw("CHIRP_HOST") or "127.0.0.1",
            port=whole_number("PORT", 8000, 1, 65535),
            mastodon_port=port_or_off("CHIRP_MASTODON_PORT", 8001),
            token_lifetime_days=whole_number("CHIRP_TOKEN_LIFETIME_DAYS", 30, 1, 3650, "days"),
            login_max_failures=whole_number("CHIRP_LOGIN_MAX_FAILURES", 10, 1, 1000),
            login_failure_window_minutes=whole_number(
                "CHIRP_LOGIN_FAILURE_WINDOW_MINUTES", 15, 1, 24 * 60, "minutes"
            ),
            argon2_memory_kib=whole_number(
                "CHIRP_ARGON2_MEMORY_KIB", 19 * 1024, *ARGON2_MEMORY_KIB, "KiB"
            ),
            argon2_time_cost=whole_number("CHIRP_ARGON2_TIME_COST", 2, 1, 20),
            media_root=Path(media_root) if media_root else None,
            media_backend=choice("CHIRP_MEDIA_BACKEND", "", {"filesystem", "memory"}),
            log_format=choice("CHIRP_LOG_FORMAT", "console", LOG_FORMATS),
            metrics_enabled=switch("CHIRP_METRICS", True),
            cors_origins=origins("CHIRP_CORS_ORIGINS"),
            rate_limit_backend=choice(
                "CHIRP_RATE_LIMIT_BACKEND", "database", {"memory", "redis", "database"}
            ),
            redis_url=url(
                "CHIRP_REDIS_URL", "redis://127.0.0.1:6379/0", {"redis", "rediss", "unix"}
            ),
            rate_limit_signup=quota("CHIRP_RATE_LIMIT_SIGNUP", "10/3600"),
            rate_limit_login=quota("CHIRP_RATE_LIMIT_LOGIN", "30/300"),
            rate_limit_write=quota("CHIRP_RATE_LIMIT_WRITE", "60/60"),
            rate_limit_read=quota("CHIRP_RATE_LIMIT_READ", "600/60"),
            bench_limit_endpoint=switch("CHIRP_BENCH_LIMIT_ENDPOINT", False),
        )
