"""Procedural demo photos: flat, painterly scenes drawn with Pillow alone.

Every picture is generated here, so the demo ships no downloaded or copied
images. A scene (what is drawn) and a mood (the light) are chosen by the
article's content, so its alt text can describe the picture truthfully; the
seed (the article's slug) varies only the details, and the same slug always
gives the same picture.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 1000
# Soft elements (glows, clouds, haze, beams) are drawn at this fraction of the
# size, blurred and scaled up: far cheaper than blurring a full-size layer.
SOFT_SCALE = 4

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Mood:
    """The light of a scene: sky colours, the sun or moon, and the darkest ink."""

    sky: tuple[RGB, ...]  # from the top of the picture down to the horizon
    sun: RGB
    sun_height: float  # the sun's centre, as a fraction of the horizon's height
    ink: RGB  # the nearest silhouettes
    ground: RGB
    lit: bool  # windows, lamps and floodlights are on
    stars: bool = False


MOODS: dict[str, Mood] = {
    "dawn": Mood(
        sky=((58, 78, 128), (150, 140, 170), (240, 186, 160), (252, 214, 170)),
        sun=(255, 232, 190),
        sun_height=0.86,
        ink=(52, 48, 66),
        ground=(120, 104, 100),
        lit=False,
    ),
    "morning": Mood(
        sky=((92, 150, 205), (160, 198, 226), (226, 232, 226)),
        sun=(255, 250, 232),
        sun_height=0.45,
        ink=(70, 74, 70),
        ground=(176, 154, 116),
        lit=False,
    ),
    "noon": Mood(
        sky=((54, 118, 190), (120, 172, 220), (206, 226, 238)),
        sun=(255, 252, 240),
        sun_height=0.18,
        ink=(82, 76, 68),
        ground=(196, 170, 124),
        lit=False,
    ),
    "haze": Mood(
        sky=((168, 160, 146), (206, 190, 164), (232, 214, 182)),
        sun=(255, 244, 218),
        sun_height=0.5,
        ink=(96, 82, 70),
        ground=(188, 160, 122),
        lit=False,
    ),
    "dusk": Mood(
        sky=((36, 42, 92), (118, 74, 116), (226, 120, 100), (250, 182, 110)),
        sun=(255, 206, 130),
        sun_height=0.92,
        ink=(34, 28, 44),
        ground=(84, 62, 70),
        lit=True,
    ),
    "night": Mood(
        sky=((10, 16, 38), (24, 36, 74), (52, 62, 104)),
        sun=(236, 234, 214),
        sun_height=0.3,
        ink=(12, 12, 22),
        ground=(30, 32, 46),
        lit=True,
        stars=True,
    ),
}


def mix(a: Sequence[int], b: Sequence[int], t: float) -> RGB:
    """The colour `t` of the way from `a` to `b`."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


