"""Tweet text as HTML: every character escaped, then mentions and hashtags made links."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from markupsafe import Markup, escape

# The contract's boundaries: not preceded or followed by a word character or the sigil.
MENTION = re.compile(r"(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{1,30})(?![A-Za-z0-9_@])")
HASHTAG = re.compile(r"(?<![\w#])#(\w{1,50})(?![\w#])")
TOKEN = re.compile(f"{MENTION.pattern}|{HASHTAG.pattern}")


def linked_text(text: str, mentioned: Iterable[str] | None = None) -> Markup:
    """`mentioned` are the usernames the tweet really mentions (any case); None links
    every well-formed @name."""
    known = None if mentioned is None else {name.lower() for name in mentioned}
    parts: list[str] = []
    last = 0
    for match in TOKEN.finditer(text):
        name, tag = match.group(1), match.group(2)
        if name is not None and (known is None or name.lower() in known):
            link = f'<a href="/profiles/{quote(name)}">@{escape(name)}</a>'
        elif tag is not None and not tag.isdigit():
            link = f'<a href="/hashtags/{quote(tag.casefold())}">#{escape(tag)}</a>'
        else:
            continue
        parts.append(str(escape(text[last : match.start()])))
        parts.append(link)
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))
