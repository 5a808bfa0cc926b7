"""Small generated images for seeded avatars and tweet media: flat colours and shapes,
no metadata, so they look like what an upload becomes after processing."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

from chirp.seeding.ids import moment, seeded_id
from domain.media import Media

AVATAR_SIZE = (96, 96)
PHOTO_SIZE = (320, 240)
VARIANTS = 12
AVATAR_SHARE = 0.7
PHOTO_SHARE = 0.05


@dataclass(frozen=True)
class Picture:
    data: bytes
    content_type: str
    width: int
    height: int


@dataclass(frozen=True)
class SeedPicture:
    media: Media
    picture: Picture


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randrange(40, 230), rng.randrange(40, 230), rng.randrange(40, 230))


def _render(rng: random.Random, size: tuple[int, int], image_format: str) -> Picture:
    image = Image.new("RGB", size, _colour(rng))
    draw = ImageDraw.Draw(image)
    width, height = size
    for _ in range(rng.randint(2, 5)):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(8, max(9, min(width, height) // 2))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_colour(rng))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    content_type = "image/png" if image_format == "PNG" else "image/jpeg"
    return Picture(buffer.getvalue(), content_type, width, height)


def avatar_variants(rng: random.Random) -> list[Picture]:
    return [_render(rng, AVATAR_SIZE, "PNG") for _ in range(VARIANTS)]


def photo_variants(rng: random.Random) -> list[Picture]:
    return [_render(rng, PHOTO_SIZE, "JPEG") for _ in range(VARIANTS)]


def extension_of(content_type: str) -> str:
    return "png" if content_type == "image/png" else "jpg"


def picture_records(
    seed: int,
    profile_ids: list[str],
    joined: list[float],
    tweet_ids: list[str],
    authors: list[int],
    posted: list[float],
) -> tuple[list[SeedPicture], dict[int, str]]:
    """Avatars for most profiles and photos on a few tweets: their media records (with the
    bytes to store) and each pictured profile's picture key."""
    rng = random.Random(f"{seed}:pictures")
    avatars, photos = avatar_variants(rng), photo_variants(rng)
    pictures: list[SeedPicture] = []
    picture_keys: dict[int, str] = {}

    def add(picture: Picture, owner: int, at: float, tweet: int | None, position: int) -> str:
        key = f"{rng.getrandbits(128):032x}.{extension_of(picture.content_type)}"
        media = Media(
            id=seeded_id(rng, at),
            owner_id=profile_ids[owner],
            storage_key=key,
            content_type=picture.content_type,
            width=picture.width,
            height=picture.height,
            size_bytes=len(picture.data),
            created_at=moment(at),
            tweet_id=tweet_ids[tweet] if tweet is not None else None,
            position=position if tweet is not None else None,
        )
        pictures.append(SeedPicture(media, picture))
        return key

    for profile, at in enumerate(joined):
        if rng.random() < AVATAR_SHARE:
            picture_keys[profile] = add(rng.choice(avatars), profile, at, None, 0)
    for tweet, author in enumerate(authors):
        if rng.random() < PHOTO_SHARE:
            for position in range(rng.choice((1, 1, 1, 2))):
                add(rng.choice(photos), author, posted[tweet], tweet, position)
    return pictures, picture_keys
