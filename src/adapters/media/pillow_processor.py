"""Turning an upload into a clean image with Pillow.

The bytes decide what an upload is, never its name or declared type. The header's
dimensions are checked before any pixel is decoded, so a small file that declares a
huge canvas costs nothing. Only pixels survive: every frame is rebuilt without the
decoder's metadata (EXIF with GPS, ICC profiles, text chunks, comments) and encoded
again in its own format.
"""

from __future__ import annotations

import asyncio
import io
import threading
from dataclasses import dataclass

from PIL import Image, ImageSequence, UnidentifiedImageError

from application.ports.media import ProcessedImage
from domain.errors import InvalidInput, UnsupportedMedia

CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
# Pillow reads a JPEG that carries extra pictures (phones add depth maps) as MPO; it is
# still a JPEG, and only its first picture is kept.
PILLOW_NAMES = {"JPEG": {"JPEG", "MPO"}, "PNG": {"PNG"}, "GIF": {"GIF"}, "WEBP": {"WEBP"}}
ANIMATED_FORMATS = {"GIF", "WEBP", "PNG"}
ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
EXIF_ORIENTATION = 0x0112
ORIENTATION_FIXES = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def sniff_format(data: bytes) -> str | None:
    """The Pillow format name the leading bytes announce, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


@dataclass(frozen=True)
class Limits:
    max_pixels: int = 40_000_000
    """Per frame, judged from the header before decoding."""
    max_total_pixels: int = 40_000_000
    """All frames of an animation together: they are held in memory at once."""
    max_frames: int = 300
    jpeg_quality: int = 88
    webp_quality: int = 85


@dataclass
class _Decoded:
    frames: list[Image.Image]
    durations: list[int]
    loop: int


class PillowImageProcessor:
    def __init__(self, limits: Limits | None = None, max_concurrent: int = 2) -> None:
        self._limits = limits or Limits()
        # Decoding is the memory-hungry part: bound how many run at once.
        self._slots = threading.BoundedSemaphore(max_concurrent)

    async def process(
        self, data: bytes, *, fit_within: tuple[int, int] | None = None
    ) -> ProcessedImage:
        return await asyncio.to_thread(self.process_now, data, fit_within)

    def process_now(self, data: bytes, fit_within: tuple[int, int] | None = None) -> ProcessedImage:
        format_name = sniff_format(data)
        if format_name is None:
            raise UnsupportedMedia("the file is not a JPEG, PNG, GIF or WebP image")
        with self._slots:
            decoded = self._decode(data, format_name, fit_within)
            try:
                encoded = _encode(decoded, format_name, self._limits)
            finally:
                for frame in decoded.frames:
                    frame.close()
        first = decoded.frames[0]
        return ProcessedImage(
            data=encoded,
            content_type=CONTENT_TYPES[format_name],
            width=first.width,
            height=first.height,
        )

    def _decode(
        self, data: bytes, format_name: str, fit_within: tuple[int, int] | None
    ) -> _Decoded:
        try:
            with Image.open(io.BytesIO(data), formats=[format_name]) as image:
                if image.format not in PILLOW_NAMES[format_name]:
                    raise UnsupportedMedia("the file is not a JPEG, PNG, GIF or WebP image")
                self._check_canvas(image.size)
                if fit_within and format_name == "JPEG":
                    # Lets the JPEG decoder skip detail the thumbnail would throw away.
                    image.draft(image.mode, fit_within)
                return self._frames_of(image, format_name, fit_within)
        except (UnsupportedMedia, InvalidInput):
            raise
        except Image.DecompressionBombError:
            raise _too_many_pixels(self._limits.max_pixels) from None
        except UnidentifiedImageError:
            raise UnsupportedMedia("the file is not a readable image of its type") from None
        except Exception as error:  # Pillow's decoders raise many types for broken files
            raise InvalidInput.of("file", "the image could not be decoded") from error

    def _check_canvas(self, size: tuple[int, int]) -> None:
        width, height = size
        if width < 1 or height < 1:
            raise InvalidInput.of("file", "the image has no pixels")
        if width * height > self._limits.max_pixels:
            raise _too_many_pixels(self._limits.max_pixels)

    def _frames_of(
        self, image: Image.Image, format_name: str, fit_within: tuple[int, int] | None
    ) -> _Decoded:
        animated = format_name in ANIMATED_FORMATS and bool(getattr(image, "is_animated", False))
        mode = _target_mode(image, format_name, animated)
        orientation = None if animated else _orientation(image)
        loop = int(image.info.get("loop", 0)) if animated else 0
        frames: list[Image.Image] = []
        durations: list[int] = []
        total_pixels = 0
        for frame in ImageSequence.Iterator(image):
            if len(frames) == self._limits.max_frames:
                raise InvalidInput.of(
                    "file", f"an animation may have at most {self._limits.max_frames} frames"
                )
            total_pixels += frame.width * frame.height
            if total_pixels > self._limits.max_total_pixels:
                raise _too_many_pixels(self._limits.max_total_pixels)
            frames.append(_clean_frame(frame, mode, orientation, fit_within))
            # Some decoders (WebP) know a frame's duration only once it is loaded.
            durations.append(int(frame.info.get("duration", 0) or 0))
            if not animated:
                break
        return _Decoded(frames, durations, loop)


def _too_many_pixels(limit: int) -> InvalidInput:
    return InvalidInput.of("file", f"the image is larger than {limit} pixels")


def _target_mode(image: Image.Image, format_name: str, animated: bool) -> str:
    if format_name == "JPEG":
        return "L" if image.mode in ("1", "L") else "RGB"
    if animated or image.mode in ALPHA_MODES or "transparency" in image.info:
        return "RGBA"
    return "L" if image.mode in ("1", "L") else "RGB"


def _orientation(image: Image.Image) -> Image.Transpose | None:
    """Pixels are turned upright, since the EXIF tag that says how is about to go."""
    try:
        return ORIENTATION_FIXES.get(image.getexif().get(EXIF_ORIENTATION, 1))
    except Exception:  # a broken EXIF block only costs the orientation
        return None


def _clean_frame(
    frame: Image.Image,
    mode: str,
    orientation: Image.Transpose | None,
    fit_within: tuple[int, int] | None,
) -> Image.Image:
    clean = frame.convert(mode)
    if orientation is not None:
        clean = clean.transpose(orientation)
    if fit_within and (clean.width > fit_within[0] or clean.height > fit_within[1]):
        clean.thumbnail(fit_within, Image.Resampling.LANCZOS)
    # Only the pixels go on: encoders copy some of `info` (comments, ICC) into their output.
    clean.info = {}
    return clean


def _encode(decoded: _Decoded, format_name: str, limits: Limits) -> bytes:
    out = io.BytesIO()
    first, rest = decoded.frames[0], decoded.frames[1:]
    options: dict[str, object] = {}
    if rest:
        options = {
            "save_all": True,
            "append_images": rest,
            "duration": decoded.durations,
            "loop": decoded.loop,
        }
        if format_name == "GIF":
            # Every frame is a whole composed canvas: clear before drawing the next.
            options["disposal"] = 2
    if format_name == "JPEG":
        options.update(quality=limits.jpeg_quality, optimize=True)
    elif format_name == "WEBP":
        options.update(quality=limits.webp_quality)
    first.save(out, format=format_name, **options)
    return out.getvalue()
