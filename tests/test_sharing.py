"""Sharing an article: plain links built on the server, nothing loaded from the networks."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from newsite.public.sharing import share_links

SITE = "http://localhost"


class Tags(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def article_path(article) -> str:
    return f"/{article.edition.slug}/{article.section.slug}/{article.slug}"


def share_section(html: str) -> str:
    return re.search(r'<section class="share".*?</section>', html, re.S).group(0)


def test_article_has_share_links_for_each_network_and_email(client, make):
    article = make.article(headline="Road & rail reopen", slug="road-rail")
    url = SITE + article_path(article)

    html = client.get(article_path(article)).get_data(as_text=True)
    links = {
        urlsplit(attrs["href"]).netloc or "mailto": attrs
        for tag, attrs in tags_of(share_section(html))
        if tag == "a"
    }

    assert set(links) == {"wa.me", "t.me", "www.facebook.com", "x.com", "mailto"}
    queries = {host: parse_qs(urlsplit(a["href"]).query) for host, a in links.items()}
    assert queries["wa.me"] == {"text": [f"Road & rail reopen {url}"]}
    assert queries["t.me"] == {"url": [url], "text": ["Road & rail reopen"]}
    assert queries["www.facebook.com"] == {"u": [url]}
    assert queries["x.com"] == {"url": [url], "text": ["Road & rail reopen"]}
    assert queries["mailto"] == {
        "subject": ["Road & rail reopen"],
        "body": [f"Road & rail reopen {url}"],
    }


def test_share_links_open_apart_from_the_site_without_referrer_or_opener(client, make):
    article = make.article()
    html = client.get(article_path(article)).get_data(as_text=True)
    for tag, attrs in tags_of(share_section(html)):
        if tag == "a" and not attrs["href"].startswith("mailto:"):
            assert attrs["rel"] == "noopener noreferrer" and attrs["target"] == "_blank"


def test_copy_link_and_share_sheet_wait_for_the_script_that_makes_them_work(client, make):
    article = make.article()
    section = share_section(client.get(article_path(article)).get_data(as_text=True))
    assert re.search(r"<li hidden><button [^>]*data-share-copy>", section)
    assert re.search(r"<li hidden><button [^>]*data-share-native>", section)
    assert re.search(r'<script src="/static/js/share\.js\?v=\w+" defer></script>', section)


def test_share_urls_keep_arabic_headlines_and_spaces_intact():
    links = {link.network: link.href for link in share_links(f"{SITE}/a/b/c", "طريق M1 يفتح")}
    assert links["email"].startswith("mailto:?subject=%D8%B7%D8%B1%D9%8A%D9%82%20M1%20")
    assert "+" not in links["email"]  # mail programs read "+" as a plus sign
    assert parse_qs(urlsplit(links["whatsapp"]).query)["text"] == [f"طريق M1 يفتح {SITE}/a/b/c"]


def test_article_page_loads_nothing_from_other_sites(client, make):
    article = make.article(lead_photo=make.photo())
    html = client.get(article_path(article)).get_data(as_text=True)
    loaded = [
        attrs.get("src") or attrs.get("href")
        for tag, attrs in tags_of(html)
        if tag in ("script", "img", "link", "iframe", "source")
        and (attrs.get("src") or attrs.get("href"))  # not JSON-LD's inline <script>
    ]
    assert loaded and all(url.startswith("/") or url.startswith(SITE) for url in loaded)


def test_printed_article_carries_its_address(client, make):
    article = make.article()
    html = client.get(article_path(article)).get_data(as_text=True)
    address = f'<bdi dir="ltr" lang="zxx">{SITE}{article_path(article)}</bdi>'
    assert f'<p class="print-only">Read online: {address}</p>' in html
