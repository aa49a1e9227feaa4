"""Galleries (issue 17, item 9): photos an article ends with, in order, each with its own
caption and credit, edited without JavaScript and read as figures."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from support import article_form, csrf_from

from newsite.extensions import db
from newsite.models import Article, GalleryItem, Photo, utcnow
from newsite.photos import add_photo


@pytest.fixture
def photos(app, make):
    """Three library photos with their crops, by caption."""
    from PIL import Image

    made = {}
    with app.app_context():
        for colour in ("red", "green", "blue"):
            photo = add_photo(
                Image.new("RGB", (900, 600), colour),
                caption=f"Library {colour}",
                credit="Library credit",
                alt_text=f"A {colour} field",
                crop=True,
            )
            db.session.commit()
            made[colour] = photo.id
    return made


def form(desk, page: str, **fields):
    ours = {
        "headline": "Desert highway call points",
        "slug": "desert-highway-call-points",
        "published_at": (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    return article_form(desk, page, **(ours | fields))


def rows(*items):
    data = {}
    for n, (photo_id, caption, credit) in enumerate(items):
        data |= {
            f"gallery-{n}-photo_id": str(photo_id),
            f"gallery-{n}-caption": caption,
            f"gallery-{n}-credit": credit,
        }
    return data


def gallery_of(app, slug="desert-highway-call-points"):
    with app.app_context():
        article = db.session.scalar(sa.select(Article).filter_by(slug=slug))
        return [(i.photo_id, i.position, i.caption, i.credit) for i in article.gallery]


def save(desk, photos, *items):
    client = desk["client"]
    page = client.get("/admin/articles/new").text
    return client.post("/admin/articles/new", data=form(desk, page, **rows(*items)))


def test_a_gallery_is_saved_in_order_with_its_own_words(app, desk, photos):
    response = save(
        desk,
        photos,
        (photos["blue"], "Blue at dawn", "Rana Mustafa"),
        (photos["red"], "", ""),
    )
    assert response.status_code == 303
    assert gallery_of(app) == [
        (photos["blue"], 0, "Blue at dawn", "Rana Mustafa"),
        # Left empty: the photo's own caption and credit.
        (photos["red"], 1, "Library red", "Library credit"),
    ]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("up-1", ["Second", "First", "Third"]),
        ("down-0", ["Second", "First", "Third"]),
        ("remove-1", ["First", "Third"]),
        ("add", ["First", "Second", "Third", ""]),
    ],
)
def test_rows_are_added_removed_and_moved_without_javascript_saving_nothing(
    app, desk, photos, action, expected
):
    client = desk["client"]
    page = client.get("/admin/articles/new").text
    data = form(
        desk,
        page,
        headline="Typed headline kept",
        gallery_action=action,
        **rows(
            (photos["red"], "First", ""),
            (photos["green"], "Second", ""),
            (photos["blue"], "Third", ""),
        ),
    )
    response = client.post("/admin/articles/new", data=data)
    assert response.status_code == 200
    captions = re.findall(r'name="gallery-\d+-caption"[^>]*value="([^"]*)"', response.text)
    captions += [""] * (len(expected) - len(captions))
    assert captions == expected
    assert "Typed headline kept" in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_a_gallery_row_with_a_photo_no_longer_in_the_library_is_refused_by_its_row(
    app, desk, photos
):
    with app.app_context():
        db.session.delete(db.session.get(Photo, photos["green"]))
        db.session.commit()
    response = save(
        desk, photos, (photos["red"], "Still here", ""), (photos["green"], "Gone photo", "")
    )
    assert response.status_code == 422
    assert 'id="gallery-1-photo_id-error"' in response.text
    assert "no longer in the library" in response.text
    assert 'value="Gone photo"' in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(GalleryItem)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_a_row_left_without_a_photo_is_skipped(app, desk, photos):
    assert save(desk, photos, ("0", "Nothing", ""), (photos["red"], "Red", "")).status_code == 303
    assert [row[0] for row in gallery_of(app)] == [photos["red"]]


def figures(html: str) -> list[str]:
    section = html.split('class="story-gallery"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<figure>.*?</figure>", section, re.S)


def test_readers_see_the_gallery_as_figures_with_captions_lazy_3_2_srcsets(
    app, client, desk, photos
):
    save(desk, photos, (photos["green"], "Green first", "Nadia Karim"), (photos["red"], "Red", ""))
    page = client.get("/iraq/security/desert-highway-call-points").text
    shown = figures(page)
    assert len(shown) == 2
    assert "Green first" in shown[0] and "[Nadia Karim]" in shown[0]
    assert "<figcaption>Red" in shown[1]
    for figure in shown:
        img = re.search(r"<img [^>]*>", figure).group(0)
        assert 'loading="lazy"' in img and 'sizes="' in img
        assert "c1-3x2-" in img and 'width="900" height="600"' in img
        assert "<source" in figure or "srcset=" in img


def test_an_article_without_a_gallery_shows_none(client, make):
    article = make.article()
    page = client.get(f"/{article.edition.slug}/{article.section.slug}/{article.slug}").text
    assert "story-gallery" not in page


def test_the_article_page_loads_a_gallery_of_any_length_in_the_same_queries(
    app, make, photos, count_queries
):
    one, three = make.article(), make.article()
    with app.app_context():
        db.session.add(GalleryItem(article_id=one.id, photo_id=photos["red"], position=0))
        for n, colour in enumerate(("red", "green", "blue")):
            db.session.add(GalleryItem(article_id=three.id, photo_id=photos[colour], position=n))
        db.session.commit()
    assert app.test_client().get("/").status_code == 200
    counts = []
    for article in (one, three):
        with count_queries() as queries:
            url = f"/{article.edition.slug}/{article.section.slug}/{article.slug}"
            assert app.test_client().get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_article_pages_version_changes_when_its_gallery_changes(app, client, desk, photos):
    save(desk, photos, (photos["red"], "Red", ""))
    url = "/iraq/security/desert-highway-call-points"
    before = client.get(url)
    with app.app_context():
        article_id = db.session.scalar(sa.select(Article.id))
    edit = desk["client"].get(f"/admin/articles/{article_id}").text
    data = form(desk, edit, revision="1", **rows((photos["blue"], "Blue now", "")))
    assert desk["client"].post(f"/admin/articles/{article_id}", data=data).status_code == 303
    after = client.get(url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert "Blue now" in after.text and "Red" not in figures(after.text)[0]


def test_an_added_gallery_row_offers_the_library_photos(desk, photos):
    page = desk["client"].get("/admin/articles/new").text
    assert 'name="gallery_action" value="add"' in page
    added = (
        desk["client"].post("/admin/articles/new", data=form(desk, page, gallery_action="add")).text
    )
    select = re.search(r'<select[^>]*id="gallery-0-photo_id"[^>]*>.*?</select>', added, re.S).group(
        0
    )
    assert "Library blue" in select and "Choose a photo" in select


def test_a_photo_in_a_gallery_cannot_be_deleted_from_the_library(app, desk, photos):
    save(desk, photos, (photos["red"], "Red", ""))
    client = desk["client"]
    library = client.get("/admin/photos").text
    token = csrf_from(library)
    client.post(f"/admin/photos/{photos['red']}/delete", data={"csrf_token": token})
    assert "remove it from them first" in client.get("/admin/photos").text
    with app.app_context():
        assert db.session.get(Photo, photos["red"]) is not None
