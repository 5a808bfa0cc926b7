"""The Pillow image processor: recognition by content, pixel bounds, metadata stripping."""

from __future__ import annotations

import resource

import pytest
from PIL import Image

from adapters.media.pillow_processor import Limits, PillowImageProcessor, sniff_format
from domain.errors import InvalidInput, UnsupportedMedia
from tests.support.images import (
    COLOURS,
    GPS_IFD,
    SECRET,
    animated,
    decode,
    encode,
    frame_colours,
    gps_exif,
    jpeg_with_gps,
    png,
    png_declaring,
    png_with_text,
)


@pytest.fixture
def processor() -> PillowImageProcessor:
    return PillowImageProcessor()


def test_a_jpeg_comes_back_without_exif_gps_comment_or_icc(processor):
    original = jpeg_with_gps()
    assert decode(original).getexif().get_ifd(GPS_IFD), "the fixture carries GPS"

    result = processor.process_now(original)

    image = decode(result.data)
    assert result.content_type == "image/jpeg" and image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert not {"exif", "comment", "icc_profile"} & set(image.info)
    assert SECRET.encode() not in result.data
    assert (result.width, result.height) == image.size == (64, 48)


def test_the_exif_orientation_is_applied_to_the_pixels_before_it_goes(processor):
    result = processor.process_now(jpeg_with_gps(64, 48, orientation=6))
    assert (result.width, result.height) == (48, 64)
    assert dict(decode(result.data).getexif()) == {}


def test_png_text_chunks_are_gone_and_transparency_stays(processor):
    original = png_with_text()
    assert decode(original).text, "the fixture carries text chunks"

    result = processor.process_now(original)

    image = decode(result.data)
    assert result.content_type == "image/png"
    assert image.text == {}
    assert SECRET.encode() not in result.data
    assert image.mode == "RGBA" and image.getpixel((0, 0)) == (0, 0, 255, 128)


def test_a_palette_png_with_a_transparent_colour_keeps_its_transparency(processor):
    palette_image = Image.new("P", (20, 20), 0)
    palette_image.putpalette([255, 255, 255, 0, 0, 0])
    palette_image.paste(1, (0, 0, 10, 20))
    original = encode(palette_image, "PNG", transparency=0)

    image = decode(processor.process_now(original).data).convert("RGBA")

    assert image.getpixel((15, 5))[3] == 0
    assert image.getpixel((5, 5)) == (0, 0, 0, 255)


def test_an_animated_gif_keeps_its_frames_colours_and_timing_but_not_its_comment(processor):
    result = processor.process_now(animated("GIF"))

    image = decode(result.data)
    assert result.content_type == "image/gif"
    assert image.n_frames == 3
    assert frame_colours(image) == COLOURS
    durations = []
    for index in range(3):
        image.seek(index)
        durations.append(image.info["duration"])
    assert durations == [100, 200, 300]
    assert "comment" not in image.info
    assert SECRET.encode() not in result.data


def test_an_animated_webp_keeps_its_frames(processor):
    result = processor.process_now(animated("WEBP"))
    image = decode(result.data)
    assert result.content_type == "image/webp"
    assert image.n_frames == 3
    # Lossy WebP shifts colours a little; each frame still shows its own colour.
    for got, want in zip(frame_colours(image), COLOURS, strict=True):
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) < 16


def test_a_webp_with_exif_comes_back_without_it(processor):
    original = encode(Image.new("RGB", (30, 30), (9, 9, 9)), "WEBP", exif=gps_exif())
    result = processor.process_now(original)
    assert dict(decode(result.data).getexif()) == {}
    assert SECRET.encode() not in result.data


def test_a_jpeg_carrying_a_second_picture_is_a_plain_jpeg_of_the_first(processor):
    first, depth_map = Image.new("RGB", (50, 40), (255, 0, 0)), Image.new("RGB", (50, 40))
    original = encode(first, "MPO", save_all=True, append_images=[depth_map])
    result = processor.process_now(original)
    image = decode(result.data)
    assert (result.content_type, image.format, getattr(image, "n_frames", 1)) == (
        "image/jpeg",
        "JPEG",
        1,
    )
    assert image.getpixel((5, 5))[0] > 240


