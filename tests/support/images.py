"""Images made with Pillow for the tests, some carrying metadata that must not survive."""

from __future__ import annotations

import io
import os
import struct
import zlib

from PIL import Image, PngImagePlugin

SECRET = "s3cret-marker"
GPS_IFD = 0x8825
ORIENTATION = 0x0112
COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]


def encode(image: Image.Image, format_name: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=format_name, **options)
    return out.getvalue()


def decode(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def png(width: int = 64, height: int = 48, colour: tuple[int, ...] = (10, 120, 200)) -> bytes:
    return encode(Image.new("RGB", (width, height), colour), "PNG")


def noisy_png(side: int = 600) -> bytes:
    """Random pixels do not compress: about 3 x side x side bytes."""
    return encode(Image.frombytes("RGB", (side, side), os.urandom(3 * side * side)), "PNG")


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = SECRET  # camera maker
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 28.0, 38.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    return exif


def jpeg_with_gps(width: int = 64, height: int = 48, orientation: int = 1) -> bytes:
    """A JPEG with EXIF (GPS position, maker), a comment and an ICC profile."""
    return encode(
        Image.new("RGB", (width, height), (200, 30, 30)),
        "JPEG",
        exif=gps_exif(orientation),
        comment=SECRET.encode(),
        icc_profile=b"fake icc " + SECRET.encode(),
    )


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET)
    info.add_text("Description", SECRET, zip=True)
    info.add_itxt("Comment", SECRET, lang="en")
    return encode(Image.new("RGBA", (40, 30), (0, 0, 255, 128)), "PNG", pnginfo=info)


def animated(format_name: str = "GIF", size: tuple[int, int] = (40, 40)) -> bytes:
    frames = [Image.new("RGB", size, colour) for colour in COLOURS]
    options: dict[str, object] = {"comment": SECRET.encode()} if format_name == "GIF" else {}
    return encode(
        frames[0],
        format_name,
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        loop=0,
        **options,
    )


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    checksum = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", checksum)


def png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims a width x height RGB canvas."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + _png_chunk(b"IEND", b"")
    )


def frame_colours(image: Image.Image) -> list[tuple[int, ...]]:
    colours = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        colours.append(image.convert("RGB").getpixel((5, 5)))
    return colours
