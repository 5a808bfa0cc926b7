"""Every accounts use case on the in-memory adapters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.security.argon2_hasher import Argon2PasswordHasher
from adapters.security.tokens import RandomTokenMinter
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.accounts.get_profile import GetProfile
from application.accounts.login import LogIn, LoginPolicy
from application.accounts.me import ChangePassword, EditProfile, GetMe, ProfileEdit
from application.accounts.sessions import Authenticate, LogOut
from application.accounts.signup import SignUp, SignupInput
from application.health import CheckHealth
from domain.errors import AuthenticationFailed, Conflict, InvalidInput, NotFound, TooManyAttempts

PASSWORD = "open sesame"


class Accounts:
    """The use cases wired on memory adapters, as the container would wire them."""

    def __init__(self, hasher: Argon2PasswordHasher, clock: FixedClock) -> None:
        self.uow = MemoryUnitOfWorkFactory()
        self.clock = clock
        minter = RandomTokenMinter()
        self.sign_up = SignUp(self.uow, hasher, clock, UlidGenerator())
        self.log_in = LogIn(self.uow, hasher, minter, clock, LoginPolicy())
        self.authenticate = Authenticate(self.uow, minter, clock)
        self.log_out = LogOut(self.uow, minter)
        self.get_me = GetMe(self.uow)
        self.edit = EditProfile(self.uow)
        self.change_password = ChangePassword(self.uow, hasher, minter)
        self.get_profile = GetProfile(self.uow)

    async def register(self, username: str) -> str:
        profile = await self.sign_up(SignupInput(username, f"{username}@example.com", PASSWORD))
        return profile.id


@pytest.fixture
def accounts(hasher: Argon2PasswordHasher, clock: FixedClock) -> Accounts:
    return Accounts(hasher, clock)


async def test_sign_up_stores_an_argon2id_hash_never_the_password(accounts: Accounts) -> None:
    profile_id = await accounts.register("ann")
    stored = await accounts.get_me(profile_id)
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


async def test_sign_up_refuses_taken_usernames_in_any_case_and_taken_emails(
    accounts: Accounts,
) -> None:
    await accounts.register("ann")
    with pytest.raises(Conflict) as name_taken:
        await accounts.sign_up(SignupInput("ANN", "other@example.com", PASSWORD))
    assert name_taken.value.field == "username"
    with pytest.raises(Conflict) as email_taken:
        await accounts.sign_up(SignupInput("other", "ANN@example.com", PASSWORD))
    assert email_taken.value.field == "email"


async def test_sign_up_validates_before_storing_anything(accounts: Accounts) -> None:
    with pytest.raises(InvalidInput):
        await accounts.sign_up(SignupInput("ann", "ann@example.com", "short"))
    with pytest.raises(NotFound):
        await accounts.get_profile("ann")


async def test_log_in_then_authenticate_then_log_out(accounts: Accounts) -> None:
    profile_id = await accounts.register("ann")
    issued = await accounts.log_in("Ann", PASSWORD)
    assert issued.expires_at == accounts.clock.now() + timedelta(days=30)
    assert await accounts.authenticate(issued.secret) == profile_id
    await accounts.log_out(issued.secret)
    with pytest.raises(AuthenticationFailed):
        await accounts.authenticate(issued.secret)


async def test_tokens_are_stored_only_as_digests(accounts: Accounts) -> None:
    await accounts.register("ann")
    issued = await accounts.log_in("ann", PASSWORD)
    stored = accounts.uow.database.tables.tokens
    assert issued.secret not in stored
    assert all(issued.secret not in repr(token) for token in stored.values())


async def test_tokens_expire(accounts: Accounts) -> None:
    await accounts.register("ann")
    issued = await accounts.log_in("ann", PASSWORD)
    accounts.clock.advance(timedelta(days=30))
    with pytest.raises(AuthenticationFailed):
        await accounts.authenticate(issued.secret)


async def test_wrong_password_and_unknown_account_fail_alike(accounts: Accounts) -> None:
    await accounts.register("ann")
    with pytest.raises(AuthenticationFailed) as wrong:
        await accounts.log_in("ann", "not the password")
    with pytest.raises(AuthenticationFailed) as unknown:
        await accounts.log_in("nobody", "not the password")
    assert str(wrong.value) == str(unknown.value)


async def test_eleventh_attempt_within_15_minutes_is_throttled_then_freed(
    accounts: Accounts,
) -> None:
    await accounts.register("ann")
    for _ in range(10):
        with pytest.raises(AuthenticationFailed):
            await accounts.log_in("ann", "not the password")
    with pytest.raises(TooManyAttempts) as throttled:
        await accounts.log_in("ann", PASSWORD)
    assert 1 <= throttled.value.retry_after_seconds <= 15 * 60 + 1
    accounts.clock.advance(timedelta(minutes=15, seconds=1))
    assert (await accounts.log_in("ann", PASSWORD)).secret


async def test_throttling_one_account_leaves_others_and_existing_tokens_alone(
    accounts: Accounts,
) -> None:
    await accounts.register("ann")
    await accounts.register("bob")
    earlier = await accounts.log_in("ann", PASSWORD)
    for _ in range(10):
        with pytest.raises(AuthenticationFailed):
            await accounts.log_in("ann@example.com", "wrong password")
    with pytest.raises(TooManyAttempts):
        await accounts.log_in("ANN", PASSWORD)
    assert (await accounts.log_in("bob", PASSWORD)).secret
    assert await accounts.authenticate(earlier.secret)


async def test_a_successful_login_clears_earlier_failures(accounts: Accounts) -> None:
    await accounts.register("ann")
    for _ in range(9):
        with pytest.raises(AuthenticationFailed):
            await accounts.log_in("ann", "wrong password")
    await accounts.log_in("ann", PASSWORD)
    for _ in range(9):
        with pytest.raises(AuthenticationFailed):
            await accounts.log_in("ann", "wrong password")
    assert (await accounts.log_in("ann", PASSWORD)).secret


async def test_edit_profile_changes_fields_and_checks_uniqueness(accounts: Accounts) -> None:
    ann = await accounts.register("ann")
    await accounts.register("bob")
    edited = await accounts.edit(ann, ProfileEdit(display_name="Ann B", bio="hello"))
    assert (edited.display_name, edited.bio) == ("Ann B", "hello")
    with pytest.raises(Conflict):
        await accounts.edit(ann, ProfileEdit(username="Bob"))
    with pytest.raises(Conflict):
        await accounts.edit(ann, ProfileEdit(email="bob@EXAMPLE.com"))
    assert (await accounts.edit(ann, ProfileEdit(username="ANN"))).username == "ANN"
    assert (await accounts.get_me(ann)).username == "ANN"


async def test_change_password_revokes_every_other_token(accounts: Accounts) -> None:
    ann = await accounts.register("ann")
    current = await accounts.log_in("ann", PASSWORD)
    other = await accounts.log_in("ann", PASSWORD)
    await accounts.change_password(ann, current.secret, PASSWORD, "new password!")
    assert await accounts.authenticate(current.secret) == ann
    with pytest.raises(AuthenticationFailed):
        await accounts.authenticate(other.secret)
    with pytest.raises(AuthenticationFailed):
        await accounts.log_in("ann", PASSWORD)
    assert await accounts.log_in("ann", "new password!")


async def test_change_password_needs_the_current_one(accounts: Accounts) -> None:
    ann = await accounts.register("ann")
    current = await accounts.log_in("ann", PASSWORD)
    with pytest.raises(AuthenticationFailed):
        await accounts.change_password(ann, current.secret, "guess", "new password!")
    assert await accounts.log_in("ann", PASSWORD)


async def test_get_profile_ignores_case(accounts: Accounts) -> None:
    await accounts.register("Ann")
    view = await accounts.get_profile("aNN")
    assert view.profile.username == "Ann"
    assert view.followed_by_me is False


async def test_health_reports_storage_reachable(accounts: Accounts) -> None:
    assert await CheckHealth(accounts.uow)() is True
