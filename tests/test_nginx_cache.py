"""A real nginx, with the repository's caching rules, in front of real gunicorn workers.

The generated nginx.conf INCLUDES deploy/newsite-proxy.conf, so what is tested is what
ships: readers with different `reader` cookies share one cached article page, while
each one's own parts (vote, pending comment) come past the cache, to them only.
"""

from __future__ import annotations

import os
import re
import shutil
import string
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support import (
    PROJECT_ROOT,
    Factory,
    HttpReader,
    app_on,
    free_port,
    gunicorn,
    server_database,
    server_env,
)

PROXY_RULES = PROJECT_ROOT / "deploy" / "newsite-proxy.conf"
LOCAL_CONF = PROJECT_ROOT / "deploy" / "nginx-local.conf"  # the config make bench runs too
AWAITING = "Your comment is awaiting moderation"
# Served from the shared cache entry (fresh, stale while updating, or revalidated
# with the app's ETag): anything but a MISS, an EXPIRED refill or a BYPASS.
FROM_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}


def find_nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None
    )
    if found is None:
        pytest.fail("nginx is missing: `make setup-test` installs it (apt-get install nginx)")
    return found


@contextmanager
def nginx(upstream: str, folder: Path) -> Iterator[str]:
    """nginx on a free port of 127.0.0.1 in front of `upstream`; yields its base URL."""
    folder.mkdir()
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(
        string.Template(LOCAL_CONF.read_text()).substitute(
            # As root nginx would run its worker as `nobody`, who cannot use tmp_path.
            user="user root;" if os.geteuid() == 0 else "",
            folder=folder,
            upstream=upstream.removeprefix("http://"),
            port=port,
            rules=PROXY_RULES,
        )
    )
    command = [find_nginx(), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    output = (folder / "nginx.out").open("wb")
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/comment-policy", timeout=5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (folder / "error.log").read_text()
                        if (folder / "error.log").exists()
                        else ""
                    )
                    raise RuntimeError(f"nginx did not start:\n{log}") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        output.close()


