"""Share links: plain URLs to each network's own share page, built on the server, so
they work without JavaScript and load nothing from those networks until pressed."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    network: str  # a key for the icon and the label: whatsapp, telegram, facebook, x, email
    href: str


def _query(**params: str) -> str:
    # Spaces as %20, not "+": mailto (RFC 6068) and some apps read "+" literally.
    return urlencode(params, quote_via=quote)


def share_links(url: str, headline: str) -> list[ShareLink]:
    """Links sharing the page at `url` (absolute, canonical) under `headline`."""
    text = f"{headline} {url}"
    return [
        ShareLink("whatsapp", "https://wa.me/?" + _query(text=text)),
        ShareLink("telegram", "https://t.me/share/url?" + _query(url=url, text=headline)),
        ShareLink("facebook", "https://www.facebook.com/sharer/sharer.php?" + _query(u=url)),
        ShareLink("x", "https://x.com/intent/post?" + _query(url=url, text=headline)),
        ShareLink("email", "mailto:?" + _query(subject=headline, body=text)),
    ]
