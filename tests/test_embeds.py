"""Videos in stories (issue 17, item 10): a card stored when the editor saves, through
oEmbed from a local server here; nothing fetched while readers read."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image
from sqlalchemy.orm import undefer
from support import csrf_from
from test_admin_articles import form_data

from newsite.demo.embeds import ARTICLE_SLUG
from newsite.embeds import recognise
from newsite.extensions import db
from newsite.models import Article, Embed
from newsite.security import content_security_policy

VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def jpeg(size: tuple[int, int] = (1280, 720)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


class Provider:
    """A local stand-in for the providers' oEmbed endpoints and thumbnail hosts."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        # What /oembed answers: "ok", "slow", "not-json", "text-thumbnail", "far-thumbnail".
        self.mode = "ok"
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802  (http.server's name)
                provider.requests.append(self.path)
                status, kind, body = provider.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"

    def answer(self, path: str) -> tuple[int, str, bytes]:
        if path.startswith("/thumb.jpg"):
            return 200, "image/jpeg", jpeg()
        if path.startswith("/thumb.txt"):
            return 200, "image/jpeg", b"<html>not a picture</html>"
        if self.mode == "slow":
            time.sleep(1.5)
        if self.mode == "not-json":
            return 200, "application/json", b"{'title': oops"
        thumbnail = {
            "text-thumbnail": f"{self.origin}/thumb.txt",
            "far-thumbnail": "http://169.254.169.254/latest/meta-data.jpg",
        }.get(self.mode, f"{self.origin}/thumb.jpg")
        data = {"type": "video", "title": "The <b>river</b> film", "thumbnail_url": thumbnail}
        return 200, "application/json", json.dumps(data).encode()


@pytest.fixture
def provider(app) -> Iterator[Provider]:
    local = Provider()
    thread = threading.Thread(target=local.server.serve_forever, daemon=True)
    thread.start()
    app.config.update(
        EMBED_OEMBED_ENDPOINTS={
            "youtube": f"{local.origin}/oembed",
            "vimeo": f"{local.origin}/oembed",
        },
        EMBED_THUMBNAIL_ORIGINS=[local.origin],
        EMBED_FETCH_TIMEOUT=0.5,
    )
    yield local
    local.server.shutdown()
    local.server.server_close()
    thread.join(timeout=5)


def save(desk, body: str, article_id: int | None = None, **fields):
    """Save (publish) an article through the admin's form, as an editor does."""
    url = f"/admin/articles/{article_id}" if article_id else "/admin/articles/new"
    data = form_data(desk, headline="Film nights by the river", body=body, status="published")
    return desk["client"].post(url, data=data | fields)


def stored(app) -> tuple[Article, list[Embed]]:
    """The article saved (its `path` for reading it) and every stored video."""
    with app.test_request_context():
        article = db.session.scalar(
            sa.select(Article)
            .filter_by(slug="film-nights-by-the-river")
            .options(undefer(Article.body_html))
        )
        embeds = list(db.session.scalars(sa.select(Embed)))
        if article is not None:
            article.path = article.url()
        db.session.expunge_all()
        return article, embeds


@pytest.mark.parametrize(
    ("address", "provider_name", "video_id"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("https://youtube.com/watch?feature=share&v=aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("https://m.youtube.com/watch?v=aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("https://youtu.be/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("http://vimeo.com/76979871", "vimeo", "76979871"),
        ("https://www.vimeo.com/76979871/", "vimeo", "76979871"),
    ],
)
def test_youtube_and_vimeo_addresses_are_videos(address, provider_name, video_id):
    assert recognise(address) == (recognise(address).__class__(provider_name, video_id))


@pytest.mark.parametrize(
    "address",
    [
        "https://youtube.com.evil.test/watch?v=aqz-KE-bpKQ",
        "https://evil.test/www.youtube.com/watch?v=aqz-KE-bpKQ",
        "https://notyoutube.com/watch?v=aqz-KE-bpKQ",
        "https://youtu.be.evil.test/aqz-KE-bpKQ",
        "https://vimeo.com.evil.test/76979871",
        "https://www.youtube.com@evil.test/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com:8443/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/playlist?list=PL123",
        "https://vimeo.com/channels/staffpicks",
        "javascript://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "ftp://vimeo.com/76979871",
    ],
)
def test_other_and_lookalike_hosts_are_not_videos(address):
    assert recognise(address) is None


def test_saving_stores_the_title_and_our_own_thumbnail_and_readers_get_a_card(
    app, client, desk, provider
):
    response = save(desk, f"The opening film:\n\n{VIDEO}\n\nMore text.")
    assert response.status_code == 303
    article, (embed,) = stored(app)
    assert embed.ok and embed.provider == "youtube" and embed.video_id == "aqz-KE-bpKQ"
    assert embed.title == "The <b>river</b> film"
    thumbnail = Path(app.config["MEDIA_ROOT"]) / embed.thumbnail
    with Image.open(thumbnail) as picture:
        assert picture.format == "JPEG" and picture.width == 640
    page = client.get(article.path).text
    assert f'src="/media/{embed.thumbnail}"' in page
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"' in page
    assert "The &lt;b&gt;river&lt;/b&gt; film" in page and "<b>river" not in page
    assert f'<a class="embed-link" href="{VIDEO}"' in page  # the card without scripts
    assert "<iframe" not in page and "js/embeds.js" in page
    assert client.get(f"/media/{embed.thumbnail}").status_code == 200


def test_a_known_video_is_not_fetched_again(app, desk, provider):
    save(desk, VIDEO)
    article, _ = stored(app)
    asked = len(provider.requests)
    save(desk, f"Again:\n\n{VIDEO}", article.id, revision="1")
    assert len(provider.requests) == asked == 2  # oEmbed and the thumbnail, once


@pytest.mark.parametrize("mode", ["slow", "not-json", "text-thumbnail", "far-thumbnail"])
def test_when_oembed_fails_the_video_is_a_plain_link_card(app, client, desk, provider, mode):
    provider.mode = mode
    started = time.monotonic()
    assert save(desk, VIDEO).status_code == 303
    assert time.monotonic() - started < 5  # a short timeout: the editor is not kept
    article, (embed,) = stored(app)
    assert not embed.ok and embed.thumbnail is None
    page = client.get(article.path).text
    assert f'<a class="embed-link" href="{VIDEO}"' in page and "Video on YouTube" in page
    assert "data-embed-src" not in page and "embed-play" not in page
    assert "js/embeds.js" not in page
    assert not any(n.startswith("embeds") for n in _media_files(app))


def test_a_failed_video_is_fetched_again_at_the_next_save(app, desk, provider):
    provider.mode = "not-json"
    save(desk, VIDEO)
    article, _ = stored(app)
    provider.mode = "ok"
    save(desk, VIDEO, article.id, revision="1")
    article, (embed,) = stored(app)
    assert embed.ok and 'data-embed-src="https://www.youtube-nocookie.com' in article.body_html


def test_a_video_on_another_host_stays_a_plain_link(app, desk, provider):
    address = "https://youtube.com.evil.test/watch?v=aqz-KE-bpKQ"
    assert save(desk, f"Watch:\n\n{address}").status_code == 303
    article, embeds = stored(app)
    assert embeds == [] and provider.requests == []
    assert f'<p><a href="{address}" rel="noopener noreferrer">{address}</a></p>' in (
        article.body_html
    )


def test_a_video_inside_a_sentence_or_a_list_is_left_as_text(app, desk, provider):
    save(desk, f"See {VIDEO} tonight.\n\n- {VIDEO}\n\n    {VIDEO}")
    article, embeds = stored(app)
    assert embeds == [] and "embed" not in article.body_html


def test_raw_iframes_and_scripts_an_editor_types_are_still_stripped(app, desk, provider):
    body = (
        '<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ"></iframe>\n\n'
        f"{VIDEO}\n\n"
        '<figure class="embed" data-embed-src="https://evil.test/"><button>Play</button>'
        "</figure>"
    )
    save(desk, body)
    article, _ = stored(app)
    tags = Tags()
    tags.feed(article.body_html)
    assert "iframe" not in tags.names and "script" not in tags.names
    assert tags.players == ["https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"]


def test_the_policy_allows_frames_only_from_the_privacy_enhanced_players(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com;" in policy
    assert "youtube.com " not in policy.replace("youtube-nocookie.com", "")
    assert content_security_policy("local") == policy


def test_reading_a_story_with_a_video_asks_no_one_and_runs_no_more_queries(
    app, client, desk, provider, count_queries
):
    save(desk, "Plain story.")
    plain, _ = stored(app)
    save(desk, f"Plain story.\n\n{VIDEO}", plain.id, revision="1")
    with_video, _ = stored(app)
    asked = len(provider.requests)
    client.get(with_video.path)  # fill the caches both pages share
    with count_queries() as queries:
        page = client.get(with_video.path)
    assert page.status_code == 200 and "data-embed-src" in page.text
    assert len(provider.requests) == asked
    save(desk, "Plain story.", plain.id, revision="2")
    client.get(plain.path)
    with count_queries() as plain_queries:
        client.get(plain.path)
    assert len(queries) == len(plain_queries)


def test_an_arabic_story_s_card_speaks_arabic(app, client, desk, make, provider):
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    save(desk, f"عرض الفيلم الأول:\n\n{VIDEO}", edition_id=arabic.id)
    article, _ = stored(app)
    page = client.get(article.path).text
    assert "تشغيل" in page and ">Play<" not in page


def test_the_live_preview_shows_the_card_without_fetching(desk, provider):
    client = desk["client"]
    token = csrf_from(client.get("/admin/articles/new").text)
    html = client.post(
        "/admin/articles/preview-body", data={"csrf_token": token, "body": VIDEO}
    ).text
    assert 'class="embed embed--link"' in html and provider.requests == []


class Tags(HTMLParser):
    """The elements of some HTML, and the players its video cards would load."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.players: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.append(tag)
        self.players += [value or "" for name, value in attrs if name == "data-embed-src"]


def _media_files(app) -> list[str]:
    root = Path(app.config["MEDIA_ROOT"])
    return [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()]


def test_the_demo_story_shows_a_video_card_seeded_without_the_network(site, site_client):
    with site.test_request_context():
        embed = db.session.scalar(sa.select(Embed))
        article = db.session.scalar(sa.select(Article).filter_by(slug=ARTICLE_SLUG))
        path = article.url()
    assert embed.ok and embed.thumbnail.startswith("embeds/")
    page = site_client.get(path).text
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"' in page
    thumbnail = site_client.get(f"/media/{embed.thumbnail}")
    assert thumbnail.status_code == 200 and thumbnail.mimetype == "image/jpeg"