class Answer:
    def __init__(self, status: int, headers, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode()

    @property
    def cache(self) -> str:
        return self.headers.get("X-Cache", "")


def fetch(reader: HttpReader, path: str, headers: dict[str, str] | None = None) -> Answer:
    """A GET through the reader's cookies, with the answer's status and headers."""
    request = urllib.request.Request(reader.base_url + path, headers=headers or {})
    try:
        with reader.opener.open(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, error.headers, error.read())


def reader_cookie(reader: HttpReader) -> str | None:
    jar = next(h for h in reader.opener.handlers if hasattr(h, "cookiejar")).cookiejar
    return next((c.value for c in jar if c.name == "reader"), None)


def pressed_votes(html: str) -> list[str]:
    return re.findall(r'vote-button--(\w+)" aria-pressed="true"', html)


@pytest.mark.load
def test_readers_with_different_cookies_share_the_cached_article_but_see_only_their_own_parts(
    migrated_template, tmp_path
):
    database = server_database("sqlite", tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        make = Factory(app)
        article = make.article(slug="crowded-story")
        make.comment(article, body="A comment everyone sees")
    page = f"/{article.edition.slug}/{article.section.slug}/crowded-story"
    env = server_env(
        database,
        tmp_path,
        PROXY_COUNT="1",
        COMMENT_MODERATION="pre",
        COMMENT_RATE_LIMIT="1000 per minute",
        VOTE_RATE_LIMIT="1000 per minute",
    )
    with (
        gunicorn(env, workers=2, log=tmp_path / "gunicorn.log") as upstream,
        nginx(upstream, tmp_path / "nginx") as base,
    ):
        amal, basim = HttpReader(base), HttpReader(base)

        # POSTs go through nginx to the app: each reader acts and gets a cookie.
        vote = f"/votes/articles/{article.id}"
        assert amal.post(vote, {"choice": "yes"}) == 303
        assert basim.post(vote, {"choice": "no"}) == 303
        comments = f"/comments/articles/{article.id}"
        assert amal.post(comments, {"name": "Amal", "body": "Amal's own words"}) == 303
        assert basim.post(comments, {"name": "Basim", "body": "Basim's own words"}) == 303
        assert reader_cookie(amal) and reader_cookie(basim)
        assert reader_cookie(amal) != reader_cookie(basim)

        # The article page: filled once, then served to the other reader from the cache.
        first = fetch(amal, page)
        second = fetch(basim, page)
        assert first.status == second.status == 200
        assert second.cache in FROM_CACHE, (first.cache, second.cache, second.headers.get("Vary"))
        assert second.body == first.body
        assert "Set-Cookie" not in first.headers and "Set-Cookie" not in second.headers
        shared = first.text
        assert "A comment everyone sees" in shared
        assert pressed_votes(shared) == []
        assert "own words" not in shared and AWAITING not in shared
        # The counts include both votes.
        assert re.search(r'vote-button--yes"[^>]*>\s*Yes <span class="vote-count">1<', shared)
        assert re.search(r'vote-button--no"[^>]*>\s*No <span class="vote-count">1<', shared)

        # Each reader's own parts, past the cache, theirs only.
        mine_url = re.search(r'data-hx-get="(/mine/articles/[^"]+)"', shared).group(1)
        mine_url = mine_url.replace("&amp;", "&")
        for me, other, choice in [
            (amal, "Basim's own words", "yes"),
            (basim, "Amal's own words", "no"),
        ]:
            mine = fetch(me, mine_url, {"HX-Request": "true"})
            assert mine.status == 200
            assert mine.cache == "BYPASS"
            assert pressed_votes(mine.text) == [choice]
            assert AWAITING in mine.text
            name = "Amal" if me is amal else "Basim"
            assert f"{name}'s own words" in mine.text.replace("&#39;", "'")
            assert other not in mine.text.replace("&#39;", "'")

        # Without JavaScript: the private page, never stored, each their own state.
        for me, name, other, choice in [
            (amal, "Amal", "Basim", "yes"),
            (basim, "Basim", "Amal", "no"),
            (amal, "Amal", "Basim", "yes"),
        ]:
            private = fetch(me, page + "?mine=1")
            assert private.status == 200
            assert private.cache in ("BYPASS", "MISS", ""), private.cache
            assert "private" in private.headers["Cache-Control"]
            text = private.text.replace("&#39;", "'")
            assert pressed_votes(text) == [choice]
            assert f"{name}'s own words" in text and AWAITING in text
            assert f"{other}'s own words" not in text

        # A newcomer asking for the private address gets nobody's.
        newcomer = fetch(HttpReader(base), page + "?mine=1")
        assert pressed_votes(newcomer.text) == []
        assert "own words" not in newcomer.text
        # And the shared page, however often it is asked for, never shows anyone's.
        for reader in (amal, basim, HttpReader(base)):
            again = fetch(reader, page)
            assert pressed_votes(again.text) == [] and "own words" not in again.text

        # A reader who chose an order of comments is sent to it past the cache (and the
        # redirect is not stored); everyone else still gets the cached page.
        chooser = HttpReader(base)
        assert fetch(chooser, f"/comments/articles/{article.id}/order/newest").status == 303
        for _ in range(2):
            sent = fetch(chooser, page)
            assert (sent.status, sent.cache) == (302, "BYPASS")
            assert sent.headers["Location"].endswith(f"{page}?order=newest")
        assert fetch(chooser, f"{page}?order=newest").status == 200
        assert fetch(HttpReader(base), page).cache in FROM_CACHE

        # The new-comments poll: "nothing new" is the same for everyone, so nginx keeps
        # it a second and shares it; news is one reader's (it leaves out their own
        # comments) and is never stored.
        poll = re.search(r'data-hx-get="(/comments/articles/\d+/new\?since=\d+)"', shared).group(1)
        htmx = {"HX-Request": "true"}
        first_poll, second_poll = fetch(amal, poll, htmx), fetch(basim, poll, htmx)
        assert first_poll.status == second_poll.status == 204
        assert second_poll.cache in FROM_CACHE, (first_poll.cache, second_poll.cache)
        news_url = re.sub(r"since=\d+", "since=0", poll)
        for reader in (amal, basim):
            news = fetch(reader, news_url, htmx)
            assert news.status == 200 and "private" in news.headers["Cache-Control"]
            assert news.cache not in FROM_CACHE, news.cache


@pytest.mark.load
def test_a_reader_who_dismissed_a_banner_gets_their_own_page_and_the_rest_the_cached_one(
    migrated_template, tmp_path
):
    database = server_database("sqlite", tmp_path, migrated_template)
    with app_on(database, tmp_path / "media") as app:
        make = Factory(app)
        article = make.article(slug="bridge-story")
        banner = make.banner(article, text="Bridge closed after the flood")
    listing = f"/{article.edition.slug}/"
    page = f"/{article.edition.slug}/{article.section.slug}/bridge-story"
    news = "Bridge closed after the flood"
    env = server_env(database, tmp_path, PROXY_COUNT="1")
    with (
        gunicorn(env, workers=2, log=tmp_path / "gunicorn.log") as upstream,
        nginx(upstream, tmp_path / "nginx") as base,
    ):
        # Readers without the cookie share one cached page, banner included.
        for path in (listing, page):
            first, second = fetch(HttpReader(base), path), fetch(HttpReader(base), path)
            assert news in first.text and second.body == first.body, path
            assert second.cache in FROM_CACHE, (path, first.cache, second.cache)

        reader = HttpReader(base)
        assert reader.post(f"/banners/{banner.id}/dismiss", {"next": listing}) == 303

        for path in (listing, page):
            # The reader who dismissed it: past the cache, a page of their own...
            own = fetch(reader, path)
            assert own.status == 200 and news not in own.text, path
            assert own.cache == "BYPASS", (path, own.cache)
            assert own.headers["Cache-Control"] == "private, no-store", path
            # ...which nginx never stored: everyone else still gets the cached page.
            other = fetch(HttpReader(base), path)
            assert other.cache in FROM_CACHE, (path, other.cache)
            assert news in other.text and "private" not in other.headers["Cache-Control"], path
