"""Tweet text turned into HTML: whatever the text, the page shows exactly it, and only
mentions and hashtags become links."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from adapters.web.text import linked_text

TAG = re.compile(r"<[^>]*>")
PIECES = st.sampled_from(["@alice", "#Tag", "#123", "a@b.com", "<script>", "&amp;", '"', " "])


@given(st.lists(st.one_of(st.text(max_size=20), PIECES), max_size=12).map("".join))
def test_the_page_shows_the_text_exactly_and_nothing_runs(text: str) -> None:
    rendered = str(linked_text(text))
    assert html.unescape(TAG.sub("", rendered)) == text
    # The only markup is our own links.
    assert all(tag.startswith(("<a href=", "</a")) for tag in TAG.findall(rendered))


def test_mentions_and_hashtags_become_links_at_their_boundaries() -> None:
    rendered = str(linked_text("@Alice and #Python, a@b.com, #123 and ##x", ["alice"]))
    assert '<a href="/profiles/Alice">@Alice</a>' in rendered
    assert '<a href="/hashtags/python">#Python</a>' in rendered
    assert "a@b.com" in rendered and "/profiles/b" not in rendered
    assert "#123" in rendered and "/hashtags/123" not in rendered
    assert "/hashtags/x" not in rendered


def test_unknown_names_stay_plain_text() -> None:
    assert str(linked_text("hi @ghost", [])) == "hi @ghost"
