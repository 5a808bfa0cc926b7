"""The OAuth use cases on the in-memory adapters: apps, the three grants, revocation,
scopes, and the rules of authorization codes (single use, short-lived, PKCE S256)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.security.argon2_hasher import Argon2PasswordHasher
from adapters.security.tokens import RandomTokenMinter
from adapters.system.clock import FixedClock
from adapters.system.ids import UlidGenerator
from application.accounts.login import LogIn, LoginPolicy
from application.accounts.sessions import Authenticate
from application.accounts.signup import SignUp, SignupInput
from application.oauth.apps import FindClient, RegisterApp
from application.oauth.grants import (
    AuthorizationRequest,
    AuthorizeClient,
    ClientCredentialsGrant,
    PasswordGrant,
    RedeemAuthorizationCode,
    ResolveGrant,
    RevokeToken,
)
from domain.errors import AuthenticationFailed, InvalidInput
from domain.oauth import OAuthError, parse_scopes, pkce_challenge, scopes_allow

PASSWORD = "open sesame"
CALLBACK = "https://app.example/callback"


class OAuth:
    def __init__(self, hasher: Argon2PasswordHasher, clock: FixedClock) -> None:
        uow, minter, ids, policy = (
            MemoryUnitOfWorkFactory(),
            RandomTokenMinter(),
            UlidGenerator(),
            LoginPolicy(),
        )
        self.clock = clock
        self.sign_up = SignUp(uow, hasher, clock, ids)
        self.log_in = LogIn(uow, hasher, minter, clock, policy)
        self.register = RegisterApp(uow, minter, clock, ids)
        self.find = FindClient(uow, minter)
        self.password = PasswordGrant(uow, hasher, minter, clock, policy)
        self.authorize = AuthorizeClient(uow, hasher, minter, clock, policy)
        self.redeem = RedeemAuthorizationCode(uow, minter, clock, policy)
        self.client_credentials = ClientCredentialsGrant(uow, minter, clock)
        self.revoke = RevokeToken(uow, minter)
        self.resolve = ResolveGrant(uow, minter, clock)
        self.authenticate = Authenticate(uow, minter, clock)


@pytest.fixture
async def oauth(hasher: Argon2PasswordHasher, clock: FixedClock) -> OAuth:
    system = OAuth(hasher, clock)
    await system.sign_up(SignupInput("alice", "alice@example.com", PASSWORD))
    return system


async def an_app(oauth: OAuth, scopes: str = "read write follow"):  # type: ignore[no-untyped-def]
    return await oauth.register(
        "Client <app>", f"urn:ietf:wg:oauth:2.0:oob {CALLBACK}", scopes, None
    )


def request_for(app, verifier: str | None = "v" * 50, scopes: str | None = "read"):  # type: ignore[no-untyped-def]
    return AuthorizationRequest(
        client_id=app.app.client_id,
        redirect_uri=CALLBACK,
        scopes=scopes,
        code_challenge=pkce_challenge(verifier) if verifier else None,
        code_challenge_method="S256" if verifier else None,
    )


async def test_a_registered_app_keeps_only_the_digest_of_its_secret(oauth: OAuth) -> None:
    registered = await an_app(oauth)
    assert registered.client_secret not in registered.app.secret_digest
    assert registered.app.redirect_uris == ("urn:ietf:wg:oauth:2.0:oob", CALLBACK)
    assert registered.app.scopes == {"read", "write", "follow"}


@pytest.mark.parametrize(
    ("name", "uris", "scopes", "field"),
    [("", "urn:ietf:wg:oauth:2.0:oob", "read", "client_name"),
     ("x", "not-a-uri", "read", "redirect_uris"),
     ("x", "urn:ietf:wg:oauth:2.0:oob", "read admin", "scopes")],
)  # fmt: skip
async def test_an_app_with_a_bad_field_is_refused_naming_it(
    oauth: OAuth, name: str, uris: str, scopes: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await oauth.register(name, uris, scopes, None)
    assert refused.value.problems[0].field == field


async def test_the_password_grant_issues_a_token_with_the_asked_scopes(oauth: OAuth) -> None:
    app = await an_app(oauth)
    token = await oauth.password(app.app.client_id, app.client_secret, "alice", PASSWORD, "read")
    grant = await oauth.resolve(token.secret, with_app=True)
    assert grant.scopes == {"read"} and grant.profile_id is not None
    assert grant.app is not None and grant.app.id == app.app.id


async def test_the_password_grant_refuses_a_wrong_secret_password_or_scope(oauth: OAuth) -> None:
    app = await an_app(oauth, "read")
    with pytest.raises(OAuthError) as wrong_secret:
        await oauth.password(app.app.client_id, "nope", "alice", PASSWORD, "read")
    with pytest.raises(OAuthError) as wrong_password:
        await oauth.password(app.app.client_id, app.client_secret, "alice", "nope", "read")
    with pytest.raises(OAuthError) as wider_scope:
        await oauth.password(app.app.client_id, app.client_secret, "alice", PASSWORD, "write")
    assert (wrong_secret.value.code, wrong_password.value.code, wider_scope.value.code) == (
        "invalid_client",
        "invalid_grant",
        "invalid_scope",
    )


async def test_a_code_with_pkce_is_redeemed_once(oauth: OAuth) -> None:
    app = await an_app(oauth)
    code = await oauth.authorize(request_for(app), "alice", PASSWORD)
    token = await oauth.redeem(app.app.client_id, None, code, CALLBACK, "v" * 50)
    assert (await oauth.resolve(token.secret)).scopes == {"read"}
    with pytest.raises(OAuthError) as again:
        await oauth.redeem(app.app.client_id, None, code, CALLBACK, "v" * 50)
    assert again.value.code == "invalid_grant"


async def test_a_wrong_verifier_is_refused_and_uses_the_code_up(oauth: OAuth) -> None:
    app = await an_app(oauth)
    code = await oauth.authorize(request_for(app), "alice", PASSWORD)
    with pytest.raises(OAuthError, match="PKCE"):
        await oauth.redeem(app.app.client_id, None, code, CALLBACK, "w" * 50)
    with pytest.raises(OAuthError, match="invalid, used or expired"):
        await oauth.redeem(app.app.client_id, None, code, CALLBACK, "v" * 50)


async def test_a_code_expires_after_ten_minutes(oauth: OAuth) -> None:
    app = await an_app(oauth)
    code = await oauth.authorize(request_for(app), "alice", PASSWORD)
    oauth.clock.advance(timedelta(minutes=10))
    with pytest.raises(OAuthError, match="expired"):
        await oauth.redeem(app.app.client_id, None, code, CALLBACK, "v" * 50)


async def test_a_code_without_pkce_needs_the_client_secret(oauth: OAuth) -> None:
    app = await an_app(oauth)
    code = await oauth.authorize(request_for(app, verifier=None), "alice", PASSWORD)
    with pytest.raises(OAuthError) as public:
        await oauth.redeem(app.app.client_id, None, code, CALLBACK, None)
    assert public.value.code == "invalid_client"
    again = await oauth.authorize(request_for(app, verifier=None), "alice", PASSWORD)
    token = await oauth.redeem(app.app.client_id, app.client_secret, again, CALLBACK, None)
    assert token.scopes == {"read"}


async def test_a_redirect_uri_the_app_did_not_register_is_refused(oauth: OAuth) -> None:
    app = await an_app(oauth)
    with pytest.raises(OAuthError, match="redirect_uri"):
        await oauth.find(app.app.client_id, "https://evil.example/", "read")
    code = await oauth.authorize(request_for(app), "alice", PASSWORD)
    with pytest.raises(OAuthError, match="redirect_uri"):
        await oauth.redeem(app.app.client_id, None, code, "urn:ietf:wg:oauth:2.0:oob", "v" * 50)


async def test_the_consent_refuses_a_wrong_password_and_plain_pkce(oauth: OAuth) -> None:
    app = await an_app(oauth)
    with pytest.raises(AuthenticationFailed):
        await oauth.authorize(request_for(app), "alice", "wrong")
    plain = AuthorizationRequest(app.app.client_id, CALLBACK, "read", "abc", "plain")
    with pytest.raises(OAuthError, match="S256"):
        await oauth.authorize(plain, "alice", PASSWORD)


async def test_client_credentials_give_an_app_token_without_a_user(oauth: OAuth) -> None:
    app = await an_app(oauth)
    token = await oauth.client_credentials(app.app.client_id, app.client_secret, "read")
    grant = await oauth.resolve(token.secret)
    assert grant.profile_id is None and grant.scopes == {"read"}


async def test_revoking_ends_the_apps_own_tokens_only(oauth: OAuth) -> None:
    app, other = await an_app(oauth), await an_app(oauth)
    mine = await oauth.password(app.app.client_id, app.client_secret, "alice", PASSWORD, "read")
    own = await oauth.log_in("alice", PASSWORD)  # Chirp's own token: no app may end it
    app_token = await oauth.client_credentials(app.app.client_id, app.client_secret, "read")
    await oauth.revoke(other.app.client_id, other.client_secret, mine.secret)
    assert (await oauth.resolve(mine.secret)).scopes == {"read"}
    await oauth.revoke(app.app.client_id, app.client_secret, mine.secret)
    await oauth.revoke(app.app.client_id, app.client_secret, own.secret)
    await oauth.revoke(app.app.client_id, app.client_secret, app_token.secret)
    for ended in (mine.secret, app_token.secret):
        with pytest.raises(AuthenticationFailed):
            await oauth.resolve(ended)
    assert (await oauth.resolve(own.secret)).scopes is None  # full access, still valid


async def test_a_scoped_token_does_not_open_chirps_own_api(oauth: OAuth) -> None:
    app = await an_app(oauth)
    token = await oauth.password(app.app.client_id, app.client_secret, "alice", PASSWORD, "read")
    with pytest.raises(AuthenticationFailed):
        await oauth.authenticate(token.secret)
    own = await oauth.log_in("alice", PASSWORD)
    assert await oauth.authenticate(own.secret)


async def test_an_unknown_token_is_refused(oauth: OAuth) -> None:
    with pytest.raises(AuthenticationFailed):
        await oauth.resolve("no such token")


SCOPE = st.sampled_from(
    ["read", "write", "follow", "push", "read:statuses", "write:statuses", "write:follows",
     "read:follows", "write:media", "read:notifications"]
)  # fmt: skip


@given(granted=st.frozensets(SCOPE, max_size=4), required=SCOPE)
def test_a_scope_is_allowed_by_itself_or_its_family(granted: frozenset[str], required: str) -> None:
    family = required.partition(":")[0]
    allowed = scopes_allow(granted, required)
    assert allowed == (
        required in granted
        or family in granted
        or ("follow" in granted and required in {"read:follows", "write:follows"})
    )
    assert scopes_allow(None, required), "Chirp's own tokens have full access"


@given(words=st.lists(SCOPE, min_size=1, max_size=5))
def test_parsing_scopes_reads_spaces_and_plus_signs(words: list[str]) -> None:
    assert parse_scopes(" ".join(words)) == parse_scopes("+".join(words)) == set(words)
