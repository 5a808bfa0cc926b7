"""The home timeline and writing a tweet (with images, or as a reply)."""

from __future__ import annotations

from litestar import get, post
from litestar.response import Redirect, Template

from adapters.web.errors import error_page, messages_of, status_of
from adapters.web.pages.forms import ONE_IMAGE_BODY, files_in, form_of, read_image, text_field
from adapters.web.rendering import local_path, page, page_request, redirect, wants_fragment
from adapters.web.session import AnyRequest, require_session
from domain.errors import DomainError, InvalidInput
from domain.media import MAX_MEDIA_PER_TWEET

COMPOSE_BODY = MAX_MEDIA_PER_TWEET * ONE_IMAGE_BODY
SUGGESTED = 5


@get("/", name="web_home", guards=[require_session])
async def home(request: AnyRequest) -> Template:
    me = request.state.web_viewer
    use_cases = request.app.state.use_cases
    entries = await use_cases.home_timeline()(me.id, page_request(request))
    if wants_fragment(request):
        return await page(request, "fragments/entries.html", entries=entries)
    suggestions = []
    if not entries.items and me.following_count == 0:
        # A newcomer's timeline is empty: offer people to follow instead of nothing.
        suggestions = (await use_cases.follow_suggestions()(me.id))[:SUGGESTED]
    return await page(request, "home.html", entries=entries, suggestions=suggestions)


@post(
    "/tweets",
    name="web_compose",
    guards=[require_session],
    request_max_body_size=COMPOSE_BODY,
)
async def compose(request: AnyRequest) -> Template | Redirect:
    form = await form_of(request)
    use_cases = request.app.state.use_cases
    me = request.state.web_viewer
    back = local_path(text_field(form, "next"))
    images = files_in(form, "images")
    reply_to = text_field(form, "in_reply_to_id")
    try:
        if len(images) > MAX_MEDIA_PER_TWEET:
            raise InvalidInput.of("images", f"at most {MAX_MEDIA_PER_TWEET} images per tweet")
        upload = use_cases.upload_media()
        media_ids = [(await upload(me.id, await read_image(image))).id for image in images]
        await use_cases.create_tweet()(
            me.id, text_field(form, "text"), media_ids, in_reply_to_id=reply_to or None
        )
    except DomainError as error:
        return error_page(request, status_of(error), messages_of(error), back=back)
    return redirect(request, back)
