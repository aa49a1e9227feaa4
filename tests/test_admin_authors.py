"""Author profiles in the admin: title, photo, contact links, guests and the masthead."""

from __future__ import annotations

import lxml.html
import pytest
from support import csrf_from, sign_in

from newsite.extensions import db
from newsite.models import Author


@pytest.fixture
def chief(app, make):
    admin = make.editor("admin")
    client = app.test_client()
    sign_in(client, admin.email)
    return client


def save(client, url, **fields):
    data = {
        "csrf_token": csrf_from(client.get("/admin/authors").text),
        "name": "Ali Jaber",
        "slug": "ali-jaber",
        "bio": "Ali Jaber reports from Basra.",
    }
    return client.post(url, data=data | fields)


def stored(app, slug="ali-jaber"):
    with app.app_context():
        return db.session.scalar(db.select(Author).filter_by(slug=slug))


def test_a_profile_is_saved_with_title_photo_links_and_masthead_place(app, chief, make):
    photo = make.photo(caption="Ali Jaber in the newsroom", alt_text="Portrait of Ali Jaber")
    response = save(
        chief,
        "/admin/authors/new",
        title="Basra correspondent",
        photo_id=str(photo.id),
        contact_links="Email   mailto:ali@example.org\r\n\r\nOn the web https://ali.example.org/",
        is_staff="y",
        masthead_position="3",
    )
    assert response.status_code == 303
    author = stored(app)
    assert (author.title, author.photo_id, author.is_staff, author.is_guest) == (
        "Basra correspondent",
        photo.id,
        True,
        False,
    )
    assert author.masthead_position == 3
    assert author.contact_links == [
        {"label": "Email", "url": "mailto:ali@example.org"},
        {"label": "On the web", "url": "https://ali.example.org/"},
    ]
    # The form shows the links again one a line, and the photo chosen.
    page = lxml.html.fromstring(chief.get(f"/admin/authors/{author.id}").text)
    assert page.xpath("string(//textarea[@id='contact_links'])").lstrip("\r\n") == (
        "Email mailto:ali@example.org\nOn the web https://ali.example.org/"
    )
    assert page.xpath("//select[@id='photo_id']/option[@selected]/@value") == [str(photo.id)]


def test_a_profile_without_the_new_fields_keeps_its_defaults(app, chief):
    assert save(chief, "/admin/authors/new").status_code == 303
    author = stored(app)
    assert (author.title, author.photo_id, author.contact_links) == ("", None, [])
    assert (author.is_guest, author.is_staff, author.masthead_position) == (False, False, 0)


def test_a_guest_is_saved_without_a_title(app, chief):
    assert save(chief, "/admin/authors/new", is_guest="y").status_code == 303
    assert stored(app).is_guest is True


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"is_guest": "y", "title": "Columnist"}, "title", "Guests have no staff title."),
        ({"is_guest": "y", "is_staff": "y"}, "is_staff", "A guest is not on the masthead."),
        ({"contact_links": "Email"}, "contact_links", "write a label, then the address"),
        ({"contact_links": "Site javascript:alert(1)"}, "contact_links", "is not an https://"),
        ({"contact_links": "Files ftp://files.example.org"}, "contact_links", "is not an https://"),
        ({"contact_links": "Site https://"}, "contact_links", "is not an https://"),
        ({"contact_links": "Mail mailto:nobody"}, "contact_links", "is not an https://"),
        ({"contact_links": "Odd https://[broken"}, "contact_links", "is not an address"),
        (
            {"contact_links": "\n".join(f"L{n} https://e{n}.example.org" for n in range(11))},
            "contact_links",
            "At most 10",
        ),
        ({"photo_id": "999999"}, "photo_id", "Not a valid choice"),
        ({"masthead_position": "-1"}, "masthead_position", "between 0 and"),
    ],
)
def test_a_wrong_profile_is_refused_by_its_field_with_what_was_typed(
    app, chief, fields, field, message
):
    response = save(chief, "/admin/authors/new", **fields)
    assert response.status_code == 422
    assert stored(app) is None
    page = lxml.html.fromstring(response.text)
    assert message in page.xpath(f"string(//*[@id='{field}-error'])")
    assert page.xpath("//input[@id='name']/@value") == ["Ali Jaber"]
    if "contact_links" in fields:
        typed = page.xpath("string(//textarea[@id='contact_links'])").lstrip("\r\n")
        assert typed == fields["contact_links"]
