"""Property: a status's HTML says exactly its text, escaped, whatever the text; only the
adapter's own tags (links for mentions and hashtags, line breaks) are markup."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from adapters.mastodon.content import status_html

OWN_TAGS = re.compile(r'</?(?:p|span|a|br)(?: (?:class|href|rel)="[^"<>]*")*>')
TEXT = st.text(
    alphabet=st.sampled_from(list("ab_1 @#<>&\"'\n/=é")) | st.characters(codec="utf-8"),
    max_size=60,
)


@given(TEXT)
def test_the_html_is_the_escaped_text_and_nothing_else(text: str) -> None:
    html = status_html(text.replace("\r", ""), "https://chirp.example")
    assert "<script" not in html.lower()
    markup_free = OWN_TAGS.sub("", html.replace("<br>", "\n"))
    assert "<" not in markup_free and ">" not in markup_free
    assert unescape(markup_free) == text.replace("\r", "")


def test_mentions_and_hashtags_become_links_at_legal_boundaries_only() -> None:
    html = status_html("@ann #Tag a@b.com x#no", "https://c.example")
    assert html.count('class="u-url mention"') == 1 and 'href="https://c.example/@ann"' in html
    assert html.count('rel="tag"') == 1 and 'href="https://c.example/tags/tag"' in html
    assert "a@b.com x#no" in html
