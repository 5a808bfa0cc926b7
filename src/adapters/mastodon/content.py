"""A status's `content`: HTML built from the plain text. Everything is escaped; mentions
and hashtags become links, line breaks become <br>, as Mastodon renders them."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

# `@name` and `#tag` not glued to a word character before or after (as Chirp reads them).
ENTITY = re.compile(r"(?<![\w@#])([@#])(\w{1,50})(?![\w@#])")
NAME = re.compile(r"[A-Za-z0-9_]{1,30}")


def status_html(text: str, base: str) -> str:
    parts: list[str] = []
    position = 0
    for match in ENTITY.finditer(text):
        sigil, word = match.group(1), match.group(2)
        if sigil == "@" and NAME.fullmatch(word):
            href = f"{base}/@{word}"
            link = (
                f'<span class="h-card"><a href="{escape(href)}" class="u-url mention">'
                f"@<span>{escape(word)}</span></a></span>"
            )
        elif sigil == "#" and not word.isdigit():
            href = f"{base}/tags/{quote(word.casefold())}"
            link = (
                f'<a href="{escape(href)}" class="mention hashtag" rel="tag">'
                f"#<span>{escape(word)}</span></a>"
            )
        else:
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(link)
        position = match.end()
    parts.append(escape(text[position:]))
    body = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>")
    return f"<p>{body}</p>"


def note_html(bio: str) -> str:
    return f"<p>{escape(bio)}</p>".replace("\n", "<br>") if bio else ""
