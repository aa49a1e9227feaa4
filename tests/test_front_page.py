"""Front pages: home and each edition's, newest first until editors curate them (pins
to the lead and top stories, section blocks in their order), each story once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from support import csrf_from, sign_in

import newsite.models
from newsite.extensions import db
from newsite.models import (
    Article,
    ArticleStatus,
    Edition,
    FrontBlock,
    FrontPage,
    FrontSlot,
    Section,
    utcnow,
)
from newsite.public import front

HEADLINE = re.compile(r'class="teaser-headline"><a href="[^"]+">([^<]+)</a>')
BLOCK = re.compile(
    r'<section class="section-block" aria-labelledby="section-([\w-]+)">(.*?)</section>', re.S
)


def region(html: str, css_class: str) -> str:
    match = re.search(rf'<section class="{css_class}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def read_front(html: str) -> dict:
    """What a front page shows, part by part: headlines, and blocks as (slug, headlines)."""
    latest = region(html, "front-latest")
    return {
        "lead": HEADLINE.findall(region(html, "lead-story")),
        "top": HEADLINE.findall(region(html, "front-secondary")),
        "latest": re.findall(r"</time> <a href=\"[^\"]+\">([^<]+)</a>", latest),
        "blocks": [(slug, HEADLINE.findall(body)) for slug, body in BLOCK.findall(html)],
    }


def everything(shown: dict) -> list[str]:
    return [h for part in ("lead", "top", "latest") for h in shown[part]] + [
        h for _slug, headlines in shown["blocks"] for h in headlines
    ]


@pytest.fixture
def newsroom(make):
    """An English edition with three sections and 24 stories, 8 a section, newest first
    in turn (section 0, 1, 2, 0, ...)."""
    edition = make.edition(slug="iraq", name="Iraq News", time_zone="Asia/Baghdad")
    sections = [make.section(slug=s, name=s.title()) for s in ("security", "politics", "sport")]
    articles = [
        make.article(
            edition=edition,
            section=sections[n % 3],
            headline=f"Story {n:02d}",
            slug=f"story-{n:02d}",
            published_at=utcnow() - timedelta(hours=n + 1),
        )
        for n in range(24)
    ]
    return edition, sections, articles


def curate(app, edition, change, model, row_id, *args):
    """Run a curation change (newsite.public.front) on a row, as the admin does, and commit."""
    with app.app_context():
        target = edition and db.session.get(Edition, edition.id)
        change(target, db.session.get(model, row_id), *args)
        db.session.commit()


def pin(app, edition, position, article, until=None):
    curate(app, edition, lambda e, a: front.pin(e, position, a, until), Article, article.id)


def add_block(app, edition, section, allow_repeats=False):
    curate(app, edition, front.add_block, Section, section.id, allow_repeats)


# --- Readers: uncurated, the newest -------------------------------------------------


def test_an_uncurated_home_leads_with_the_newest_then_latest_then_every_section(client, newsroom):
    _edition, sections, articles = newsroom
    headlines = [a.headline for a in articles]

    shown = read_front(client.get("/").text)

    assert shown["lead"] == headlines[:1]
    assert shown["top"] == headlines[1:5]
    assert shown["latest"] == headlines[5:13]
    # Then each section in the site's order, with its newest stories but the lead and the
    # top stories ("Latest" is a running list: its stories may be in their blocks too).
    rest = headlines[5:]
    assert shown["blocks"] == [
        (s.slug, [h for h in rest if int(h[-2:]) % 3 == n][: front.ROW])
        for n, s in enumerate(sections)
    ]


def test_an_article_appears_once_among_the_lead_top_stories_and_blocks(client, newsroom):
    shown = read_front(client.get("/").text)
    placed = everything({**shown, "latest": []})
    # The lead, four top stories, and three full blocks: nothing twice.
    assert len(placed) == len(set(placed)) == 1 + 4 + 3 * front.ROW


def test_latest_shows_when_each_story_was_published(client, newsroom):
    latest = region(client.get("/").text, "front-latest")
    assert len(re.findall(r"<time datetime=\"[^\"]+Z\"", latest)) == front.LATEST
    assert "6 hours ago" in latest  # Story 05, published 6 hours ago


def test_a_front_page_with_few_stories_has_no_empty_parts(client, make):
    edition = make.edition()
    make.article(edition=edition, headline="The only story")
    html = client.get("/").text
    shown = read_front(html)
    assert shown == {"lead": ["The only story"], "top": [], "latest": [], "blocks": []}
    assert 'class="front-top front-top--1"' in html
    assert "front-secondary" not in html and "front-latest" not in html


def test_a_blocks_layout_follows_its_number_of_stories(client, make):
    edition = make.edition()
    counts = {"four": 17, "three": 3, "two": 2, "one": 1}  # past the 13 shown above
    for name, count in counts.items():
        section = make.section(slug=name)
        for _ in range(count):
            make.article(edition=edition, section=section)
    html = client.get("/").text
    for name, count in [("three", 3), ("two", 2), ("one", 1)]:
        block = re.search(rf'aria-labelledby="section-{name}">.*?</section>', html, re.S).group(0)
        assert f'class="front-block front-block--{count}"' in block


def test_an_empty_site_says_so(client):
    html = client.get("/").text
    assert "No stories have been published yet." in html


# --- Readers: pins -------------------------------------------------------------------


def test_pinned_stories_take_the_lead_and_top_slots(app, client, newsroom):
    edition, _sections, articles = newsroom
    pin(app, None, 0, articles[20])
    pin(app, None, 3, articles[21])

    shown = read_front(client.get("/").text)

    assert shown["lead"] == ["Story 20"]
    # Slot 3 pinned; 1, 2 and 4 the newest stories.
    assert shown["top"] == ["Story 00", "Story 01", "Story 21", "Story 02"]
    assert shown["latest"][0] == "Story 03"
    assert everything(shown).count("Story 20") == 1


def test_a_pin_runs_out_at_its_time_with_nothing_written(app, client, newsroom, monkeypatch):
    _edition, _sections, articles = newsroom
    until = utcnow() + timedelta(hours=2)
    pin(app, None, 0, articles[6], until=until)
    first = client.get("/")
    assert read_front(first.text)["lead"] == ["Story 06"]
    assert client.get("/", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304

    later = until + timedelta(minutes=1)
    monkeypatch.setattr(newsite.models, "utcnow", lambda: later)
    again = client.get("/", headers={"If-None-Match": first.headers["ETag"]})

    assert again.status_code == 200
    shown = read_front(again.text)
    assert shown["lead"] == ["Story 00"]
    assert "Story 06" in dict(shown["blocks"])["security"]  # back in its section's block


def test_a_pin_to_a_story_no_longer_public_falls_back_to_the_newest(app, client, newsroom):
    _edition, _sections, articles = newsroom
    pin(app, None, 0, articles[20])
    pin(app, None, 1, articles[21])
    with app.app_context():
        db.session.get(Article, articles[20].id).status = ArticleStatus.UNPUBLISHED
        db.session.get(Article, articles[21].id).published_at = utcnow() + timedelta(days=1)
        db.session.commit()

    shown = read_front(client.get("/").text)

    assert shown["lead"] == ["Story 00"] and shown["top"][0] == "Story 01"
    assert not {"Story 20", "Story 21"} & set(everything(shown))


def test_a_pin_to_another_front_pages_story_is_not_shown(app, client, make, newsroom):
    edition, sections, _articles = newsroom
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    theirs = make.article(edition=arabic, section=sections[0], headline="قصة عربية")
    pin(app, None, 0, theirs)
    pin(app, edition, 0, theirs)

    for path in ("/", "/iraq/"):
        assert read_front(client.get(path).text)["lead"] == ["Story 00"], path
    assert read_front(client.get("/arabic/").text)["lead"] == ["قصة عربية"]


# --- Readers: blocks ------------------------------------------------------------------


def test_blocks_follow_the_editors_order_and_only_theirs(app, client, newsroom):
    _edition, sections, _articles = newsroom
    security, politics, sport = sections
    add_block(app, None, sport)
    add_block(app, None, security)

    blocks = read_front(client.get("/").text)["blocks"]

    assert [slug for slug, _ in blocks] == ["sport", "security"]


def test_a_block_skips_stories_shown_above_unless_it_allows_repeats(app, client, newsroom):
    _edition, sections, articles = newsroom
    security, politics, sport = sections
    add_block(app, None, security, allow_repeats=True)
    add_block(app, None, politics)

    blocks = dict(read_front(client.get("/").text)["blocks"])

    # Security's newest are Story 00 (the lead), 03 (a top story), 06 and 09.
    assert blocks["security"] == ["Story 00", "Story 03", "Story 06", "Story 09"]
    # Politics skips 01 and 04, top stories.
    assert blocks["politics"] == ["Story 07", "Story 10", "Story 13", "Story 16"]
    with app.app_context():
        built = {b.section.slug: b for b in front.build_front(None).blocks}
        assert [a.headline for a in built["politics"].skipped] == ["Story 01", "Story 04"]
        assert built["security"].skipped == []


def test_a_block_without_stories_is_left_out(app, client, make, newsroom):
    _edition, sections, _articles = newsroom
    empty = make.section(slug="culture")
    add_block(app, None, empty)
    add_block(app, None, sections[2])
    assert [slug for slug, _ in read_front(client.get("/").text)["blocks"]] == ["sport"]


# --- Cost and caching ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/iraq/"])
def test_the_front_page_query_count_is_fixed_whatever_the_pins_and_blocks(
    app, client, make, newsroom, count_queries, path
):
    edition, sections, articles = newsroom
    target = None if path == "/" else edition
    more = [make.section() for _ in range(4)]
    for section in more:
        make.article(edition=edition, section=section)

    def queries() -> int:
        with app.app_context():
            from newsite.extensions import cache

            cache.clear()
        with count_queries() as statements:
            assert client.get(path).status_code == 200
        return len(statements)

    counts = [queries()]
    add_block(app, target, sections[0])
    counts.append(queries())  # 1 block, no pins
    for section in [*sections[1:], *more[:2]]:
        add_block(app, target, section)
    counts.append(queries())  # 5 blocks
    for position in range(front.SLOTS):
        pin(app, target, position, articles[23 - position])
    counts.append(queries())  # 5 blocks, 5 pins
    assert len(set(counts)) == 1, counts


def test_curation_shows_at_once_with_a_new_etag(app, client, newsroom):
    edition, sections, articles = newsroom
    for path, target in (("/", None), ("/iraq/", edition)):
        first = client.get(path)
        pin(app, target, 0, articles[22])
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]
        assert read_front(again.text)["lead"] == ["Story 22"]
        add_block(app, target, sections[2])
        blocks = read_front(client.get(path).text)["blocks"]
        assert [slug for slug, _ in blocks] == ["sport"]


# --- Edition front pages ----------------------------------------------------------------


def test_an_edition_page_is_its_front_page_and_page_2_goes_on_newest_first(app, client, newsroom):
    edition, _sections, articles = newsroom
    per_page = app.config["ARTICLES_PER_PAGE"]

    html = client.get("/iraq/").text
    second = client.get("/iraq/?page=2").text

    assert "<h1>Iraq News</h1>" in html
    assert read_front(html)["lead"] == ["Story 00"]
    assert '<p class="front-more"><a href="/iraq/?page=2">More from Iraq News</a></p>' in html
    assert HEADLINE.findall(second) == [a.headline for a in articles[per_page : 2 * per_page]]
    assert 'href="/iraq/"' in second  # "Newer stories" leads back to the front page
    assert read_front(client.get("/iraq/?page=1").text)["lead"] == ["Story 00"]
    assert client.get("/iraq/?page=99").status_code == 404


def test_a_small_edition_front_page_has_no_link_to_a_page_2(client, make):
    edition = make.edition(slug="small")
    make.article(edition=edition)
    assert "front-more" not in client.get("/small/").text


def test_the_arabic_front_page_is_arabic_and_curated_on_its_own(app, client, make):
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    section = make.section(slug="security", name="Security", translations={"ar": "أمن"})
    stories = [
        make.article(edition=arabic, section=section, headline=f"خبر رقم {n}") for n in range(8)
    ]
    pin(app, arabic, 0, stories[7])

    html = client.get("/arabic/").text

    assert '<html lang="ar" dir="rtl">' in html
    assert read_front(html)["lead"] == ["خبر رقم 7"]
    assert "الأحدث" in html and "أهم الأخبار" in html
    assert read_front(client.get("/").text)["lead"] == []  # home: English stories only


# --- The admin's "Front page" screen --------------------------------------------------------


@pytest.fixture
def desk(signed_in):
    return signed_in("editor")


def post(client, path, data):
    token = csrf_from(client.get("/admin/front-page").text)
    # Each form has its own prefix (slot0-, block-): so does its CSRF field.
    prefix = next((k.split("-")[0] + "-" for k in data if "-" in k), "")
    return client.post(path, data={**data, f"{prefix}csrf_token": token})


def slots(app, edition_id=None):
    with app.app_context():
        query = db.select(FrontSlot).join(FrontPage)
        query = query.where(
            FrontPage.edition_id.is_(None)
            if edition_id is None
            else FrontPage.edition_id == edition_id
        )
        return [(s.position, s.article_id, s.until) for s in db.session.scalars(query)]


def test_an_editor_pins_the_lead_from_the_menu_or_by_address(app, desk, newsroom):
    edition, _sections, articles = newsroom
    screen = desk.get("/admin/front-page")
    assert screen.status_code == 200
    assert "Lead story" in screen.text and "Top story 4" in screen.text
    assert "Asia/Baghdad" not in screen.text and "Baghdad time" in screen.text

    chosen = post(desk, "/admin/front-page/slots/0", {"slot0-article_id": articles[20].id})
    assert chosen.status_code == 303 and chosen.headers["Location"] == "/admin/front-page"
    typed = post(
        desk,
        "/admin/front-page/slots/2",
        {"slot2-article_id": 0, "slot2-address": "http://localhost/iraq/security/story-21?x=1"},
    )
    assert typed.status_code == 303
    assert sorted(slots(app)) == [(0, articles[20].id, None), (2, articles[21].id, None)]
    assert read_front(desk.get("/").text)["lead"] == ["Story 20"]

    post(desk, "/admin/front-page/slots/0/unpin", {})
    assert slots(app) == [(2, articles[21].id, None)]


def test_a_pin_until_a_time_is_typed_in_the_editions_time(app, desk, newsroom):
    edition, _sections, articles = newsroom
    local = edition.local(utcnow() + timedelta(days=1)).replace(second=0, microsecond=0)
    response = post(
        desk,
        "/admin/front-page/editions/iraq/slots/1",
        {"slot1-article_id": articles[5].id, "slot1-until": local.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 303
    assert slots(app, edition.id) == [(1, articles[5].id, edition.from_local(local))]
    screen = desk.get("/admin/front-page/editions/iraq").text
    assert "pinned until" in screen


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"slot0-article_id": 0}, "Choose a story, or type its address or slug below."),
        ({"slot0-address": "no-such-story"}, "No article has the address “no-such-story”."),
        ({"slot0-address": "draft-story"}, "“A draft” is not public: pin a published story."),
        ({"slot0-address": "arabic-story"}, "is in العربية: this front page shows stories of"),
        ({"slot0-address": "story-03", "slot0-until": "2020-01-01T10:00"}, "That time has passed"),
        ({"slot0-address": "story-04"}, "“Story 04” is already pinned as Top story 1."),
    ],
)
def test_a_pin_readers_would_not_see_is_refused_by_its_field(
    app, desk, make, newsroom, fields, message
):
    edition, sections, articles = newsroom
    make.article(
        edition=edition, slug="draft-story", headline="A draft", status=ArticleStatus.DRAFT
    )
    arabic = make.edition(slug="arabic", name="العربية", language="ar")
    make.article(edition=arabic, section=sections[0], slug="arabic-story")
    pin(app, None, 1, articles[4])
    before = slots(app)

    response = post(desk, "/admin/front-page/slots/0", fields)

    assert response.status_code == 422
    error = re.search(r'<p class="field-error" id="slot0-(\w+)-error">([^<]+)</p>', response.text)
    assert error is not None and message in error.group(2).replace("&#39;", "'")
    assert slots(app) == before  # nothing saved
    # What was typed is kept.
    for name, value in fields.items():
        if name != "slot0-article_id":
            assert f'value="{value}"' in response.text


def test_an_editor_adds_reorders_and_removes_blocks(app, desk, newsroom):
    _edition, sections, _articles = newsroom
    security, politics, sport = sections
    for section in (security, sport):
        assert (
            post(desk, "/admin/front-page/blocks", {"block-section_id": section.id}).status_code
            == 303
        )
    twice = post(desk, "/admin/front-page/blocks", {"block-section_id": sport.id})
    assert (
        twice.status_code == 422 and "Sport already has a block on this front page." in twice.text
    )

    with app.app_context():
        ids = {b.section.slug: b.id for b in db.session.scalars(db.select(FrontBlock))}
    post(desk, f"/admin/front-page/blocks/{ids['sport']}", {"action": "up"})
    assert [s for s, _ in read_front(desk.get("/").text)["blocks"]] == ["sport", "security"]
    post(desk, f"/admin/front-page/blocks/{ids['security']}", {"action": "up"})
    assert [s for s, _ in read_front(desk.get("/").text)["blocks"]] == ["security", "sport"]

    post(
        desk,
        f"/admin/front-page/blocks/{ids['security']}",
        {"action": "repeats", "allow_repeats": "y"},
    )
    with app.app_context():
        assert db.session.get(FrontBlock, ids["security"]).allow_repeats is True

    post(desk, f"/admin/front-page/blocks/{ids['security']}", {"action": "remove"})
    post(desk, f"/admin/front-page/blocks/{ids['sport']}", {"action": "remove"})
    # No blocks left: every section again, in the site's order.
    blocks = read_front(desk.get("/").text)["blocks"]
    assert [s for s, _ in blocks] == ["security", "politics", "sport"]


def test_starting_from_every_section_makes_the_default_blocks(app, desk, newsroom):
    post(desk, "/admin/front-page/blocks/every-section", {})
    with app.app_context():
        rows = db.session.scalars(db.select(FrontBlock).order_by(FrontBlock.position))
        assert [b.section.slug for b in rows] == ["security", "politics", "sport"]


def test_the_screen_shows_what_each_slot_shows_and_what_blocks_skipped(app, desk, newsroom):
    _edition, sections, articles = newsroom
    pin(app, None, 0, articles[20], until=utcnow() + timedelta(hours=1))
    with app.app_context():
        db.session.add(
            FrontSlot(
                front_page_id=db.session.scalar(db.select(FrontPage.id)),
                position=1,
                article_id=articles[21].id,
                until=utcnow() - timedelta(hours=1),
            )
        )
        db.session.commit()
    add_block(app, None, sections[1])

    screen = desk.get("/admin/front-page").text

    lead, first = (
        re.search(rf'id="slot-{n}-heading".*?</p>', screen, re.S).group(0) for n in (0, 1)
    )
    assert "Story 20" in lead and "pinned until" in lead
    assert "Story 00" in first and "“Story 21” is expired" in first
    skipped = re.search(r'<td class="front-skipped">(.*?)</td>', screen, re.S).group(1)
    # The top stories are 00 to 03: politics skips 01.
    assert re.findall(r">(Story \d\d)</a>", skipped) == ["Story 01"]


def test_the_front_page_screen_is_for_editors_and_admins(app, make):
    for role, status in (("moderator", 403), ("editor", 200), ("admin", 200)):
        client = app.test_client()
        sign_in(client, make.editor(role).email)
        assert client.get("/admin/front-page").status_code == status, role
        assert ('href="/admin/front-page"' in client.get("/admin/").text) == (status == 200)
