from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from application.ports.security import PasswordHasher, TokenMinter
from application.ports.system import Clock
from application.ports.unit_of_work import UnitOfWork
from application.transaction import UnitOfWorkFactory, retry_on_conflict
from domain.errors import AuthenticationFailed, TooManyAttempts
from domain.profile import Profile, email_key, username_key
from domain.token import AccessToken


@dataclass(frozen=True)
class LoginPolicy:
    token_lifetime: timedelta = timedelta(days=30)
    failure_window: timedelta = timedelta(minutes=15)
    max_failures: int = 10


@dataclass(frozen=True)
class IssuedToken:
    secret: str
    expires_at: datetime


class PasswordCheck:
    """Username or email, any case. One answer for a wrong password and an unknown
    account, in the same time, so nobody learns which accounts exist. Failures are
    counted in storage and throttle further attempts."""

    def __init__(self, hasher: PasswordHasher, clock: Clock, policy: LoginPolicy) -> None:
        self._hasher, self._clock, self._policy = hasher, clock, policy

    async def verified(self, uow: UnitOfWork, login: str, password: str) -> Profile:
        """The profile; on a failure the failure is committed, then AuthenticationFailed."""
        now = self._clock.now()
        profile = await self._find(uow, login)
        throttle_key = profile.id if profile else f"login:{login.strip().lower()}"
        await self._refuse_if_throttled(uow, throttle_key, now)
        if profile is None:
            await self._hasher.verify_dummy(password)
            verified = False
        else:
            verified = await self._hasher.verify(profile.password_hash, password)
        if not verified:
            await uow.login_failures.record(throttle_key, now)
            await uow.commit()
            raise AuthenticationFailed("wrong username or password")
        assert profile is not None
        await uow.login_failures.clear(throttle_key)
        if self._hasher.needs_rehash(profile.password_hash):
            rehashed = await self._hasher.hash(password)
            await uow.profiles.update(profile.with_password_hash(rehashed))
        return profile

    @staticmethod
    async def _find(uow: UnitOfWork, login: str) -> Profile | None:
        login = login.strip()
        if "@" in login:
            return await uow.profiles.get_by_email(email_key(login))
        return await uow.profiles.get_by_username(username_key(login))

    async def _refuse_if_throttled(self, uow: UnitOfWork, key: str, now: datetime) -> None:
        window_start = now - self._policy.failure_window
        failures = await uow.login_failures.since(key, window_start)
        if len(failures) >= self._policy.max_failures:
            oldest_that_counts = failures[-self._policy.max_failures]
            free_at = oldest_that_counts + self._policy.failure_window
            raise TooManyAttempts(int((free_at - now).total_seconds()) + 1)


class LogIn:
    """Chirp's own log-in: a token with full access."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        minter: TokenMinter,
        clock: Clock,
        policy: LoginPolicy,
    ) -> None:
        self._uow, self._minter, self._clock, self._policy = uow, minter, clock, policy
        self._check = PasswordCheck(hasher, clock, policy)

    @retry_on_conflict
    async def __call__(self, login: str, password: str) -> IssuedToken:
        async with self._uow() as uow:
            profile = await self._check.verified(uow, login, password)
            now = self._clock.now()
            secret = self._minter.new_secret()
            token = AccessToken(
                digest=self._minter.digest(secret),
                profile_id=profile.id,
                created_at=now,
                expires_at=now + self._policy.token_lifetime,
            )
            await uow.tokens.add(token)
            await uow.commit()
        return IssuedToken(secret=secret, expires_at=token.expires_at)