class Painter:
    """A canvas with the scene's light, randomness and a few drawing helpers."""

    def __init__(self, mood: Mood, rng: random.Random, horizon: int) -> None:
        self.mood = mood
        self.rng = rng
        self.horizon = horizon
        self.image = _vertical_gradient(WIDTH, HEIGHT, mood.sky, horizon)
        # "RGBA" drawing on an RGB image blends translucent fills.
        self.draw = ImageDraw.Draw(self.image, "RGBA")
        self._soft: Image.Image | None = None

    @property
    def horizon_sky(self) -> RGB:
        return self.mood.sky[-1]

    def haze(self, colour: Sequence[int], distance: float) -> RGB:
        """`colour` seen from afar: farther things fade into the horizon's sky."""
        return mix(colour, self.horizon_sky, distance)

    def jitter(self, colour: Sequence[int], amount: int = 12) -> RGB:
        r = self.rng.randint
        return (
            max(0, min(255, colour[0] + r(-amount, amount))),
            max(0, min(255, colour[1] + r(-amount, amount))),
            max(0, min(255, colour[2] + r(-amount, amount))),
        )

    # Soft layer ----------------------------------------------------------

    @property
    def soft(self) -> ImageDraw.ImageDraw:
        """A drawing surface for blurred elements; coordinates are full-size."""
        if self._soft is None:
            self._soft = Image.new("RGBA", (WIDTH // SOFT_SCALE, HEIGHT // SOFT_SCALE))
        return ImageDraw.Draw(self._soft, "RGBA")

    def soft_ellipse(self, box: Sequence[float], fill: tuple[int, int, int, int]) -> None:
        self.soft.ellipse([v / SOFT_SCALE for v in box], fill=fill)

    def soft_polygon(
        self, points: Sequence[tuple[float, float]], fill: tuple[int, int, int, int]
    ) -> None:
        self.soft.polygon([(x / SOFT_SCALE, y / SOFT_SCALE) for x, y in points], fill=fill)

    def flush_soft(self, blur: float = 6) -> None:
        """Blur the soft layer, scale it up and lay it over the picture."""
        if self._soft is None:
            return
        # Premultiplied alpha, or the transparent black around shapes bleeds in as a halo.
        layer = self._soft.convert("RGBa").filter(ImageFilter.GaussianBlur(blur))
        layer = layer.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR).convert("RGBA")
        self.image.paste(layer, (0, 0), layer)
        self._soft = None

    def glow(self, x: float, y: float, radius: float, colour: RGB, alpha: int = 150) -> None:
        """A soft light: concentric translucent discs, blurred later."""
        for i in range(6, 0, -1):
            r = radius * i / 6
            self.soft_ellipse((x - r, y - r, x + r, y + r), (*colour, alpha // 6))

    # Shared elements -----------------------------------------------------

    def sky_details(self, sun_x: float | None = None, clouds: int = 4) -> float:
        """Stars, clouds and the sun (or moon); returns the sun's x."""
        mood, rng = self.mood, self.rng
        if mood.stars:
            for _ in range(220):
                x, y = rng.uniform(0, WIDTH), rng.uniform(0, self.horizon * 0.8)
                s = rng.choice((1, 1, 1, 2))
                self.draw.rectangle(
                    (x, y, x + s, y + s), fill=(255, 255, 240, rng.randint(60, 200))
                )
        x = sun_x if sun_x is not None else rng.uniform(WIDTH * 0.2, WIDTH * 0.8)
        y = self.horizon * mood.sun_height
        size = 46 if mood.stars else 64
        self.glow(x, y, size * 6, mood.sun, 130 if mood.stars else 200)
        for _ in range(clouds):
            cx = rng.uniform(-100, WIDTH + 100)
            cy = rng.uniform(self.horizon * 0.12, self.horizon * 0.7)
            tone = (
                mix(mood.sky[0], (255, 255, 255), 0.55)
                if not mood.lit
                else mix(mood.sky[-1], mood.sky[1], 0.5)
            )
            for _ in range(rng.randint(4, 7)):
                w, h = rng.uniform(120, 320), rng.uniform(30, 70)
                ox, oy = rng.uniform(-220, 220), rng.uniform(-25, 25)
                self.soft_ellipse((cx + ox - w, cy + oy - h, cx + ox + w, cy + oy + h), (*tone, 60))
        self.flush_soft(5)
        self.draw.ellipse((x - size, y - size, x + size, y + size), fill=(*mood.sun, 235))
        return x

    def ridge(
        self, base: float, amplitude: float, colour: RGB, waves: int = 3, bottom: float = HEIGHT
    ) -> None:
        """A line of hills: a sum of sines with random phases, filled down to `bottom`."""
        rng = self.rng
        terms = [
            (rng.uniform(0.5, 1) / (k + 1), rng.uniform(1, 3) * (k + 1), rng.uniform(0, 6.3))
            for k in range(waves)
        ]
        points = [(0.0, bottom)]
        for x in range(0, WIDTH + 21, 20):
            t = x / WIDTH
            y = base - amplitude * sum(a * math.sin(f * math.tau * t + p) for a, f, p in terms)
            points.append((float(x), y))
        points.append((float(WIDTH), bottom))
        self.draw.polygon(points, fill=colour)

    def buildings(
        self, base: float, colour: RGB, min_h: float, max_h: float, windows: bool
    ) -> None:
        """A row of flat-roofed blocks, with the odd dome or minaret."""
        rng, draw = self.rng, self.draw
        x = -rng.uniform(0, 60)
        while x < WIDTH:
            w = rng.uniform(50, 150)
            h = rng.uniform(min_h, max_h)
            top = base - h
            tone = self.jitter(colour, 6)
            draw.rectangle((x, top, x + w, base), fill=tone)
            roll = rng.random()
            if roll < 0.12:
                r = w * 0.38
                draw.pieslice((x + w / 2 - r, top - r, x + w / 2 + r, top + r), 180, 360, fill=tone)
                draw.line((x + w / 2, top - r, x + w / 2, top - r - 18), fill=tone, width=3)
            elif roll < 0.2:
                mx = x + w * rng.uniform(0.2, 0.8)
                mh = h * rng.uniform(0.6, 1.0)
                draw.rectangle((mx - 7, top - mh, mx + 7, top), fill=tone)
                draw.rectangle((mx - 12, top - mh * 0.75, mx + 12, top - mh * 0.75 + 8), fill=tone)
                draw.polygon(
                    [(mx - 8, top - mh), (mx + 8, top - mh), (mx, top - mh - 30)], fill=tone
                )
            elif roll < 0.35:
                # Water tanks and aerials on the roofs of the older blocks.
                draw.rectangle((x + 8, top - 14, x + 28, top), fill=tone)
            if windows:
                light = (255, 206, 130) if self.mood.lit else mix(tone, (230, 230, 220), 0.25)
                chance = 0.35 if self.mood.lit else 0.8
                for wy in range(int(top + 14), int(base - 16), 26):
                    for wx in range(int(x + 10), int(x + w - 14), 22):
                        if rng.random() < chance:
                            draw.rectangle((wx, wy, wx + 9, wy + 12), fill=(*light, 210))
            x += w + rng.uniform(-10, 14)

    def water(self, top: float, colour: RGB, sun_x: float | None = None) -> None:
        """A river or sea from `top` down, with ripples and the sun's reflection."""
        rng, draw = self.rng, self.draw
        band = _vertical_gradient(
            WIDTH,
            HEIGHT - int(top),
            (mix(colour, self.horizon_sky, 0.45), colour),
            HEIGHT - int(top),
        )
        self.image.paste(band, (0, int(top)))
        sparkle = mix(self.mood.sun, (255, 255, 255), 0.3)
        for _ in range(420):
            y = rng.uniform(top + 4, HEIGHT)
            depth = (y - top) / (HEIGHT - top)
            length = 10 + depth * 70
            near_sun = sun_x is not None and rng.random() < 0.45
            x = rng.gauss(sun_x, 60 + depth * 120) if near_sun else rng.uniform(0, WIDTH)
            tone = sparkle if near_sun else mix(colour, (255, 255, 255), 0.25)
            alpha = rng.randint(60, 170) if near_sun else rng.randint(25, 70)
            draw.line((x, y, x + length, y), fill=(*tone, alpha), width=1 + int(depth * 3))

    def palm(self, x: float, base: float, height: float, colour: RGB) -> None:
        """A date palm: a leaning trunk and drooping fronds."""
        rng, draw = self.rng, self.draw
        lean = rng.uniform(-0.25, 0.25) * height
        top = (x + lean, base - height)
        steps = 12
        for i in range(steps):
            t0, t1 = i / steps, (i + 1) / steps
            p0 = (x + lean * t0**2, base - height * t0)
            p1 = (x + lean * t1**2, base - height * t1)
            draw.line((p0, p1), fill=colour, width=max(3, int(height * 0.045 * (1.2 - t0))))
        for k in range(9):
            angle = math.pi * (k / 8) + rng.uniform(-0.15, 0.15) + math.pi
            length = height * rng.uniform(0.32, 0.45)
            pts = []
            for j in range(9):
                t = j / 8
                dx = math.cos(angle) * length * t
                dy = math.sin(angle) * length * t + (length * 0.55) * t * t
                pts.append((top[0] + dx, top[1] + dy))
            draw.line(pts, fill=colour, width=max(2, int(height * 0.03)), joint="curve")

    def figure(self, x: float, base: float, height: float, colour: RGB) -> None:
        """A person seen from afar: head, shoulders, coat and legs."""
        w = height * 0.3
        head = height * 0.11
        draw = self.draw
        draw.ellipse((x - head, base - height, x + head, base - height + head * 2.1), fill=colour)
        draw.rounded_rectangle(
            (x - w / 2, base - height * 0.74, x + w / 2, base - height * 0.3),
            radius=w / 3,
            fill=colour,
        )
        draw.polygon(
            [
                (x - w * 0.42, base - height * 0.34),
                (x + w * 0.42, base - height * 0.34),
                (x + w * 0.3, base - height * 0.04),
                (x - w * 0.3, base - height * 0.04),
            ],
            fill=colour,
        )
        lean = self.rng.uniform(-0.06, 0.06) * height
        for side in (-1, 1):
            draw.line(
                (x + side * w * 0.14, base - height * 0.1, x + side * w * 0.16 + lean * side, base),
                fill=colour,
                width=max(2, int(w * 0.22)),
            )

    def finish(self) -> Image.Image:
        """Vignette and a little grain, so flat fills read as a photograph."""
        self.image.paste((10, 8, 16), (0, 0), _vignette())
        return Image.blend(self.image, _grain(), 0.035)


@functools.cache
def _vignette() -> Image.Image:
    """A mask darkening the corners; the same for every picture, so made once."""
    return (
        Image.radial_gradient("L")
        .resize((WIDTH, HEIGHT))
        .point(lambda v: max(0, min(90, (v - 150) * 1.1)))
    )


@functools.cache
def _grain() -> Image.Image:
    """Film grain from a fixed seed: Pillow's own noise would differ from run to run."""
    size = (WIDTH // 2, HEIGHT // 2)
    noise = Image.frombytes("L", size, random.Random("grain").randbytes(size[0] * size[1]))
    return noise.resize((WIDTH, HEIGHT)).convert("RGB")


def _vertical_gradient(width: int, height: int, stops: Sequence[RGB], span: int) -> Image.Image:
    """An image shading through `stops` over its first `span` rows, then flat."""
    column = Image.new("RGB", (1, height))
    last = len(stops) - 1
    pixels = []
    for y in range(height):
        t = min(1.0, y / max(1, span)) * last
        i = min(int(t), last - 1) if last else 0
        pixels.append(mix(stops[i], stops[min(i + 1, last)], t - i) if last else stops[0])
    column.putdata(pixels)
    return column.resize((width, height), Image.Resampling.NEAREST)


# Scenes ------------------------------------------------------------------


def skyline(p: Painter) -> None:
    """A city of low blocks, domes and minarets above a river."""
    sun_x = p.sky_details()
    ink = p.mood.ink
    p.ridge(p.horizon - 40, 30, p.haze(ink, 0.8), bottom=p.horizon + 10)
    p.buildings(p.horizon - 10, p.haze(ink, 0.62), 60, 170, windows=False)
    p.buildings(p.horizon + 30, p.haze(ink, 0.35), 50, 190, windows=True)
    p.water(p.horizon + 30, mix(p.mood.sky[1], ink, 0.55), sun_x)
    for x in (p.rng.uniform(40, 200), p.rng.uniform(1350, 1560)):
        p.palm(x, HEIGHT + 20, p.rng.uniform(380, 520), ink)


def river_bridge(p: Painter) -> None:
    """An arched bridge across a wide river, palms on the near bank."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    sun_x = p.sky_details()
    p.buildings(p.horizon, p.haze(ink, 0.6), 30, 110, windows=p.mood.lit)
    p.water(p.horizon, mix(p.mood.sky[1], ink, 0.5), sun_x)
    deck = p.horizon + 90
    tone = p.haze(ink, 0.2)
    draw.rectangle((0, deck, WIDTH, deck + 22), fill=tone)
    span = rng.choice((320, 400))
    start = -rng.uniform(0, span / 2)
    x = start
    while x < WIDTH:
        draw.rectangle((x - 14, deck, x + 14, HEIGHT - 150), fill=tone)
        rise = span * 0.32
        draw.arc((x, deck - rise, x + span, deck + rise), 180, 360, fill=tone, width=10)
        for k in range(1, 8):
            hx = x + span * k / 8
            dy = rise * math.sqrt(max(0.0, 1 - ((hx - x - span / 2) / (span / 2)) ** 2))
            draw.line((hx, deck - dy, hx, deck), fill=tone, width=3)
        if p.mood.lit:
            p.glow(x + span / 2, deck - 6, 40, (255, 210, 140), 170)
        x += span
    p.flush_soft(3)
    # The near bank and its palms, darkest of all.
    p.ridge(HEIGHT - 60, 18, ink, waves=2)
    for _ in range(rng.randint(2, 4)):
        p.palm(rng.uniform(0, WIDTH), HEIGHT - 40, rng.uniform(260, 420), ink)


def market(p: Painter) -> None:
    """A covered market street: striped awnings, heaped produce, hanging lamps."""
    rng, draw = p.rng, p.draw
    wall = mix(p.mood.ground, p.mood.ink, 0.35)
    p.image.paste(
        _vertical_gradient(WIDTH, HEIGHT, (mix(wall, (0, 0, 0), 0.45), wall), 700), (0, 0)
    )
    # The vaulted roof: dark ribs over the street.
    for x in range(-40, WIDTH + 200, 180):
        draw.arc((x - 200, -260, x + 200, 300), 0, 180, fill=(*p.mood.ink, 200), width=14)
    awnings = [(196, 72, 58), (226, 170, 64), (58, 118, 110), (214, 206, 186), (120, 78, 120)]
    produce = [(232, 128, 38), (206, 52, 40), (120, 160, 60), (240, 200, 70), (150, 40, 70)]
    floor = 860
    x = -rng.uniform(0, 80)
    while x < WIDTH:
        w = rng.uniform(260, 360)
        top = rng.uniform(330, 420)
        stripe_a, stripe_b = rng.sample(awnings, 2)
        draw.rectangle((x + 10, top, x + 22, floor), fill=p.mood.ink)
        draw.rectangle((x + w - 22, top, x + w - 10, floor), fill=p.mood.ink)
        n = 8
        for i in range(n):
            x0, x1 = x + w * i / n, x + w * (i + 1) / n
            draw.polygon(
                [(x0 + 10, top), (x1 + 10, top), (x1 - 4, top + 110), (x0 - 4, top + 110)],
                fill=stripe_a if i % 2 else stripe_b,
            )
        counter = floor - 170
        draw.rectangle((x + 20, counter, x + w - 20, floor), fill=mix(p.mood.ink, wall, 0.3))
        # Heaps of fruit: small discs piled into mounds.
        for heap in range(3):
            hx = x + 40 + (w - 80) * (heap + 0.5) / 3
            colour = rng.choice(produce)
            for _ in range(70):
                dx = rng.gauss(0, 28)
                dy = abs(rng.gauss(0, 20)) + abs(dx) * 0.45
                r = rng.uniform(7, 11)
                tone = p.jitter(colour, 18)
                draw.ellipse(
                    (hx + dx - r, counter - 50 + dy - r, hx + dx + r, counter - 50 + dy + r),
                    fill=tone,
                )
        if p.mood.lit or rng.random() < 0.5:
            lx = x + w / 2
            draw.line((lx, 0, lx, top - 60), fill=p.mood.ink, width=2)
            draw.ellipse((lx - 10, top - 70, lx + 10, top - 50), fill=(255, 226, 160))
            p.glow(lx, top - 60, 130, (255, 196, 110), 150)
        x += w + rng.uniform(20, 60)
    p.flush_soft(5)
    draw.rectangle((0, floor, WIDTH, HEIGHT), fill=mix(p.mood.ground, p.mood.ink, 0.5))
    for _ in range(rng.randint(5, 9)):
        p.figure(
            rng.uniform(0, WIDTH),
            HEIGHT - rng.uniform(10, 60),
            rng.uniform(230, 330),
            p.jitter(p.mood.ink, 10),
        )


def desert_road(p: Painter) -> None:
    """A straight road running to the horizon through dunes, with roadside poles."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    p.sky_details(clouds=2)
    vx = WIDTH * rng.uniform(0.42, 0.58)
    p.ridge(p.horizon - 10, 26, p.haze(ink, 0.75), bottom=p.horizon + 5)
    sand = p.mood.ground
    p.image.paste(
        _vertical_gradient(WIDTH, HEIGHT - p.horizon, (p.haze(sand, 0.4), sand), 300),
        (0, p.horizon),
    )
    for k in range(4):
        p.ridge(
            p.horizon + 30 + k * 70, 18 + k * 6, mix(p.haze(sand, 0.3 - k * 0.08), ink, 0.1 * k)
        )
    road = mix(ink, (90, 90, 96), 0.4)
    draw.polygon(
        [(vx - 6, p.horizon), (vx + 6, p.horizon), (vx + 720, HEIGHT), (vx - 720, HEIGHT)],
        fill=road,
    )
    # Dashes shrink towards the horizon: equal steps in depth, not in pixels.
    for i in range(1, 26):
        t0, t1 = (i / 26) ** 2.2, ((i + 0.5) / 26) ** 2.2
        y0 = p.horizon + (HEIGHT - p.horizon) * t0
        y1 = p.horizon + (HEIGHT - p.horizon) * t1
        draw.polygon(
            [
                (vx - 1 - 9 * t0, y0),
                (vx + 1 + 9 * t0, y0),
                (vx + 1 + 9 * t1, y1),
                (vx - 1 - 9 * t1, y1),
            ],
            fill=(236, 226, 190, 220),
        )
    side = rng.choice((-1, 1))
    tops = []
    for i in range(1, 9):
        t = (i / 9) ** 1.8
        x = vx + side * (40 + 1000 * t)
        base = p.horizon + (HEIGHT - p.horizon) * t
        h = 20 + 420 * t
        draw.line((x, base, x, base - h), fill=ink, width=max(1, int(8 * t)))
        draw.line(
            (x - 30 * t, base - h + 10 * t, x + 30 * t, base - h + 10 * t),
            fill=ink,
            width=max(1, int(5 * t)),
        )
        tops.append((x, base - h + 10 * t))
        if p.mood.lit:
            p.glow(x, base - h, 20 + 90 * t, (255, 214, 150), 140)
    draw.line(tops, fill=(*ink, 160), width=2)
    p.flush_soft(3)


def stadium(p: Painter) -> None:
    """A football ground under floodlights: stands, crowd, striped pitch."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    p.sky_details(clouds=1, sun_x=rng.choice((200, 1400)))
    stand_top = p.horizon - 160
    draw.polygon(
        [(0, stand_top + 60), (WIDTH, stand_top), (WIDTH, p.horizon + 70), (0, p.horizon + 70)],
        fill=mix(ink, (60, 60, 70), 0.3),
    )
    draw.rectangle((0, stand_top - 20, WIDTH, stand_top + 8), fill=mix(ink, (120, 120, 130), 0.2))
    shirts = [(200, 60, 50), (240, 240, 240), (40, 110, 190), (240, 200, 60), (90, 90, 110)]
    home, away = rng.sample(shirts, 2)
    for _ in range(2600):
        x = rng.uniform(0, WIDTH)
        top = stand_top + 60 - 60 * x / WIDTH
        y = rng.uniform(top + 20, p.horizon + 60)
        tone = home if rng.random() < 0.6 else rng.choice((away, (170, 160, 150), (60, 60, 70)))
        tone = mix(tone, ink, 0.35 if p.mood.lit else 0.15)
        draw.rectangle((x, y, x + 4, y + 5), fill=tone)
    # Floodlight towers and their beams.
    for tx in (WIDTH * 0.1, WIDTH * 0.9):
        top = stand_top - 300
        draw.polygon(
            [(tx - 6, top), (tx + 6, top), (tx + 16, stand_top), (tx - 16, stand_top)], fill=ink
        )
        draw.rectangle((tx - 70, top - 70, tx + 70, top), fill=mix(ink, (80, 80, 90), 0.3))
        for gx in range(int(tx - 60), int(tx + 60), 20):
            for gy in range(int(top - 62), int(top - 8), 18):
                draw.rectangle((gx, gy, gx + 14, gy + 12), fill=(255, 252, 230))
        if p.mood.lit:
            p.glow(tx, top - 35, 260, (255, 250, 220), 210)
            p.soft_polygon(
                [
                    (tx - 60, top),
                    (tx + 60, top),
                    (WIDTH / 2 + 300, HEIGHT),
                    (WIDTH / 2 - 300, HEIGHT),
                ],
                (255, 250, 220, 26),
            )
    grass = (58, 132, 62) if p.mood.lit else (74, 150, 70)
    pitch_top = p.horizon + 70
    for i in range(12):
        t0, t1 = (i / 12) ** 1.3, ((i + 1) / 12) ** 1.3
        y0 = pitch_top + (HEIGHT - pitch_top) * t0
        y1 = pitch_top + (HEIGHT - pitch_top) * t1
        draw.rectangle((0, y0, WIDTH, y1), fill=mix(grass, (255, 255, 255), 0.06 * (i % 2)))
    line = (236, 240, 230, 210)
    draw.line((0, pitch_top + 40, WIDTH, pitch_top + 40), fill=line, width=4)
    draw.line((WIDTH / 2 - 40, pitch_top + 40, WIDTH / 2 + 70, HEIGHT), fill=line, width=5)
    cx, cy = WIDTH / 2 + 12, pitch_top + 200
    draw.ellipse((cx - 300, cy - 90, cx + 300, cy + 90), outline=line, width=5)
    for _ in range(rng.randint(6, 10)):
        x = rng.uniform(100, WIDTH - 100)
        y = rng.uniform(pitch_top + 80, HEIGHT - 40)
        size = 60 + (y - pitch_top) * 0.35
        p.figure(x, y, size, mix(rng.choice((home, away)), ink, 0.2))
    p.flush_soft(5)


def checkpoint(p: Painter) -> None:
    """A road checkpoint: concrete blocks, a booth, a raised barrier, queuing cars."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    p.sky_details(clouds=3)
    p.ridge(p.horizon - 30, 60, p.haze(ink, 0.7), bottom=p.horizon + 5)
    p.ridge(p.horizon, 30, p.haze(p.mood.ground, 0.45), bottom=HEIGHT)
    vx = WIDTH * 0.55
    road = mix(p.mood.ground, (70, 70, 76), 0.6)
    draw.polygon(
        [(vx - 10, p.horizon), (vx + 10, p.horizon), (vx + 900, HEIGHT), (vx - 700, HEIGHT)],
        fill=road,
    )
    for i in range(1, 26):
        t0, t1 = (i / 26) ** 2.2, ((i + 0.5) / 26) ** 2.2
        y0, y1 = (p.horizon + (HEIGHT - p.horizon) * t for t in (t0, t1))
        x0, x1 = (vx + 100 * t for t in (t0, t1))
        draw.polygon(
            [
                (x0 - 1 - 8 * t0, y0),
                (x0 + 1 + 8 * t0, y0),
                (x1 + 1 + 8 * t1, y1),
                (x1 - 1 - 8 * t1, y1),
            ],
            fill=(236, 226, 190, 200),
        )
    # Cars queuing away from us; the farthest is drawn first so nearer ones hide it.
    car_colours = [
        (214, 214, 210),
        (170, 40, 36),
        (50, 70, 110),
        (200, 170, 90),
        (40, 40, 44),
        (90, 120, 100),
        (120, 120, 126),
    ]
    for i in range(6):
        t = ((i + 1) / 8) ** 1.5
        y = p.horizon + (HEIGHT - p.horizon) * t * 0.66
        w = 24 + 300 * t
        x = vx - 280 * t
        body = p.haze(rng.choice(car_colours), 0.55 * (1 - t))
        draw.rounded_rectangle((x - w / 2, y - w * 0.34, x + w / 2, y), radius=w * 0.08, fill=body)
        draw.rounded_rectangle(
            (x - w * 0.34, y - w * 0.58, x + w * 0.34, y - w * 0.3), radius=w * 0.1, fill=body
        )
        draw.rectangle(
            (x - w * 0.3, y - w * 0.53, x + w * 0.3, y - w * 0.36),
            fill=mix(p.horizon_sky, ink, 0.55),
        )
        draw.rectangle((x - w * 0.46, y - w * 0.2, x - w * 0.34, y - w * 0.14), fill=(250, 70, 50))
        draw.rectangle((x + w * 0.34, y - w * 0.2, x + w * 0.46, y - w * 0.14), fill=(250, 70, 50))
        draw.rectangle((x - w * 0.48, y - 2, x - w * 0.3, y + w * 0.05), fill=ink)
        draw.rectangle((x + w * 0.3, y - 2, x + w * 0.48, y + w * 0.05), fill=ink)
    # Concrete blocks along the roadside, striped so drivers see them.
    for i in range(6):
        t = (i + 3) / 9
        y = p.horizon + (HEIGHT - p.horizon) * t
        w = 40 + 200 * t
        x = vx + 160 + 620 * t
        draw.polygon(
            [(x, y), (x + w, y), (x + w * 0.82, y - w * 0.7), (x + w * 0.18, y - w * 0.7)],
            fill=(196, 190, 178),
        )
        draw.rectangle((x + w * 0.15, y - w * 0.45, x + w * 0.85, y - w * 0.33), fill=(206, 60, 44))
    # The booth and its barrier arm, raised: the road is open.
    bx, by = WIDTH * 0.2, HEIGHT - 150
    draw.rectangle(
        (bx - 110, by - 300, bx + 110, by), fill=mix(p.mood.ground, (230, 226, 214), 0.6)
    )
    draw.rectangle((bx - 130, by - 330, bx + 130, by - 296), fill=mix(ink, (120, 120, 120), 0.3))
    draw.rectangle((bx - 80, by - 250, bx + 80, by - 150), fill=mix(p.horizon_sky, ink, 0.5))
    pivot = (bx + 170, by - 90)
    draw.rectangle((pivot[0] - 18, pivot[1], pivot[0] + 18, by), fill=ink)
    angle = math.radians(rng.uniform(58, 72))
    length = 560
    for k in range(8):
        a0, a1 = k / 8, (k + 1) / 8
        draw.line(
            (
                pivot[0] + math.cos(angle) * length * a0,
                pivot[1] - math.sin(angle) * length * a0,
                pivot[0] + math.cos(angle) * length * a1,
                pivot[1] - math.sin(angle) * length * a1,
            ),
            fill=(214, 52, 40) if k % 2 else (242, 240, 232),
            width=16,
        )
    fx = bx - 40
    draw.line((fx, by - 330, fx, by - 560), fill=ink, width=5)
    flag = p.jitter((60, 110, 80), 20)
    draw.polygon(
        [(fx, by - 560), (fx + 110, by - 545), (fx + 100, by - 500), (fx, by - 505)], fill=flag
    )
    p.figure(bx + 250, HEIGHT - 70, 260, mix(ink, (70, 80, 60), 0.35))


def government(p: Painter) -> None:
    """A council building: a colonnade under a low dome, steps and a plaza."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    p.sky_details(sun_x=rng.choice((250, 1350)))
    stone = mix(p.mood.ground, (236, 226, 206), 0.55)
    shade = mix(stone, ink, 0.35)
    cx = WIDTH / 2 + rng.uniform(-120, 120)
    base = p.horizon + 200
    p.buildings(p.horizon + 40, p.haze(ink, 0.55), 40, 120, windows=False)
    draw.rectangle((0, p.horizon + 40, WIDTH, HEIGHT), fill=mix(p.mood.ground, stone, 0.4))
    # Dome and drum: round or pointed, stone or glazed tiles, so no two halls match.
    dome = stone if rng.random() < 0.6 else p.jitter((64, 132, 138), 10)
    rise = rng.choice((160, 200))
    draw.rectangle((cx - 170, base - 470, cx + 170, base - 360), fill=shade)
    draw.pieslice((cx - 180, base - 470 - rise, cx + 180, base - 470 + rise), 180, 360, fill=dome)
    draw.line((cx, base - 470 - rise, cx, base - 530 - rise), fill=shade, width=6)
    draw.rectangle((cx - 520, base - 360, cx + 520, base - 320), fill=stone)
    draw.polygon([(cx - 540, base - 360), (cx + 540, base - 360), (cx, base - 440)], fill=stone)
    draw.rectangle((cx - 500, base - 320, cx + 500, base), fill=shade)
    lit = (255, 214, 150) if p.mood.lit else mix(shade, ink, 0.4)
    columns = rng.choice((6, 8, 10))
    step = 940 / (columns - 1)
    for i in range(columns):
        x = cx - 470 + i * step
        draw.rectangle((x - 20, base - 320, x + 20, base), fill=stone)
        draw.rectangle(
            (x - 26, base - 320, x + 26, base - 300), fill=mix(stone, (255, 255, 255), 0.2)
        )
        if i < columns - 1:
            mid = x + step / 2
            draw.rectangle((mid - 14, base - 230, mid + 14, base - 120), fill=lit)
    for k in range(6):
        draw.rectangle(
            (cx - 540 - k * 30, base + k * 22, cx + 540 + k * 30, base + k * 22 + 22),
            fill=mix(stone, ink, 0.06 * (k % 2) + 0.02 * k),
        )
    for x in (cx - 700, cx + 700):
        draw.line((x, HEIGHT - 40, x, base - 60), fill=ink, width=8)
        draw.ellipse(
            (x - 18, base - 90, x + 18, base - 54),
            fill=(255, 226, 170) if p.mood.lit else mix(stone, ink, 0.5),
        )
        if p.mood.lit:
            p.glow(x, base - 72, 110, (255, 210, 150), 170)
    for _ in range(rng.randint(4, 8)):
        p.figure(
            rng.uniform(80, WIDTH - 80),
            HEIGHT - rng.uniform(20, 90),
            rng.uniform(140, 220),
            p.jitter(ink, 14),
        )
    p.flush_soft(4)


def port(p: Painter) -> None:
    """A container port: gantry cranes, stacked boxes, a ship at the quay."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    sun_x = p.sky_details(clouds=3)
    sea = mix(p.mood.sky[0], (20, 60, 80), 0.5)
    p.water(p.horizon, sea, sun_x)
    quay = p.horizon + 170
    colours = [
        (196, 70, 50),
        (46, 96, 150),
        (220, 160, 50),
        (70, 130, 100),
        (150, 150, 156),
        (120, 60, 90),
    ]
    # Ship: a long dark hull with boxes on deck.
    hull_top = quay - 70
    draw.polygon(
        [
            (WIDTH * 0.35, hull_top),
            (WIDTH + 40, hull_top),
            (WIDTH + 40, quay + 10),
            (WIDTH * 0.38, quay + 10),
        ],
        fill=mix(ink, (60, 40, 40), 0.4),
    )
    for x in range(int(WIDTH * 0.4), WIDTH, 44):
        for row in range(rng.randint(1, 4)):
            y = hull_top - (row + 1) * 26
            draw.rectangle((x, y, x + 42, y + 24), fill=p.haze(rng.choice(colours), 0.2))
    # Cranes straddling the quay.
    for cx in (WIDTH * 0.18, WIDTH * 0.52, WIDTH * 0.8):
        top = p.horizon - rng.uniform(220, 300)
        tone = (214, 90, 50) if rng.random() < 0.5 else (70, 110, 150)
        tone = mix(tone, ink, 0.45 if p.mood.lit else 0.15)
        for leg in (cx - 90, cx + 90):
            draw.line((leg, quay + 120, leg, top), fill=tone, width=14)
        draw.line((cx - 90, top + 60, cx + 90, quay), fill=tone, width=6)
        draw.rectangle((cx - 260, top - 20, cx + 220, top + 12), fill=tone)
        draw.rectangle((cx - 50, top - 80, cx + 40, top - 20), fill=tone)
        draw.line((cx - 200, top + 12, cx - 200, hull_top - 60), fill=(*ink, 200), width=2)
        if p.mood.lit:
            p.glow(cx, top - 20, 120, (255, 236, 200), 160)
    draw.rectangle((0, quay, WIDTH, HEIGHT), fill=mix(p.mood.ground, (120, 120, 120), 0.5))
    # Stacks in the yard, nearer rows larger.
    for row, y in enumerate((quay + 110, quay + 260, HEIGHT + 30)):
        size = 70 + row * 60
        x = -rng.uniform(0, size)
        while x < WIDTH:
            for level in range(rng.randint(1, 3)):
                top = y - (level + 1) * size * 0.45
                tone = p.jitter(rng.choice(colours), 8)
                draw.rectangle((x, top, x + size * 1.9, top + size * 0.45 - 2), fill=tone)
                for rib in range(1, 12):
                    rx = x + size * 1.9 * rib / 12
                    draw.line(
                        (rx, top + 3, rx, top + size * 0.45 - 5),
                        fill=(*mix(tone, ink, 0.35), 160),
                        width=1 + row,
                    )
            x += size * 1.9 + rng.uniform(4, size)
    p.flush_soft(4)


def fields(p: Painter) -> None:
    """Farmland in rows towards a line of poplars, an irrigation channel across it."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    sun_x = p.sky_details()
    p.ridge(p.horizon - 20, 30, p.haze(ink, 0.78), bottom=p.horizon + 5)
    greens = [(118, 150, 62), (168, 170, 76), (206, 180, 96), (96, 130, 64)]
    y = float(p.horizon)
    band = 0
    while y < HEIGHT:
        h = 14 + (y - p.horizon) * 0.35
        tone = p.haze(rng.choice(greens), max(0.0, 0.5 - (y - p.horizon) / 500))
        draw.rectangle((0, y, WIDTH, y + h), fill=tone)
        band += 1
        y += h
    # Rows converge on a point on the horizon.
    vx = rng.uniform(WIDTH * 0.3, WIDTH * 0.7)
    for k in range(-40, 41):
        x_end = vx + k * 90
        draw.line((vx + k * 6, p.horizon, x_end, HEIGHT), fill=(*ink, 40), width=2)
    # Poplars along the far edge.
    for _ in range(28):
        x = rng.uniform(0, WIDTH)
        h = rng.uniform(50, 110)
        tone = p.haze((60, 90, 54), 0.35)
        draw.ellipse((x - h * 0.16, p.horizon + 8 - h, x + h * 0.16, p.horizon + 12), fill=tone)
    cy = p.horizon + rng.uniform(150, 230)
    water = mix(p.mood.sky[1], (40, 80, 100), 0.35)
    draw.polygon([(0, cy), (WIDTH, cy - 60), (WIDTH, cy - 20), (0, cy + 40)], fill=water)
    draw.line((0, cy + 2, WIDTH, cy - 58), fill=(*mix(water, (255, 255, 255), 0.5), 160), width=3)
    if rng.random() < 0.6:
        hx = rng.choice((WIDTH * 0.15, WIDTH * 0.82))
        house = mix(p.mood.ground, (230, 220, 200), 0.5)
        draw.rectangle((hx - 70, p.horizon - 36, hx + 70, p.horizon + 20), fill=house)
        draw.rectangle((hx - 20, p.horizon - 10, hx + 6, p.horizon + 20), fill=mix(house, ink, 0.6))
    for _ in range(rng.randint(1, 3)):
        p.figure(
            rng.uniform(100, WIDTH - 100),
            HEIGHT - rng.uniform(40, 160),
            rng.uniform(150, 240),
            p.jitter(ink, 12),
        )
    del sun_x


def citadel(p: Painter) -> None:
    """A walled citadel on a mound, lantern strings in the foreground."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    p.sky_details(clouds=3)
    stone = p.haze(mix(p.mood.ground, ink, 0.35), 0.3)
    cx = WIDTH * rng.uniform(0.4, 0.6)
    top = p.horizon - 120
    draw.polygon(
        [
            (cx - 760, p.horizon + 140),
            (cx - 420, top + 40),
            (cx + 420, top + 40),
            (cx + 760, p.horizon + 140),
        ],
        fill=mix(stone, p.mood.ground, 0.4),
    )
    draw.rectangle((cx - 440, top - 110, cx + 440, top + 44), fill=stone)
    for x in range(int(cx - 440), int(cx + 440), 36):
        draw.rectangle((x, top - 132, x + 20, top - 110), fill=stone)
    for tx in (cx - 440, cx - 150, cx + 150, cx + 440):
        draw.rectangle((tx - 50, top - 200, tx + 50, top + 44), fill=mix(stone, ink, 0.12))
        for x in range(int(tx - 50), int(tx + 50), 28):
            draw.rectangle((x, top - 222, x + 16, top - 200), fill=mix(stone, ink, 0.12))
        draw.rectangle((tx - 8, top - 160, tx + 8, top - 120), fill=mix(stone, ink, 0.6))
    draw.pieslice((cx - 70, top - 60, cx + 70, top + 120), 180, 360, fill=mix(stone, ink, 0.7))
    p.buildings(p.horizon + 210, p.haze(ink, 0.25), 40, 140, windows=True)
    draw.rectangle((0, p.horizon + 205, WIDTH, HEIGHT), fill=ink)
    # Strings of lanterns sagging across the foreground.
    colours = [(255, 200, 110), (255, 150, 90), (250, 230, 160), (240, 110, 100)]
    for s in range(2):
        y0 = 80 + s * 140
        sag = rng.uniform(120, 200)
        points = [(x, y0 + sag * math.sin(math.pi * x / WIDTH)) for x in range(0, WIDTH + 1, 40)]
        draw.line(points, fill=(*ink, 220), width=2)
        for x, y in points[1:-1:2]:
            colour = rng.choice(colours)
            draw.ellipse((x - 12, y, x + 12, y + 30), fill=colour)
            if p.mood.lit:
                p.glow(x, y + 15, 60, colour, 190)
    for _ in range(rng.randint(6, 10)):
        p.figure(
            rng.uniform(0, WIDTH),
            HEIGHT - rng.uniform(0, 40),
            rng.uniform(180, 280),
            p.jitter(ink, 8),
        )
    p.flush_soft(4)


def theatre(p: Painter) -> None:
    """A stage seen from the stalls: curtains, spotlight beams, heads in silhouette."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    dark = (18, 14, 22)
    p.image.paste(dark, (0, 0, WIDTH, HEIGHT))
    curtain = rng.choice(((150, 30, 42), (40, 60, 120), (110, 40, 90), (30, 90, 80)))
    stage_top, stage_floor = 120, 700
    draw.rectangle((160, stage_top, WIDTH - 160, stage_floor), fill=mix(curtain, dark, 0.65))
    # Folds: alternating light and shade on both side curtains and the pelmet.
    for side in (0, 1):
        for i in range(12):
            x0 = (i * 28) if side == 0 else WIDTH - (i + 1) * 28
            shade = 0.15 + 0.35 * abs(math.sin(i * 1.3))
            draw.rectangle((x0, 0, x0 + 28, stage_floor + 40), fill=mix(curtain, dark, shade))
    for i in range(0, WIDTH, 40):
        draw.rectangle(
            (i, 0, i + 40, stage_top), fill=mix(curtain, dark, 0.2 + 0.3 * ((i // 40) % 2))
        )
    draw.rectangle((150, stage_floor, WIDTH - 150, stage_floor + 50), fill=(92, 60, 40))
    # All the beams first, then the performers, so no beam washes over a performer.
    spots = [rng.uniform(400, WIDTH - 400) for _ in range(rng.randint(2, 3))]
    for x in spots:
        beam = rng.choice(((255, 240, 200), (200, 220, 255), (255, 200, 160)))
        p.soft_polygon(
            [(x - 20, 0), (x + 20, 0), (x + 190, stage_floor), (x - 190, stage_floor)], (*beam, 60)
        )
        p.soft_ellipse((x - 200, stage_floor - 30, x + 200, stage_floor + 40), (*beam, 120))
    p.flush_soft(4)
    for x in spots:
        p.figure(
            x + rng.uniform(-40, 40), stage_floor + 10, rng.uniform(300, 360), mix(ink, dark, 0.3)
        )
    # The audience: rows of heads, nearer rows larger and darker.
    for row in range(4):
        y = stage_floor + 80 + row * 55
        r = 26 + row * 8
        x = -rng.uniform(0, r * 2)
        while x < WIDTH + r:
            draw.ellipse((x - r, y - r, x + r, y + r * 1.2), fill=mix(dark, (0, 0, 0), 0.3))
            draw.rectangle((x - r * 1.4, y + r * 0.8, x + r * 1.4, HEIGHT), fill=(8, 6, 10))
            x += r * 2.6 + rng.uniform(0, r)


def waterwheel(p: Painter) -> None:
    """A great wooden water wheel beside a stone aqueduct on a slow river."""
    rng, draw, ink = p.rng, p.draw, p.mood.ink
    sun_x = p.sky_details()
    p.buildings(p.horizon + 20, p.haze(ink, 0.6), 30, 120, windows=False)
    p.water(p.horizon + 20, mix(p.mood.sky[1], (40, 70, 70), 0.6), sun_x)
    wood = mix((110, 80, 52), ink, 0.3)
    stone = mix(p.mood.ground, (200, 180, 150), 0.4)
    cx, cy = WIDTH * rng.uniform(0.32, 0.42), p.horizon + 40
    r = 360
    # The aqueduct the wheel lifts water into: a solid wall, then its arches cut
    # out again by pasting back the scene behind.
    behind = p.image.copy()
    top = cy - r - 20
    draw.rectangle((cx, top, WIDTH, HEIGHT), fill=stone)
    draw.rectangle((cx, top, WIDTH, top + 26), fill=mix(stone, (255, 255, 255), 0.15))
    openings = Image.new("L", (WIDTH, HEIGHT))
    cut = ImageDraw.Draw(openings)
    for ax in range(int(cx + 90), WIDTH, 230):
        cut.ellipse((ax, top + 90, ax + 160, top + 250), fill=255)
        cut.rectangle((ax, top + 170, ax + 160, HEIGHT), fill=255)
    p.image.paste(behind, (0, 0), openings)
    for ax in range(int(cx + 90), WIDTH, 230):
        draw.arc((ax, top + 90, ax + 160, top + 250), 180, 360, fill=mix(stone, ink, 0.3), width=8)
    # The wheel: rim, spokes, paddles.
    for ring in (r, r - 30):
        draw.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=wood, width=12)
    for k in range(16):
        a = math.tau * k / 16 + rng.uniform(0, 0.1)
        draw.line((cx, cy, cx + math.cos(a) * r, cy + math.sin(a) * r), fill=wood, width=9)
    for k in range(40):
        a = math.tau * k / 40
        x0, y0 = cx + math.cos(a) * r, cy + math.sin(a) * r
        x1, y1 = cx + math.cos(a) * (r + 30), cy + math.sin(a) * (r + 30)
        draw.line((x0, y0, x1, y1), fill=wood, width=14)
    draw.ellipse((cx - 36, cy - 36, cx + 36, cy + 36), fill=ink)
    # Spray where the paddles dip into the river.
    for _ in range(60):
        x = rng.gauss(cx, 120)
        y = cy + r - rng.uniform(0, 60)
        draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=(240, 246, 250, 140))


def abstract(p: Painter) -> None:
    """Overlapping translucent circles and bars over a diagonal wash: a chart-like graphic."""
    rng, draw = p.rng, p.draw
    a, b = p.mood.sky[0], p.mood.sky[-1]
    # Half a vertical and half a horizontal ramp: a diagonal wash with no empty corners.
    ramp = Image.linear_gradient("L")
    flip = ramp.transpose(
        Image.Transpose.ROTATE_90 if rng.random() < 0.5 else Image.Transpose.ROTATE_270
    )
    wash = Image.blend(ramp, flip, 0.5).resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
    p.image.paste(
        Image.composite(
            Image.new("RGB", (WIDTH, HEIGHT), b), Image.new("RGB", (WIDTH, HEIGHT), a), wash
        ),
        (0, 0),
    )
    accents = [(240, 180, 80), (230, 110, 90), (90, 170, 160), (250, 240, 220), (120, 120, 200)]
    for _ in range(9):
        r = rng.uniform(80, 320)
        x, y = rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*rng.choice(accents), rng.randint(40, 90)))
    # Bars rising left to right, like a chart seen through frosted glass.
    x = 180
    h = rng.uniform(120, 220)
    while x < WIDTH - 220:
        h = max(80, h + rng.uniform(-90, 130))
        draw.rounded_rectangle(
            (x, HEIGHT - 120 - h, x + 70, HEIGHT - 120), radius=10, fill=(255, 255, 255, 70)
        )
        x += 110
    draw.line((120, HEIGHT - 118, WIDTH - 120, HEIGHT - 118), fill=(255, 255, 255, 140), width=3)


SCENES: dict[str, Callable[[Painter], None]] = {
    "skyline": skyline,
    "river-bridge": river_bridge,
    "market": market,
    "desert-road": desert_road,
    "stadium": stadium,
    "checkpoint": checkpoint,
    "government": government,
    "port": port,
    "fields": fields,
    "citadel": citadel,
    "theatre": theatre,
    "waterwheel": waterwheel,
    "abstract": abstract,
}


def render(scene: str, mood: str, seed: str) -> Image.Image:
    """A WIDTH x HEIGHT picture of `scene` in `mood` light; the same seed, the same picture."""
    rng = random.Random(seed)
    painter = Painter(MOODS[mood], rng, horizon=int(HEIGHT * rng.uniform(0.5, 0.58)))
    SCENES[scene](painter)
    painter.flush_soft()
    return painter.finish()
