"""Videos in article bodies, without a request to the video's site before a reader asks.

A paragraph holding only a YouTube or Vimeo address becomes a card: the video's title
and thumbnail, learned once through the provider's oEmbed endpoint when an editor
saves (never while readers read), the thumbnail re-encoded into our own media. Only
the reader's press on "Play" loads the player, from the provider's privacy-enhanced
host (static/js/embeds.js). When oEmbed fails the card is a plain link to the video.
"""

from __future__ import annotations

import io
import json
import re
import time
import uuid
import warnings
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, parse_qs, urlsplit

import httpx
import sqlalchemy as sa
from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from markupsafe import escape
from PIL import Image, ImageOps

from newsite.extensions import db
from newsite.models import Embed, utcnow
from newsite.photos import MAX_PIXELS
from newsite.text import lone_links, render_markdown

# The sites whose videos become cards, by provider: exact host names only, so
# "youtube.com.evil.test" stays a plain link.
YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"})
VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com"})
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,12}")
SOURCE_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}
# The players' hosts: the only frames the site's CSP allows (newsite.security).
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")

# What the server downloads, at most: an oEmbed answer, a thumbnail.
OEMBED_MAX_BYTES = 64 * 1024
THUMBNAIL_MAX_BYTES = 5 * 1024 * 1024
THUMBNAIL_FORMATS = ["JPEG", "PNG", "WEBP"]
# Our copy of a thumbnail: the card's width, JPEG.
THUMBNAIL_WIDTH = 640
THUMBNAIL_QUALITY = 80


@dataclass(frozen=True)
class Video:
    """A video a body links to: its provider and the provider's id for it."""

    provider: str
    video_id: str

    @property
    def url(self) -> str:
        """The video's page: one address whichever form the editor typed."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def player_url(self) -> str:
        """The player, from the host that sets no tracking cookies."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"

    @property
    def source(self) -> str:
        return SOURCE_NAMES[self.provider]


def recognise(text: str) -> Video | None:
    """The video `text` addresses, if it is exactly a YouTube or Vimeo video's address."""
    parts = _web_address(text)
    if parts is None or parts.username or parts.port:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path.rstrip("/")
    found: str | None = None
    provider = "youtube"
    if host in YOUTUBE_HOSTS:
        if path == "/watch":
            found = (parse_qs(parts.query).get("v") or [""])[0]
        elif path.startswith("/shorts/"):
            found = path.removeprefix("/shorts/")
    elif host == "youtu.be":
        found = path.removeprefix("/")
    elif host in VIMEO_HOSTS:
        provider, found = "vimeo", path.removeprefix("/")
    pattern = _YOUTUBE_ID if provider == "youtube" else _VIMEO_ID
    if found and pattern.fullmatch(found):
        return Video(provider, found)
    return None


def _web_address(text: str) -> SplitResult | None:
    """`text` (bare or in <>) split, if it is one http(s) address."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if not text or any(c.isspace() or c in "<>\"'" for c in text):
        return None
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts


def videos_in(body: str) -> list[Video]:
    """The videos `body` shows as cards, each once, in order."""
    found = (recognise(link) for link in lone_links(body or ""))
    return list(dict.fromkeys(video for video in found if video is not None))


def render_body(body: str) -> str:
    """An article body's HTML, with a card for each video paragraph (as last fetched)."""
    return render_markdown(body, lone_link=card_html)


def card_html(text: str, language: str) -> str | None:
    """What stands for a paragraph holding only `text`: a video's card (from what is
    stored: nothing is fetched here), a link for another web address, else None."""
    video = recognise(text)
    if video is None:
        if _web_address(text) is None:
            return None
        url = escape(text.removeprefix("<").removesuffix(">"))
        return f'<p><a href="{url}" rel="noopener noreferrer">{url}</a></p>'
    # Bodies are rendered while an article is being changed: a query must not flush it.
    with db.session.no_autoflush:
        embed = db.session.scalar(sa.select(Embed).filter_by(url=video.url))
    # The card's words are in the article's language; outside a request (the seed,
    # the command line) a blank one lets url_for build the thumbnail's path.
    request = nullcontext() if has_request_context() else current_app.test_request_context()
    with request, force_locale(language):
        html = render_template(
            "includes/_embed_card.html", video=video, embed=embed if embed and embed.ok else None
        )
    return " ".join(html.split())


class EmbedError(Exception):
    """oEmbed or the thumbnail could not be had: the video gets a link card."""


