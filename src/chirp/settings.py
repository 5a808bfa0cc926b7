"""Every setting comes from an environment variable, with a default that just works."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/chirp.db"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None


def _list(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name, "")
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _choice(name: str, default: str, allowed: set[str]) -> str:
    value = (os.environ.get(name) or default).strip().lower()
    if value not in allowed:
        raise SettingError(f"{name} must be one of {', '.join(sorted(allowed))}, not {value!r}")
    return value


def _quota(name: str, default: str) -> str:
    value = os.environ.get(name) or default
    count, separator, seconds = value.strip().partition("/")
    if value.strip().lower() == "off" or (
        separator and count.isdigit() and seconds.isdigit() and int(count) > 0 and int(seconds) > 0
    ):
        return value.strip()
    raise SettingError(f"{name} must be 'N/SECONDS' (e.g. 60/60) or 'off', not {value!r}")


def _port_or_off(name: str, default: int) -> int | None:
    raw = (os.environ.get(name) or "").strip()
    if raw.lower() == "off":
        return None
    port = _int(name, default)
    if not 1 <= port <= 65535:
        raise SettingError(f"{name} must be a port (1-65535) or 'off', not {raw!r}")
    return port


class SettingError(ValueError):
    """A setting holds a value Chirp cannot use; the message says which and why."""


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
    media_root: Path = Path("./var/media")
    media_backend: str = "filesystem"
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

    @property
    def storage(self) -> str:
        return "memory" if self.database_url.startswith("memory://") else "sql"

    @property
    def rate_limit_store(self) -> str:
        """Where counters live: with memory:// storage, "database" means this process."""
        if self.rate_limit_backend == "database":
            return self.storage
        return self.rate_limit_backend

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ.get
        return cls(
            database_url=env("CHIRP_DATABASE_URL") or DEFAULT_DATABASE_URL,
            host=env("CHIRP_HOST") or "127.0.0.1",
            port=_int("PORT", 8000),
            mastodon_port=_port_or_off("CHIRP_MASTODON_PORT", 8001),
            token_lifetime_days=_int("CHIRP_TOKEN_LIFETIME_DAYS", 30),
            login_max_failures=_int("CHIRP_LOGIN_MAX_FAILURES", 10),
            login_failure_window_minutes=_int("CHIRP_LOGIN_FAILURE_WINDOW_MINUTES", 15),
            argon2_memory_kib=_int("CHIRP_ARGON2_MEMORY_KIB", 19 * 1024),
            argon2_time_cost=_int("CHIRP_ARGON2_TIME_COST", 2),
            media_root=Path(env("CHIRP_MEDIA_ROOT") or "./var/media"),
            media_backend=env("CHIRP_MEDIA_BACKEND") or "filesystem",
            log_format=env("CHIRP_LOG_FORMAT") or "console",
            metrics_enabled=(env("CHIRP_METRICS") or "on").lower() not in {"0", "off", "false"},
            cors_origins=_list("CHIRP_CORS_ORIGINS"),
            rate_limit_backend=_choice(
                "CHIRP_RATE_LIMIT_BACKEND", "database", {"memory", "redis", "database"}
            ),
            redis_url=env("CHIRP_REDIS_URL") or "redis://127.0.0.1:6379/0",
            rate_limit_signup=_quota("CHIRP_RATE_LIMIT_SIGNUP", "10/3600"),
            rate_limit_login=_quota("CHIRP_RATE_LIMIT_LOGIN", "30/300"),
            rate_limit_write=_quota("CHIRP_RATE_LIMIT_WRITE", "60/60"),
            rate_limit_read=_quota("CHIRP_RATE_LIMIT_READ", "600/60"),
            bench_limit_endpoint=(env("CHIRP_BENCH_LIMIT_ENDPOINT") or "0") in {"1", "on", "true"},
        )
