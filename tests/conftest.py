"""Fixtures every test may use: storage backends, cheap password hashing, fake clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.transaction import UnitOfWorkFactory
from tests.support import databases

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile("ci" if databases.in_ci() else "default")

# The real algorithm (argon2id) at a cost tests can afford thousands of times.
CHEAP_ARGON2 = Argon2Parameters(memory_kib=256, time_cost=1, parallelism=1)

BACKENDS = ["memory", "sqlite", "postgres"]


@pytest.fixture
def hasher() -> Argon2PasswordHasher:
    return Argon2PasswordHasher(CHEAP_ARGON2)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def ids() -> UlidGenerator:
    return UlidGenerator()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.migrated_sqlite_template(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url = databases.create_postgres_database()
    yield url
    databases.drop_postgres_database(url)


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    return databases.sqlite_copy(sqlite_template, tmp_path)


@pytest.fixture
async def database_url(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """The URL of an empty, migrated database of the backend the test is parametrised with."""
    backend = getattr(request, "param", "memory")
    if backend == "memory":
        yield "memory://"
    elif backend == "sqlite":
        yield request.getfixturevalue("sqlite_url")
    else:
        url = request.getfixturevalue("postgres_url")
        engine = create_engine(url)
        await databases.empty_all_tables(engine)
        await engine.dispose()
        yield url


@pytest.fixture
async def uow_factory(database_url: str) -> AsyncIterator[UnitOfWorkFactory]:
    if database_url == "memory://":
        yield MemoryUnitOfWorkFactory()
        return
    engine = create_engine(database_url)
    factory = SqlUnitOfWorkFactory(engine)
    try:
        yield factory
    finally:
        await factory.close()
        await engine.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and callspec.params.get("database_url") == "postgres":
            item.add_marker(pytest.mark.postgres)