def fetch_missing(body: str) -> int:
    """Ask oEmbed about the videos of `body` not known yet (or that failed before) and
    store what it says; return how many were fetched. Commits each.

    Called where an editor saves (and by the seed), before the body is rendered: this
    waits on the network, so it runs before the request's write transaction.
    """
    fetched = 0
    for video in videos_in(body):
        known = db.session.scalar(sa.select(Embed).filter_by(url=video.url))
        if known is not None and known.ok:
            continue
        embed = known or Embed(url=video.url, provider=video.provider, video_id=video.video_id)
        try:
            embed.title, embed.thumbnail = fetch(video)
            embed.ok = True
        except EmbedError as exc:
            current_app.logger.warning("No card for %s: %s", video.url, exc)
            embed.title, embed.thumbnail, embed.ok = "", None, False
        embed.fetched_at = utcnow()
        db.session.add(embed)
        try:
            db.session.commit()
        except sa.exc.IntegrityError:
            db.session.rollback()  # another editor's save stored it at the same moment
        fetched += 1
    return fetched


def fetch(video: Video) -> tuple[str, str]:
    """The video's title and our copy of its thumbnail (a path under MEDIA_ROOT)."""
    config = current_app.config
    endpoint = config["EMBED_OEMBED_ENDPOINTS"].get(video.provider)
    if not endpoint:
        raise EmbedError(f"no oEmbed endpoint for {video.provider}")
    deadline = time.monotonic() + config["EMBED_FETCH_TIMEOUT"] * 2
    with httpx.Client(
        timeout=config["EMBED_FETCH_TIMEOUT"],
        follow_redirects=False,
        headers={"User-Agent": f"{config['SITE_NAME']} (oEmbed)"},
    ) as client:
        answer = _download(
            client, endpoint, deadline, OEMBED_MAX_BYTES, {"url": video.url, "format": "json"}
        )
        try:
            data = json.loads(answer)
        except (ValueError, RecursionError) as exc:
            raise EmbedError("the oEmbed answer is not JSON") from exc
        title = data.get("title") if isinstance(data, dict) else None
        thumbnail_url = data.get("thumbnail_url") if isinstance(data, dict) else None
        if not isinstance(title, str) or not title.strip() or not isinstance(thumbnail_url, str):
            raise EmbedError("the oEmbed answer has no title or thumbnail")
        if _origin(thumbnail_url) not in config["EMBED_THUMBNAIL_ORIGINS"]:
            raise EmbedError(f"the thumbnail is not on a known host: {thumbnail_url[:200]}")
        image = _download(client, thumbnail_url, deadline, THUMBNAIL_MAX_BYTES)
    return " ".join(title.split())[:300], store_thumbnail(video, image)


def _download(
    client: httpx.Client,
    url: str,
    deadline: float,
    limit: int,
    params: dict[str, str] | None = None,
) -> bytes:
    """The body of a 200 answer, refused when larger than `limit` or slower than `deadline`."""
    try:
        with client.stream("GET", url, params=params) as response:
            if response.status_code != 200:
                raise EmbedError(f"{url} answered {response.status_code}")
            data = bytearray()
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > limit:
                    raise EmbedError(f"{url} sent more than {limit} bytes")
                if time.monotonic() > deadline:
                    raise EmbedError(f"{url} was too slow")
            return bytes(data)
    except httpx.HTTPError as exc:
        raise EmbedError(f"{url}: {exc.__class__.__name__}") from exc


def _origin(url: str) -> str:
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()
    except ValueError:
        return ""


def store_thumbnail(video: Video, data: bytes) -> str:
    """Check the thumbnail is a picture and re-encode it as our own JPEG; its path."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=THUMBNAIL_FORMATS) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS or min(width, height) < 16:
                    raise EmbedError(f"a thumbnail of {width} x {height} pixels")
                probe.load()
                image = _on_white(ImageOps.exif_transpose(probe))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise EmbedError("the thumbnail is not an image we can read") from exc
    except Image.DecompressionBombWarning as exc:
        raise EmbedError("the thumbnail has too many pixels") from exc
    if image.width > THUMBNAIL_WIDTH:
        image = image.resize(
            (THUMBNAIL_WIDTH, round(image.height * THUMBNAIL_WIDTH / image.width)),
            Image.Resampling.LANCZOS,
        )
    name = f"embeds/{video.provider}-{video.video_id}-{uuid.uuid4().hex[:8]}.jpg"
    path = Path(current_app.config["MEDIA_ROOT"]) / name
    encoded = io.BytesIO()
    image.save(encoded, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True, progressive=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(encoded.getvalue())
        partial.replace(path)
    except OSError as exc:
        raise EmbedError(f"the thumbnail could not be written: {exc}") from exc
    return name


def _on_white(image: Image.Image) -> Image.Image:
    """An RGB copy of `image`, transparent parts on white."""
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat
