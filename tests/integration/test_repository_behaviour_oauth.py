"""The repository behaviour suite for OAuth clients, codes and scoped tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.oauth import AppToken, AuthorizationCode, OAuthApp
from domain.token import AccessToken
from tests.conftest import BACKENDS
from tests.integration.test_repository_behaviour_accounts import a_profile

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True)

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


def an_app(n: int = 1) -> OAuthApp:
    return OAuthApp(
        id=f"01A{n:023d}",
        client_id=f"client-{n}",
        secret_digest="d" * 64,
        name=f"App {n} <b>",
        redirect_uris=("urn:ietf:wg:oauth:2.0:oob", "https://app.example/cb"),
        scopes=frozenset({"read", "write:statuses"}),
        website=None,
        created_at=NOW,
    )


def a_code(digest: str = "c" * 64) -> AuthorizationCode:
    return AuthorizationCode(
        digest=digest,
        app_id=an_app().id,
        profile_id=a_profile(1).id,
        redirect_uri="https://app.example/cb",
        scopes=frozenset({"read"}),
        code_challenge="abc",
        created_at=NOW,
        expires_at=NOW + timedelta(minutes=10),
    )


async def _setup(uow_factory) -> None:  # type: ignore[no-untyped-def]
    async with uow_factory() as uow:
        await uow.profiles.add(a_profile(1))
        await uow.oauth.add_app(an_app())
        await uow.commit()


async def test_an_app_is_found_by_id_and_client_id(uow_factory):
    await _setup(uow_factory)
    async with uow_factory(read_only=True) as uow:
        assert await uow.oauth.app(an_app().id) == an_app()
        assert await uow.oauth.app_by_client_id("client-1") == an_app()
        assert await uow.oauth.app_by_client_id("client-2") is None


async def test_a_code_is_taken_once(uow_factory):
    await _setup(uow_factory)
    async with uow_factory() as uow:
        await uow.oauth.add_code(a_code())
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.oauth.take_code(a_code().digest) == a_code()
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.oauth.take_code(a_code().digest) is None


async def test_a_taken_code_comes_back_when_the_transaction_rolls_back(uow_factory):
    await _setup(uow_factory)
    async with uow_factory() as uow:
        await uow.oauth.add_code(a_code())
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.oauth.take_code(a_code().digest) is not None
    async with uow_factory() as uow:
        assert await uow.oauth.take_code(a_code().digest) == a_code()


async def test_app_tokens_are_stored_and_revoked(uow_factory):
    await _setup(uow_factory)
    token = AppToken(
        digest="t" * 64, app_id=an_app().id, scopes=frozenset({"read"}), created_at=NOW
    )
    async with uow_factory() as uow:
        await uow.oauth.add_app_token(token)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.oauth.app_token(token.digest) == token
    async with uow_factory() as uow:
        await uow.oauth.revoke_app_token(token.digest)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        found = await uow.oauth.app_token(token.digest)
    assert found is not None and found.revoked


async def test_access_tokens_keep_their_scopes_and_app_and_own_tokens_have_none(uow_factory):
    await _setup(uow_factory)
    scoped = AccessToken(
        digest="s" * 64,
        profile_id=a_profile(1).id,
        created_at=NOW,
        expires_at=NOW + timedelta(days=1),
        scopes=frozenset({"read", "write:statuses"}),
        app_id=an_app().id,
    )
    own = AccessToken(
        digest="o" * 64,
        profile_id=a_profile(1).id,
        created_at=NOW,
        expires_at=NOW + timedelta(days=1),
    )
    async with uow_factory() as uow:
        await uow.tokens.add(scoped)
        await uow.tokens.add(own)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        assert await uow.tokens.get(scoped.digest) == scoped
        assert await uow.tokens.get(own.digest) == own
