"""The repository behaviour suite for accounts, run on every storage backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from application.ports.unit_of_work import TransientConflict
from domain.errors import Conflict
from domain.profile import Profile
from domain.token import AccessToken
from tests.conftest import BACKENDS

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


def a_profile(n: int = 1, **overrides: object) -> Profile:
    fields: dict[str, object] = {
        "id": f"01P{n:023d}",
        "username": f"User_{n}",
        "email": f"user{n}@example.com",
        "display_name": f"User {n}",
        "bio": "",
        "created_at": NOW,
        "password_hash": "$argon2id$fake",
    }
    fields.update(overrides)
    return Profile(**fields)  # type: ignore[arg-type]


async def test_a_committed_profile_is_found_by_id_username_and_email_in_any_case(uow_factory):
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(1))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        by_id = await uow.profiles.get(a_profile(1).id)
        by_name = await uow.profiles.get_by_username("user_1")
        by_email = await uow.profiles.get_by_email("USER1@EXAMPLE.COM")
    assert by_id == a_profile(1)
    assert by_name == by_email == by_id
    assert by_id is not None and by_id.created_at == NOW


async def test_leaving_without_commit_rolls_back(uow_factory):
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(1))
    async with uow_factory(read_only=True) as uow:
        assert await uow.profiles.get(a_profile(1).id) is None


async def test_an_error_inside_the_block_rolls_back(uow_factory):
    with pytest.raises(RuntimeError):
        async with uow_factory() as uow:
            await uow.profiles.add(a_profile(1))
            raise RuntimeError("boom")
    async with uow_factory(read_only=True) as uow:
        assert await uow.profiles.get(a_profile(1).id) is None


async def test_update_changes_editable_fields_but_never_counts(uow_factory):
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(1))
        await uow.commit()
    edited = a_profile(1, username="Renamed", bio="hello", followers_count=99)
    async with uow_factory() as uow:
        await uow.profiles.update(edited)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        stored = await uow.profiles.get(edited.id)
        assert await uow.profiles.get_by_username("renamed") == stored
        assert await uow.profiles.get_by_username("user_1") is None
    assert stored is not None
    assert (stored.username, stored.bio, stored.followers_count) == ("Renamed", "hello", 0)


async def test_get_many_returns_only_existing_profiles(uow_factory):
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(1))
        await uow.profiles.add(a_profile(2))
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        found = await uow.profiles.get_many([a_profile(1).id, a_profile(2).id, "missing"])
    assert set(found) == {a_profile(1).id, a_profile(2).id}


async def test_a_username_differing_only_in_case_is_refused_by_storage(uow_factory, database_url):
    if database_url == "memory://":
        pytest.skip("the memory adapter relies on the use case's check, as its lock serialises")
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(1))
        await uow.commit()
    with pytest.raises((Conflict, TransientConflict)):
        async with uow_factory() as uow:
            await uow.profiles.add(a_profile(2, username="USER_1"))
            await uow.commit()


async def test_tokens_are_stored_by_digest_and_revoked(uow_factory):
    token = AccessToken("d1", a_profile(1).id, NOW, NOW + timedelta(days=30))
    other = AccessToken("d2", a_profile(1).id, NOW, NOW + timedelta(days=30))
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(1))
        await uow.tokens.add(token)
        await uow.tokens.add(other)
        await uow.commit()
    async with uow_factory() as uow:
        await uow.tokens.revoke("d1")
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert (await uow.tokens.get("d1")) == AccessToken(**{**token.__dict__, "revoked": True})
        assert (await uow.tokens.get("d2")) == other
        assert await uow.tokens.get("unknown") is None


async def test_revoke_all_of_a_profile_keeps_the_excepted_token(uow_factory):
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(1))
        await uow.profiles.add(a_profile(2))
        for digest, owner in [("a", 1), ("b", 1), ("c", 2)]:
            expires = NOW + timedelta(days=1)
            await uow.tokens.add(AccessToken(digest, a_profile(owner).id, NOW, expires))
        await uow.commit()
    async with uow_factory() as uow:
        await uow.tokens.revoke_all_of(a_profile(1).id, except_digest="b")
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        revoked = {d: (await uow.tokens.get(d)).revoked for d in "abc"}  # type: ignore[union-attr]
    assert revoked == {"a": True, "b": False, "c": False}


async def test_login_failures_are_counted_per_account_within_a_window(uow_factory):
    async with uow_factory() as uow:
        for minutes in (0, 5, 10):
            await uow.login_failures.record("acct", NOW + timedelta(minutes=minutes))
        await uow.login_failures.record("other", NOW)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        recent = await uow.login_failures.since("acct", NOW + timedelta(minutes=5))
    assert recent == [NOW + timedelta(minutes=5), NOW + timedelta(minutes=10)]
    async with uow_factory() as uow:
        await uow.login_failures.clear("acct")
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.login_failures.since("acct", NOW) == []
        assert await uow.login_failures.since("other", NOW) == [NOW]
