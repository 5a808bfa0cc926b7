"""Reading one environment variable into a value Chirp can use, or refusing it.

Every refusal is one sentence naming the variable, what it accepts and what it got, so a
mistake is caught at start-up instead of as a 500 on the first request that needs it.
"""

from __future__ import annotations

import os

TRUE_WORDS = {"1", "on", "true", "yes"}
FALSE_WORDS = {"0", "off", "false", "no"}


class SettingError(ValueError):
    """A setting holds a value Chirp cannot use; the message says which and why."""


def raw(name: str) -> str | None:
    """The variable's value with surrounding blanks removed; None when unset or empty."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def whole_number(name: str, default: int, low: int, high: int, unit: str = "") -> int:
    value = raw(name)
    if value is None:
        return default
    suffix = f" {unit}" if unit else ""
    try:
        number = int(value)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise SettingError(f"{name} must be between {low} and {high}{suffix}, not {number}")
    return number


def port_or_off(name: str, default: int) -> int | None:
    """A port, or `off` (None) for a server that is not to run."""
    value = raw(name)
    if value is not None and value.strip().lower() == "off":
        return None
    return whole_number(name, default, 1, 65535)


def choice(name: str, default: str, allowed: set[str]) -> str:
    given = raw(name)
    if given is None:
        return default
    value = given.lower()
    if value not in allowed:
        raise SettingError(f"{name} must be one of {', '.join(sorted(allowed))}, not {value!r}")
    return value


def switch(name: str, default: bool) -> bool:
    value = raw(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    words = ", ".join(sorted(TRUE_WORDS | FALSE_WORDS))
    raise SettingError(f"{name} must be one of {words}, not {value!r}")


def quota(name: str, default: str) -> str:
    value = raw(name) or default
    count, separator, seconds = value.partition("/")
    if value.lower() == "off" or (
        separator and count.isdigit() and seconds.isdigit() and int(count) > 0 and int(seconds) > 0
    ):
        return value
    raise SettingError(f"{name} must be 'N/SECONDS' (e.g. 60/60) or 'off', not {value!r}")


def url(name: str, default: str, schemes: set[str]) -> str:
    """A URL whose scheme (before any "+driver") is one of `schemes`."""
    value = raw(name) or default
    scheme, separator, _ = value.partition("://")
    accepted = ", ".join(f"{s}://" for s in sorted(schemes))
    if not separator or not scheme:
        raise SettingError(f"{name} is not a URL (it starts with one of {accepted})")
    if scheme.split("+", 1)[0].lower() not in schemes:
        raise SettingError(
            f"{name} names {scheme!r}, which Chirp does not support (use one of {accepted})"
        )
    return value


def origins(name: str) -> tuple[str, ...]:
    """Browser origins: scheme, host and optional port, nothing after."""
    items = tuple(item.strip() for item in (raw(name) or "").split(",") if item.strip())
    for item in items:
        scheme, separator, host = item.partition("://")
        if scheme not in {"http", "https"} or not separator or not host or "/" in host:
            raise SettingError(
                f"{name} must list origins such as https://app.example.com, not {item!r}"
            )
    return items
