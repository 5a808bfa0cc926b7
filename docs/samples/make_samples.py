"""Makes the small images the README's walk-through uploads (run once; the output is
committed): `.venv/bin/python docs/samples/make_samples.py`.

Drawn here, so they are the project's own: a round avatar and two flat pictures."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).parent


def avatar() -> Image.Image:
    image = Image.new("RGB", (96, 96), (232, 240, 250))
    ImageDraw.Draw(image).ellipse((16, 16, 80, 80), fill=(29, 155, 240))
    return image


def stripes(colours: list[tuple[int, int, int]]) -> Image.Image:
    image = Image.new("RGB", (120, 80), colours[0])
    draw = ImageDraw.Draw(image)
    for index, colour in enumerate(colours):
        draw.rectangle((index * 40, 0, index * 40 + 39, 79), fill=colour)
    return image


def main() -> None:
    avatar().save(HERE / "me.png", optimize=True)
    stripes([(244, 93, 34), (255, 200, 61), (60, 179, 113)]).save(HERE / "one.png", optimize=True)
    stripes([(72, 61, 139), (0, 128, 128), (220, 220, 220)]).convert("P").save(HERE / "two.gif")


if __name__ == "__main__":
    main()