def test_a_cmyk_jpeg_becomes_rgb(processor):
    original = encode(Image.new("CMYK", (16, 16), (0, 255, 255, 0)), "JPEG")
    image = decode(processor.process_now(original).data)
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((8, 8))
    assert red > 200 and green < 60 and blue < 60


@pytest.mark.parametrize(
    "data",
    [
        b"this is plain text, whatever its name says",
        b"",
        b"%PDF-1.7\n",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    ],
    ids=["text", "empty", "pdf", "svg"],
)
def test_anything_but_the_four_formats_is_unsupported(processor, data):
    with pytest.raises(UnsupportedMedia):
        processor.process_now(data)


@pytest.mark.parametrize("format_name", ["BMP", "TIFF", "ICO"])
def test_real_images_of_other_formats_are_unsupported(processor, format_name):
    with pytest.raises(UnsupportedMedia):
        processor.process_now(encode(Image.new("RGB", (16, 16)), format_name))


def test_the_format_is_recognised_by_its_leading_bytes():
    assert sniff_format(png()) == "PNG"
    assert sniff_format(jpeg_with_gps()) == "JPEG"
    assert sniff_format(animated("GIF")) == "GIF"
    assert sniff_format(animated("WEBP")) == "WEBP"
    assert sniff_format(b"RIFF\0\0\0\0WAVEfmt ") is None


def test_a_decompression_bomb_is_refused_from_its_header_without_decoding(processor):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InvalidInput) as refused:
        processor.process_now(png_declaring(50_000, 50_000))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    # The canvas would need 7.5 GB; the message shows the header check refused it.
    assert refused.value.problems[0].field == "file"
    assert "pixels" in refused.value.problems[0].message
    assert grown_kib < 100 * 1024


def test_a_canvas_over_our_limit_but_under_pillows_own_is_refused_too(processor):
    with pytest.raises(InvalidInput) as refused:
        processor.process_now(png_declaring(7_000, 7_000))
    assert "pixels" in refused.value.problems[0].message


def test_the_pixel_limit_is_a_setting():
    small = PillowImageProcessor(Limits(max_pixels=10_000))
    assert small.process_now(png(100, 100)).width == 100
    with pytest.raises(InvalidInput):
        small.process_now(png(101, 100))


def test_an_animation_is_bounded_by_its_total_pixels_and_frames():
    few_pixels = PillowImageProcessor(Limits(max_total_pixels=2 * 40 * 40))
    few_frames = PillowImageProcessor(Limits(max_frames=2))
    for processor in (few_pixels, few_frames):
        with pytest.raises(InvalidInput) as refused:
            processor.process_now(animated("GIF"))
        assert refused.value.problems[0].field == "file"


def test_a_truncated_image_is_invalid_input(processor):
    whole = png(200, 200)
    with pytest.raises(InvalidInput):
        processor.process_now(whole[: len(whole) // 2])


def test_fit_within_scales_down_keeping_the_aspect_ratio(processor):
    result = processor.process_now(png(1200, 900), fit_within=(400, 400))
    assert (result.width, result.height) == decode(result.data).size == (400, 300)


def test_fit_within_never_enlarges(processor):
    result = processor.process_now(png(120, 90), fit_within=(400, 400))
    assert (result.width, result.height) == (120, 90)


def test_a_large_jpeg_fits_within_the_box(processor):
    original = encode(Image.new("RGB", (3000, 2000), (5, 5, 5)), "JPEG")
    result = processor.process_now(original, fit_within=(400, 400))
    assert (result.width, result.height) == (400, 267)


def test_an_animated_gif_fitted_keeps_every_frame(processor):
    result = processor.process_now(animated("GIF", size=(800, 400)), fit_within=(400, 400))
    image = decode(result.data)
    assert image.size == (400, 200)
    assert frame_colours(image) == COLOURS


async def test_process_runs_off_the_event_loop_with_the_same_result(processor):
    result = await processor.process(png(30, 20))
    assert (result.content_type, result.width, result.height) == ("image/png", 30, 20)
