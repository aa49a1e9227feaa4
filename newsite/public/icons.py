"""The site's icons (favicon, apple-touch-icon, the web app manifest's), drawn by Pillow.

Our own design: the site's initial in white on the masthead's red, over a white
rule, filling the square edge to edge so one drawing serves as a "maskable" icon
too (the letter stays inside the middle 60%, the safe zone launchers keep).
"""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageDraw, ImageFont

ACCENT = "#a3201a"  # the masthead's red (static/css/site.css --accent)
PAPER = "#ffffff"
PNG_SIZES = (32, 180, 192, 512)  # browser tab, apple-touch-icon, the manifest's two
ICO_SIZES = (16, 32, 48)


@functools.cache
def icon_image(size: int, letter: str) -> Image.Image:
    """A `size`-pixel square icon showing `letter`."""
    scale = 4  # drawn large, then reduced: smooth edges at every size
    side = size * scale
    image = Image.new("RGB", (side, side), ACCENT)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=round(side * 0.62))
    left, top, right, bottom = draw.textbbox((0, 0), letter, font=font, stroke_width=side // 40)
    x = (side - (right - left)) / 2 - left
    y = (side - (bottom - top)) / 2 - top - side * 0.05
    draw.text((x, y), letter, fill=PAPER, font=font, stroke_width=side // 40, stroke_fill=PAPER)
    rule = side * 0.06
    draw.rectangle((side * 0.25, side * 0.74, side * 0.75, side * 0.74 + rule), fill=PAPER)
    return image.resize((size, size), Image.Resampling.LANCZOS)


@functools.cache
def icon_png(size: int, letter: str) -> bytes:
    out = io.BytesIO()
    icon_image(size, letter).save(out, "PNG", optimize=True)
    return out.getvalue()


@functools.cache
def favicon_ico(letter: str) -> bytes:
    out = io.BytesIO()
    icon_image(max(ICO_SIZES), letter).save(out, "ICO", sizes=[(s, s) for s in ICO_SIZES])
    return out.getvalue()
