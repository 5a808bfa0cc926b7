"""A profile with its tabs, its followers and following, and the follow button."""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from adapters.web.pages.forms import form_of, text_field
from adapters.web.rendering import local_path, page, page_request, redirect, wants_fragment
from adapters.web.session import AnyRequest, require_session, viewer_id_of

TABS = ("tweets", "with_replies", "likes")


async def _profile_page(request: AnyRequest, username: str, tab: str) -> Template:
    use_cases = request.app.state.use_cases
    viewer_id = viewer_id_of(request)
    shown = await use_cases.get_profile()(username, viewer_id)
    name = shown.profile.username
    paging = page_request(request)
    if tab == "likes":
        tweets = await use_cases.liked_tweets()(name, paging, viewer_id)
        entries = None
    else:
        entries = await use_cases.profile_tweets()(
            name, paging, viewer_id=viewer_id, include_replies=tab == "with_replies"
        )
        tweets = None
    if wants_fragment(request):
        if entries is not None:
            return await page(request, "fragments/entries.html", entries=entries)
        return await page(request, "fragments/tweets.html", tweets=tweets)
    return await page(request, "profile.html", shown=shown, tab=tab, entries=entries, tweets=tweets)


@get("/profiles/{username:str}", name="web_profile")
async def profile(request: AnyRequest, username: FromPath[str]) -> Template:
    return await _profile_page(request, username, "tweets")


@get("/profiles/{username:str}/with_replies", name="web_profile_replies")
async def profile_with_replies(request: AnyRequest, username: FromPath[str]) -> Template:
    return await _profile_page(request, username, "with_replies")


@get("/profiles/{username:str}/likes", name="web_profile_likes")
async def profile_likes(request: AnyRequest, username: FromPath[str]) -> Template:
    return await _profile_page(request, username, "likes")


async def _people(request: AnyRequest, username: str, which: str) -> Template:
    use_cases = request.app.state.use_cases
    shown = await use_cases.get_profile()(username, viewer_id_of(request))
    lister = use_cases.list_followers() if which == "followers" else use_cases.list_following()
    people = await lister(shown.profile.username, page_request(request))
    if wants_fragment(request):
        return await page(request, "fragments/people.html", people=people)
    return await page(request, "people.html", shown=shown, which=which, people=people)


@get("/profiles/{username:str}/followers", name="web_followers")
async def followers(request: AnyRequest, username: FromPath[str]) -> Template:
    return await _people(request, username, "followers")


@get("/profiles/{username:str}/following", name="web_following")
async def following(request: AnyRequest, username: FromPath[str]) -> Template:
    return await _people(request, username, "following")


async def _follow_act(request: AnyRequest, username: str, follow: bool) -> Template | Redirect:
    form = await form_of(request)
    use_cases = request.app.state.use_cases
    act = use_cases.follow_profile() if follow else use_cases.unfollow_profile()
    shown = await act(request.state.web_viewer_id, username)
    back = local_path(text_field(form, "next"), f"/profiles/{username}")
    if wants_fragment(request):
        return await page(request, "fragments/follow.html", shown=shown, next_path=back)
    return redirect(request, back)


@post("/profiles/{username:str}/follow", name="web_follow", guards=[require_session])
async def follow(request: AnyRequest, username: FromPath[str]) -> Template | Redirect:
    return await _follow_act(request, username, follow=True)


@post("/profiles/{username:str}/unfollow", name="web_unfollow", guards=[require_session])
async def unfollow(request: AnyRequest, username: FromPath[str]) -> Template | Redirect:
    return await _follow_act(request, username, follow=False)
