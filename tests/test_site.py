"""The seeded demo site as a whole: every page reachable by links, valid HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from flask import Flask, render_template
from support import Factory, sign_in
from werkzeug.exceptions import InternalServerError

from newsite.config import project_root
from newsite.demo.content import ANATOMY_ARTICLE_SLUG

READER_PAGES = {
    "public.home",
    "public.edition",
    "public.edition_section",
    "public.section",
    "public.article",
    "public.author",
    "public.comment_policy",
    "public.static_page",
}
VNU_JAR = project_root() / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


REDIRECTS = (301, 302, 303)


@pytest.fixture(scope="session")
def crawl(site: Flask) -> dict[str, tuple[int, str]]:
    """Every page reachable by links from the home page: URL -> (status, HTML).
    Linked files that are not HTML pages (feeds) are fetched but kept as "", and so
    are links that redirect (a comment's own link, a choice of order), whose targets
    are crawled in turn. Like a search engine's crawler, it keeps no cookies."""
    client = site.test_client(use_cookies=False)
    seen: dict[str, tuple[int, str]] = {}
    queue = ["/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code in REDIRECTS:
            seen[url] = (response.status_code, "")
            target = urlsplit(response.location)
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
            continue
        if response.mimetype != "text/html":
            seen[url] = (response.status_code, "")
            continue
        seen[url] = (response.status_code, response.text)
        links = Links()
        links.feed(response.text)
        for href in links.hrefs:
            parts = urlsplit(urldefrag(href).url)
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith("/media/"):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def endpoint_of(site: Flask, url: str) -> str:
    return site.url_map.bind("localhost").match(urlsplit(url).path)[0]


def test_every_reader_page_is_reachable_from_home_by_links(site, crawl):
    reached = {endpoint_of(site, url) for url in crawl}
    assert reached >= READER_PAGES
    assert any("?page=2" in url for url in crawl), "a second listing page is linked"


def test_every_linked_page_answers_200_or_redirects_to_one(crawl):
    # A redirect's target is crawled too, so it must answer 200 itself.
    broken = {url: status for url, (status, _) in crawl.items() if status not in (200, *REDIRECTS)}
    assert broken == {}


def test_demo_has_the_anatomy_article(crawl):
    matches = [html for url, (_, html) in crawl.items() if url.endswith(ANATOMY_ARTICLE_SLUG)]
    assert matches, "the anatomy article is linked from the site"
    html = matches[0]
    assert html.count("<h1") == 1 and "<blockquote>" in html and "<h2>" in html
    assert '<span class="credit">[Photo circulated on social media]</span>' in html


ADMIN_PAGES = [
    "/admin/sign-in",
    "/admin/",
    "/admin/articles",
    "/admin/articles/new",
    "/admin/articles/1",
    "/admin/articles/1/revisions",
    "/admin/photos",
    "/admin/comments",
    "/admin/comments/settings",
    "/admin/sections",
    "/admin/editions/1",
    "/admin/editors",
    "/admin/pages",
    "/admin/pages/masthead",
    "/admin/banners",
]


def admin_samples(site: Flask) -> dict[str, str]:
    """The admin's pages as an admin sees them (the sign-in page signed out)."""
    client = site.test_client()
    pages = {"admin-sign-in": client.get("/admin/sign-in").text}
    editor = Factory(site).editor("admin", email="validator@newsroom.example")
    sign_in(client, editor.email)
    for url in ADMIN_PAGES[1:]:
        response = client.get(url)
        assert response.status_code == 200, url
        pages["admin" + url.replace("/", "-")] = response.text
    return pages


def test_every_page_passes_the_nu_html_checker(site, crawl, tmp_path):
    if shutil.which("java") is None or not VNU_JAR.exists():
        pytest.fail("The Nu Html Checker needs Java and node_modules/vnu-jar: run `make test`.")
    # One page of each kind, plus the error pages and the admin, keeps the check quick.
    samples: dict[str, str] = admin_samples(site)
    for url, (_, html) in sorted(crawl.items()):
        if html:
            samples.setdefault(endpoint_of(site, url), html)
    samples["404"] = site.test_client().get("/no-such-page/").text
    # The newsroom's pages share an endpoint; the masthead also lists the staff.
    for url in ("/masthead", "/masthead/ar"):
        samples[url.strip("/").replace("/", "-")] = site.test_client().get(url).text
    with site.test_request_context():
        samples["500"] = render_template(
            "errors/error.html", error=InternalServerError(), minimal=True
        )
    files = []
    for name, html in samples.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html)
        files.append(str(path))

    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m['url'].rsplit('/', 1)[-1]}: {m['message']}" for m in messages]
    assert errors == []


def test_every_page_title_ends_with_one_separator_and_the_site_name(crawl):
    titles = {
        url: re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        for url, (_, html) in crawl.items()
        if html
    }
    odd = {url: title for url, title in titles.items() if not title.endswith(" – newsite")}
    assert odd == {}
    assert not any("·" in title or " | " in title for title in titles.values())
