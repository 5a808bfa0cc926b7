"""Readable demo text: names, bios and tweets built from small word lists."""

from __future__ import annotations

import random

from domain.tweet import MAX_TWEET_LENGTH


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Ada Alan Amara Ana Arjun Bea Bruno Chen Chloe Dara Diego Elif Emil Eva Farah Femi "
    "Grace Hana Hugo Ines Ivan Jonas Kai Kenji Lena Leo Lina Luca Maya Mei Mila Nadia "
    "Noah Nora Omar Priya Rosa Sami Sara Tariq Tess Theo Uma Vera Yara Yusuf Zoe"
)
LAST_NAMES = _words(
    "Adeyemi Alvarez Bauer Becker Chandra Costa Dubois Eriksen Fischer Garcia Haddad "
    "Hoffmann Ito Jensen Kaya Kowalski Larsen Lopez Moreau Mueller Nakamura Novak Okafor "
    "Olsen Park Petrov Quinn Rossi Santos Schmidt Silva Singh Tanaka Varga Wagner Weber "
    "Wong Yilmaz Zhang"
)
TOPICS = _words(
    "coffee rain trains jazz gardening chess climbing sourdough bicycles typography "
    "compilers databases birds tea football astronomy poetry ceramics sailing cats "
    "synthesizers maps podcasts knitting espresso photography hiking mushrooms"
)
WORDS = _words(
    "the a my this our every today tomorrow really quietly finally almost never always "
    "new old small big strange lovely slow fast bright late early good great odd "
    "morning evening weekend city river station market kitchen garden street office "
    "found made tried learned shipped fixed broke watched read heard saw built cooked "
    "with without about after before under over near into from and but so because"
)
OPENERS = (
    "Just",
    "Hot take:",
    "Reminder:",
    "TIL",
    "Anyone else",
    "Today I",
    "Small win:",
    "Thread:",
    "Honestly,",
    "PSA:",
)
EMOJI = ("", "", "", " :)", " !", " ...", " #chirp", " #til", " #weekend")


def display_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def bio(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return ""
    liked = rng.sample(TOPICS, 3)
    return f"Into {liked[0]}, {liked[1]} and {liked[2]}. Opinions my own."


def tweet_text(rng: random.Random, mention: str | None = None) -> str:
    """Mostly short, sometimes long, like real tweets; always within the limit."""
    length = min(int(rng.expovariate(1 / 12)) + 3, 60)
    words = [rng.choice(OPENERS), *rng.choices(WORDS, k=length)]
    if rng.random() < 0.5:
        # A third of the topics are tagged, so hashtag pages and trending have tweets.
        topic = rng.choice(TOPICS)
        words.insert(
            rng.randrange(1, len(words) + 1), f"#{topic}" if rng.random() < 0.35 else topic
        )
    if mention is not None:
        words.insert(0, f"@{mention}")
    text = " ".join(words) + rng.choice(EMOJI)
    return text[:MAX_TWEET_LENGTH].strip()
