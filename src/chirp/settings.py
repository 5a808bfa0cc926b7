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


class SettingError(ValueError):
    """A setting holds a value Chirp cannot use; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
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

    @property
    def storage(self) -> str:
        return "memory" if self.database_url.startswith("memory://") else "sql"

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ.get
        return cls(
            database_url=env("CHIRP_DATABASE_URL") or DEFAULT_DATABASE_URL,
            host=env("CHIRP_HOST") or "127.0.0.1",
            port=_int("PORT", 8000),
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
        )
