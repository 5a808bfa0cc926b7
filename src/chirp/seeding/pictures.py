"""Small generated images for seeded avatars and tweet media: flat colours and shapes,
no metadata, so they look like what an upload becomes after processing."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

AVATAR_SIZE = (96, 96)
PHOTO_SIZE = (320, 240)
VARIANTS = 12


@dataclass(frozen=True)
class Picture:
    data: bytes
    content_type: str
    width: int
    height: int


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
