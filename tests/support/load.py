"""A crowd of API clients spread over several server processes, and what they saw."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

PASSWORD = "correct horse battery"


@dataclass
class Account:
    username: str
    headers: dict[str, str]


@dataclass
class Crowd:
    """Every call goes to one of the servers at random; answers are tallied by status."""

    urls: list[str]
    client: httpx.AsyncClient
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(5))

    async def call(self, method: str, path: str, *, url: str | None = None, **kwargs: Any) -> Any:
        base = url or self.rng.choice(self.urls)
        response = await self.client.request(method, f"{base}{path}", **kwargs)
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{method} {path} -> {response.status_code} {response.text}")
        return response

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    async def sign_up(self, username: str) -> Account:
        body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        created = await self.call("POST", "/api/v1/auth/signup", json=body)
        assert created.status_code == 201, created.text
        login = await self.call(
            "POST", "/api/v1/auth/login", json={"username": username, "password": PASSWORD}
        )
        assert login.status_code == 200, login.text
        return Account(username, {"Authorization": f"Bearer {login.json()['access_token']}"})

    async def all_pages(self, path: str, headers: dict[str, str] | None = None) -> list[Any]:
        items: list[Any] = []
        cursor: str | None = None
        while True:
            params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
            page = await self.call("GET", path, params=params, headers=headers or {})
            assert page.status_code == 200, page.text
            items += page.json()["items"]
            cursor = page.json()["next_cursor"]
            if cursor is None:
                return items


async def gather_all(*jobs: Any) -> list[Any]:
    """Like asyncio.gather, but every job runs to its end before a failure is raised."""
    results = await asyncio.gather(*jobs, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results
