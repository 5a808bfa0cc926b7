"""The input rules of the API, stated once: each field type below carries its rule as
msgspec `Meta`, which both validates the request (msgspec) and writes the OpenAPI
document (Litestar reads the same `Meta`), so the two cannot drift. The numbers come
from the domain, which checks them again on the normalised value.

Texts are counted after NFC and trimming (see domain.rules), which a length in JSON
Schema cannot say; the patterns say it instead: surrounding whitespace is free, the
trimmed text has a bounded length and no control characters but newline and tab."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from domain.media import MAX_MEDIA_PER_TWEET
from domain.profile import (
    BIO_MAX,
    DISPLAY_NAME_MAX,
    EMAIL_MAX,
    PASSWORD_MAX,
    PASSWORD_MIN,
    USERNAME_PATTERN,
)
from domain.tweet import MAX_TWEET_LENGTH

# Control characters other than newline and tab (domain.rules.has_control_characters).
_CONTROL = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f"
# What str.strip() trims, spelled out: `\s` differs between Python and ECMAScript.
_SPACES = r"\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE = rf"[{_SPACES}]"
_VISIBLE = rf"[^{_SPACES}{_CONTROL}]"
_ALLOWED = rf"[^{_CONTROL}]"
_EMAIL_PART = rf"[^@{_SPACES}\u0000]"
# NUL is refused at the edge in every text (adapters.http.nul_characters).
_NO_NUL = r"^[^\u0000]*$"


def trimmed_text_pattern(
    maximum: int, *, minimum: int = 0, visible: str = _VISIBLE, allowed: str = _ALLOWED
) -> str:
    """A text of `minimum` (0 or 1) to `maximum` characters once trimmed."""
    core = rf"{visible}(?:{allowed}{{0,{maximum - 2}}}{visible})?"
    return rf"^{_SPACE}*(?:{core}){'' if minimum else '?'}{_SPACE}*$"


def trimmed_query_pattern(maximum: int) -> str:
    """A query: 1 to `maximum` characters once trimmed, any of them but NUL."""
    return trimmed_text_pattern(
        maximum, minimum=1, visible=rf"[^{_SPACES}\u0000]", allowed=r"[^\u0000]"
    )


# Compared, never validated (a log-in name, a current password, an id): any text but NUL.
AnyText = Annotated[str, Meta(pattern=_NO_NUL)]
Username = Annotated[
    str,
    Meta(pattern=f"^{USERNAME_PATTERN.pattern}$", description="1-30 letters, digits or _"),
]
Email = Annotated[
    str,
    Meta(
        max_length=EMAIL_MAX,
        pattern=rf"^{_SPACE}*{_EMAIL_PART}+@{_EMAIL_PART}+\.{_EMAIL_PART}+{_SPACE}*$",
        description=f"An email address, at most {EMAIL_MAX} characters",
    ),
]
NewPassword = Annotated[
    str,
    Meta(
        min_length=PASSWORD_MIN,
        max_length=PASSWORD_MAX,
        pattern=_NO_NUL,
        description=f"{PASSWORD_MIN}-{PASSWORD_MAX} characters",
    ),
]
DisplayName = Annotated[
    str,
    Meta(
        pattern=trimmed_text_pattern(DISPLAY_NAME_MAX, minimum=1),
        description=f"1-{DISPLAY_NAME_MAX} characters once trimmed (NFC), no control characters",
    ),
]
Bio = Annotated[
    str,
    Meta(
        pattern=trimmed_text_pattern(BIO_MAX),
        description=f"At most {BIO_MAX} characters once trimmed (NFC), no control characters",
    ),
]
TweetText = Annotated[
    str,
    Meta(
        pattern=trimmed_text_pattern(MAX_TWEET_LENGTH),
        description=(
            f"At most {MAX_TWEET_LENGTH} characters once trimmed (code points after NFC),"
            " no control characters but newline and tab; empty only with media"
        ),
    ),
]
MediaIds = Annotated[
    list[AnyText],
    Meta(
        max_length=MAX_MEDIA_PER_TWEET,
        description=f"Up to {MAX_MEDIA_PER_TWEET} distinct ids of your uploads no tweet uses yet",
    ),
]
