"""Accounts: who is signed in, profiles by id, their statuses and follows."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, patch, post
from litestar.params import FromPath

from adapters.mastodon import convert
from adapters.mastodon import entities as m
from adapters.mastodon.auth import use_cases, user_id, viewer_id
from adapters.mastodon.errors import ApiError
from adapters.mastodon.paging import cursor_page, id_page, link_header, newer_only, window_of
from adapters.mastodon.requests import AnyRequest, base_url, params_of
from adapters.mastodon.routes.statuses_lookup import tweet_moment
from application.accounts.me import ProfileEdit
from application.pagination import Page, PageRequest
from domain.errors import InvalidInput, NotFound
from domain.profile import Profile


async def profile_by_id(request: AnyRequest, account_id: FromPath[str]) -> Profile:
    found: Profile = await use_cases(request).get_me()(account_id)
    return found


@get("/api/v1/accounts/verify_credentials")
async def verify_credentials(request: AnyRequest) -> m.Account:
    me = await user_id(request, "read:accounts")
    return convert.credential_account(await profile_by_id(request, me), base_url(request))


@patch("/api/v1/accounts/update_credentials")
async def update_credentials(request: AnyRequest) -> m.Account:
    me = await user_id(request, "write:accounts")
    params = await params_of(request)
    cases = use_cases(request)
    profile = await profile_by_id(request, me)
    display_name, note = params.get("display_name"), params.get("note")
    if display_name is not None or note is not None:
        profile = await cases.edit_profile()(me, ProfileEdit(display_name=display_name, bio=note))
    avatar = params.file("avatar")
    if avatar is not None:
        profile = await cases.set_profile_picture()(me, await avatar.read())
    return convert.credential_account(profile, base_url(request))


@get("/api/v1/accounts/lookup")
async def lookup(request: AnyRequest) -> m.Account:
    await viewer_id(request, "read:accounts")
    params = await params_of(request)
    acct = (params.get("acct") or "").strip().lstrip("@")
    username, _, _domain = acct.partition("@")
    if not username:
        raise NotFound("profile")
    view = await use_cases(request).get_profile()(username)
    return convert.account(view.profile, base_url(request))


@get("/api/v1/accounts/search")
async def search_accounts(request: AnyRequest) -> list[m.Account]:
    await viewer_id(request, "read:accounts")
    params = await params_of(request)
    found = await find_accounts(request, params.get("q") or "", window_of(params).limit)
    return found


async def find_accounts(request: AnyRequest, q: str, limit: int) -> list[m.Account]:
    """Profiles whose username or display name starts with the query (`@` and a
    domain part are dropped, as every account here is local)."""
    query = q.strip().lstrip("@").partition("@")[0]
    if not query:
        return []
    try:
        found: Page[Profile] = await use_cases(request).search_profiles()(
            query, PageRequest(limit=limit)
        )
    except InvalidInput:
        return []
    base = base_url(request)
    return [convert.account(p, base) for p in found.items]


@get("/api/v1/accounts/relationships")
async def relationships(request: AnyRequest) -> list[m.Relationship]:
    me = await user_id(request, "read:follows")
    params = await params_of(request)
    answers = []
    for account_id in params.many("id")[:40]:
        try:
            answers.append(await relationship(request, me, account_id))
        except NotFound:
            continue
    return answers


async def relationship(request: AnyRequest, me: str, account_id: FromPath[str]) -> m.Relationship:
    cases = use_cases(request)
    other = await profile_by_id(request, account_id)
    mine = await profile_by_id(request, me)
    following = (await cases.get_profile()(other.username, me)).followed_by_me
    followed_by = (await cases.get_profile()(mine.username, other.id)).followed_by_me
    return m.Relationship(id=other.id, following=following, followed_by=followed_by)


@get("/api/v1/accounts/{account_id:str}")
async def get_account(request: AnyRequest, account_id: FromPath[str]) -> m.Account:
    await viewer_id(request, "read:accounts")
    return convert.account(await profile_by_id(request, account_id), base_url(request))


@get("/api/v1/accounts/{account_id:str}/statuses")
async def account_statuses(request: AnyRequest, account_id: FromPath[str]) -> Response[Any]:
    viewer = await viewer_id(request, "read:statuses")
    params = await params_of(request)
    window = window_of(params)
    profile = await profile_by_id(request, account_id)
    base = base_url(request)
    if params.flag("pinned"):  # Chirp has no pinned statuses
        return Response([], headers={})
    page = await id_page(window, lambda i: tweet_moment(request, i))
    found = await use_cases(request).profile_tweets()(
        profile.username,
        page,
        include_retweets=not params.flag("exclude_reblogs"),
        include_replies=not params.flag("exclude_replies"),
        viewer_id=viewer,
    )
    entries = newer_only(found.items, [e.key for e in found.items], window)
    if params.flag("only_media"):
        entries = [e for e in entries if e.tweet.media]  # type: ignore[attr-defined]
    statuses = [convert.entry_status(e, base, signed_in=viewer is not None) for e in entries]  # type: ignore[arg-type]
    return _with_links(request, statuses, found)


def _with_links(request: AnyRequest, statuses: list[m.Status], found: Page[Any]) -> Response[Any]:
    last = statuses[-1].id if statuses and found.next_cursor else None
    first = statuses[0].id if statuses else None
    return Response(statuses, headers=link_header(request, last, first))


async def _people(request: AnyRequest, account_id: str, which: str) -> Response[Any]:
    await viewer_id(request, "read:accounts")
    window = window_of(await params_of(request), highest=80)
    profile = await profile_by_id(request, account_id)
    lister = getattr(use_cases(request), which)()
    found: Page[Profile] = await lister(profile.username, cursor_page(window))
    base = base_url(request)
    people = [convert.account(p, base) for p in found.items]
    return Response(people, headers=link_header(request, found.next_cursor, None))


@get("/api/v1/accounts/{account_id:str}/followers")
async def followers(request: AnyRequest, account_id: FromPath[str]) -> Response[Any]:
    return await _people(request, account_id, "list_followers")


@get("/api/v1/accounts/{account_id:str}/following")
async def following(request: AnyRequest, account_id: FromPath[str]) -> Response[Any]:
    return await _people(request, account_id, "list_following")


@post("/api/v1/accounts/{account_id:str}/follow", status_code=200)
async def follow(request: AnyRequest, account_id: FromPath[str]) -> m.Relationship:
    me = await user_id(request, "write:follows")
    if account_id == me:
        raise ApiError(403, "You cannot follow yourself")
    other = await profile_by_id(request, account_id)
    await use_cases(request).follow_profile()(me, other.username)
    return await relationship(request, me, account_id)


@post("/api/v1/accounts/{account_id:str}/unfollow", status_code=200)
async def unfollow(request: AnyRequest, account_id: FromPath[str]) -> m.Relationship:
    me = await user_id(request, "write:follows")
    other = await profile_by_id(request, account_id)
    await use_cases(request).unfollow_profile()(me, other.username)
    return await relationship(request, me, account_id)


ROUTES = [
    verify_credentials,
    update_credentials,
    lookup,
    search_accounts,
    relationships,
    get_account,
    account_statuses,
    followers,
    following,
    follow,
    unfollow,
]
