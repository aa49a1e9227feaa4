"""The publisher logo (JSON-LD, feeds): the site's name drawn by Pillow, never a stored file."""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageDraw, ImageFont

INK = (20, 20, 20)
ACCENT = (176, 32, 32)


@functools.cache
def logo_png(name: str, size: tuple[int, int]) -> bytes:
    """A `size` PNG with `name` on white, a red rule beneath: drawn once per process."""
    width, height = size
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=round(height * 0.6))
    left, top, right, bottom = draw.textbbox((0, 0), name, font=font)
    x = (width - (right - left)) // 2 - left
    y = (height - (bottom - top)) // 2 - top - 3
    draw.text((x, y), name, fill=INK, font=font)
    draw.rectangle((x + left, height - 6, x + right, height - 3), fill=ACCENT)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
