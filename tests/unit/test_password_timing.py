"""Log-in answers an unknown account and a wrong password with the same work, argon2 is
at least as strong as OWASP asks, and hashing never holds the event loop."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

import argon2
import pytest

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.security.tokens import RandomTokenMinter
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.accounts.login import LogIn, LoginPolicy
from application.accounts.signup import SignUp, SignupInput
from chirp.settings import Settings
from domain.errors import AuthenticationFailed

PASSWORD = "open sesame"
OWASP_MEMORY_KIB, OWASP_TIME_COST, OWASP_PARALLELISM = 19 * 1024, 2, 1


class RecordingHasher:
    """The real hasher, counting each argon2 computation and the hash it ran against."""

    def __init__(self, inner: Argon2PasswordHasher) -> None:
        self._inner = inner
        self.calls: Counter[str] = Counter()
        self.parameters_used: list[argon2.Parameters] = []

    async def hash(self, password: str) -> str:
        self.calls["hash"] += 1
        return await self._inner.hash(password)

    async def verify(self, password_hash: str, password: str) -> bool:
        self.calls["verify"] += 1
        self.parameters_used.append(argon2.extract_parameters(password_hash))
        return await self._inner.verify(password_hash, password)

    async def verify_dummy(self, password: str) -> None:
        self.calls["verify"] += 1
        self.parameters_used.append(argon2.extract_parameters(self._inner._dummy_hash))
        await self._inner.verify_dummy(password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self._inner.needs_rehash(password_hash)


@pytest.fixture
async def log_in_with_recorder(hasher: Argon2PasswordHasher) -> tuple[LogIn, RecordingHasher]:
    uow, clock = MemoryUnitOfWorkFactory(), FixedClock()
    await SignUp(uow, hasher, clock, UlidGenerator())(
        SignupInput("ann", "ann@example.com", PASSWORD)
    )
    recorder = RecordingHasher(hasher)
    return LogIn(uow, recorder, RandomTokenMinter(), clock, LoginPolicy()), recorder


@pytest.mark.parametrize(
    ("login", "password"),
    [("ann", "wrong password"), ("nobody", "wrong password"), ("nobody@example.com", PASSWORD)],
    ids=["wrong-password", "unknown-username", "unknown-email"],
)
async def test_every_failed_log_in_runs_exactly_one_verification_of_the_same_cost(
    log_in_with_recorder, hasher, login, password
) -> None:
    log_in, recorder = log_in_with_recorder
    with pytest.raises(AuthenticationFailed, match="wrong username or password"):
        await log_in(login, password)

    real_hash_parameters = argon2.extract_parameters(await hasher.hash("any"))
    assert recorder.calls == Counter(verify=1)
    assert recorder.parameters_used == [real_hash_parameters]


async def test_a_successful_log_in_runs_one_verification_too(log_in_with_recorder) -> None:
    log_in, recorder = log_in_with_recorder
    await log_in("ANN", PASSWORD)
    assert recorder.calls == Counter(verify=1)


def test_argon2_defaults_are_at_least_owasps_minimum() -> None:
    defaults, settings = Argon2Parameters(), Settings()
    assert defaults.memory_kib >= OWASP_MEMORY_KIB and settings.argon2_memory_kib >= 19 * 1024
    assert defaults.time_cost >= OWASP_TIME_COST and settings.argon2_time_cost >= 2
    assert defaults.parallelism >= OWASP_PARALLELISM


async def test_a_hash_made_with_the_defaults_is_argon2id_with_those_parameters() -> None:
    stored = await Argon2PasswordHasher().hash(PASSWORD)
    parameters = argon2.extract_parameters(stored)
    assert parameters.type is argon2.Type.ID
    assert parameters.memory_cost >= OWASP_MEMORY_KIB
    assert parameters.time_cost >= OWASP_TIME_COST
    assert parameters.parallelism >= OWASP_PARALLELISM


class _GatedArgon2:
    """Stands in for the argon2 computation: it cannot finish until another coroutine
    has run, so it would hang (and fail) if it ran on the event loop's thread."""

    def __init__(self) -> None:
        self.other_coroutine_ran = threading.Event()

    def _wait(self) -> None:
        if not self.other_coroutine_ran.wait(timeout=5):
            raise AssertionError("the event loop was blocked while hashing")

    def hash(self, password: str) -> str:
        self._wait()
        return "$argon2id$gated"

    def verify(self, password_hash: str, password: str) -> bool:
        self._wait()
        return True


@pytest.mark.parametrize("operation", ["hash", "verify", "verify_dummy"])
async def test_hashing_runs_off_the_event_loop(hasher: Argon2PasswordHasher, operation) -> None:
    gate = _GatedArgon2()
    hasher._argon2 = gate  # type: ignore[assignment]
    calls = {
        "hash": lambda: hasher.hash(PASSWORD),
        "verify": lambda: hasher.verify("$argon2id$stored", PASSWORD),
        "verify_dummy": lambda: hasher.verify_dummy(PASSWORD),
    }
    hashing = asyncio.create_task(calls[operation]())
    await asyncio.sleep(0)  # the hashing task starts first, as a burst of log-ins would

    async def another_request() -> str:
        gate.other_coroutine_ran.set()
        return "served"

    assert await another_request() == "served"
    await hashing
    assert gate.other_coroutine_ran.is_set()
