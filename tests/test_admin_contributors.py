"""Contributors in the article form, without JavaScript: rows added, removed and moved
by submit buttons that show the form again (nothing saved), and the byline's rules
refused by the row at fault, with everything typed kept."""

from __future__ import annotations

import lxml.html
import pytest
import sqlalchemy as sa
from support import sign_in

from newsite.extensions import db
from newsite.models import Article, ArticleContributor, ContributorRole


@pytest.fixture
def desk(app, make):
    """A signed-in editor, an edition and section, and four authors (one a guest)."""
    editor = make.editor("editor")
    client = app.test_client()
    sign_in(client, editor.email)
    return {
        "client": client,
        "edition": make.edition(slug="iraq", name="Iraq News"),
        "section": make.section(slug="security", name="Security"),
        "nadia": make.author(slug="nadia-karim", name="Nadia Karim"),
        "omar": make.author(slug="omar-haddad", name="Omar Haddad"),
        "salim": make.author(slug="salim-aboud", name="Salim Aboud"),
        "guest": make.author(slug="hala-guest", name="Hala Mansour", is_guest=True),
    }


def by_xpath(html: str, path: str) -> list:
    return lxml.html.fromstring(html).xpath(path)


def form_values(html: str) -> dict[str, str]:
    """What the browser would send for the article form as shown (no button pressed)."""
    form = by_xpath(html, "//form[contains(@class, 'article-form')]")[0]
    return {name: value for name, value in form.form_values() if name != "upload"}


def rows(html: str) -> list[tuple[str, str]]:
    """The contributor rows shown: (author's name chosen, role chosen)."""
    page = lxml.html.fromstring(html)
    shown = []
    for row in page.xpath("//li[contains(@class, 'contributor-row')]"):
        author, role = row.xpath(".//select")
        chosen = author.xpath(".//option[@selected]")
        shown.append(
            (chosen[0].text if chosen else "", role.xpath(".//option[@selected]")[0].get("value"))
        )
    return shown


def press(client, url, values, button=None, **changes):
    data = values | changes
    if button:
        data["contributors_action"] = button
    return client.post(url, data=data)


def new_form(desk):
    html = desk["client"].get("/admin/articles/new").text
    values = form_values(html) | {
        "headline": "Bridge reopens after repairs",
        "summary": "Traffic crosses the river again.",
        "body": "The bridge reopened.",
        "dateline": "Mosul",
        "edition_id": str(desk["edition"].id),
        "section_id": str(desk["section"].id),
    }
    return html, values


def saved(app, slug="bridge-reopens-after-repairs"):
    with app.app_context():
        article = db.session.scalar(sa.select(Article).filter_by(slug=slug))
        if article is None:
            return None
        credits = [(c.author.name, c.role.value) for c in article.contributors]
        return article.author.name, credits


def test_a_new_article_starts_with_one_writer_row(desk):
    html, _ = new_form(desk)
    assert rows(html) == [("Hala Mansour (guest)", "writer")]  # the first author, by name
    assert 'name="contributors_action" value="add"' in html


def test_add_a_contributor_shows_one_more_row_keeps_what_was_typed_and_saves_nothing(app, desk):
    _, values = new_form(desk)
    values["contributors-0-author_id"] = str(desk["nadia"].id)

    response = press(desk["client"], "/admin/articles/new", values, "add")

    assert response.status_code == 200
    assert rows(response.text) == [("Nadia Karim", "writer"), ("Choose an author…", "writer")]
    kept = form_values(response.text)
    assert kept["headline"] == "Bridge reopens after repairs" and kept["dateline"] == "Mosul"
    # The new row's author list has the focus, without JavaScript.
    assert "autofocus" in by_xpath(response.text, "//*[@id='contributors-1-author_id']")[0].attrib
    assert saved(app) is None


def test_rows_are_added_moved_and_removed_then_saved_in_that_order(app, desk):
    client = desk["client"]
    _, values = new_form(desk)
    values["contributors-0-author_id"] = str(desk["nadia"].id)
    html = press(client, "/admin/articles/new", values, "add").text
    values = form_values(html) | {
        "contributors-1-author_id": str(desk["omar"].id),
    }
    html = press(client, "/admin/articles/new", values, "add").text
    values = form_values(html) | {
        "contributors-2-author_id": str(desk["salim"].id),
        "contributors-2-role": "photos",
    }
    # Omar moves up to lead the byline; Salim moves up above Nadia, then back down.
    html = press(client, "/admin/articles/new", values, "up-1").text
    assert rows(html) == [
        ("Omar Haddad", "writer"),
        ("Nadia Karim", "writer"),
        ("Salim Aboud", "photos"),
    ]
    html = press(client, "/admin/articles/new", form_values(html), "up-2").text
    assert [r[0] for r in rows(html)] == ["Omar Haddad", "Salim Aboud", "Nadia Karim"]
    html = press(client, "/admin/articles/new", form_values(html), "down-1").text
    assert [r[0] for r in rows(html)] == ["Omar Haddad", "Nadia Karim", "Salim Aboud"]
    # One row too many, then removed.
    html = press(client, "/admin/articles/new", form_values(html), "add").text
    html = press(client, "/admin/articles/new", form_values(html), "remove-3").text
    assert len(rows(html)) == 3
    assert saved(app) is None

    response = press(client, "/admin/articles/new", form_values(html))

    assert response.status_code == 303
    assert saved(app) == (
        "Omar Haddad",
        [("Omar Haddad", "writer"), ("Nadia Karim", "writer"), ("Salim Aboud", "photos")],
    )


def test_the_first_and_last_rows_cannot_move_further(desk):
    html, _ = new_form(desk)
    page = lxml.html.fromstring(html)
    up, down = (page.xpath(f"//button[@value='{v}-0']")[0] for v in ("up", "down"))
    assert "disabled" in up.attrib and "disabled" in down.attrib


def test_an_unknown_action_or_row_changes_nothing(app, desk):
    _, values = new_form(desk)
    for button in ("up-7", "remove-99999999999999999999", "explode", "down-"):
        response = press(desk["client"], "/admin/articles/new", values, button)
        assert response.status_code == 200
        assert len(rows(response.text)) == 1
    assert saved(app) is None


def test_enter_in_a_field_saves_rather_than_pressing_a_contributors_button(desk):
    # The browser's default button is the form's first submit button: a Save.
    html, _ = new_form(desk)
    form = by_xpath(html, "//form[contains(@class, 'article-form')]")[0]
    first = form.xpath(".//button[@type='submit']")[0]
    assert first.get("name") is None and first.text_content() == "Save"


def refuse(app, desk, **rows_posted):
    _, values = new_form(desk)
    values = {k: v for k, v in values.items() if not k.startswith("contributors-")}
    response = press(desk["client"], "/admin/articles/new", values | rows_posted)
    assert response.status_code == 422
    assert saved(app) is None
    assert form_values(response.text)["headline"] == "Bridge reopens after repairs"
    return response.text


def test_an_article_without_a_writer_is_refused(app, desk):
    html = refuse(
        app,
        desk,
        **{"contributors-0-author_id": str(desk["salim"].id), "contributors-0-role": "photos"},
    )
    message = by_xpath(html, "//*[@id='contributors-error']")[0]
    assert message.text_content() == "An article needs at least one writer."
    assert rows(html) == [("Salim Aboud", "photos")]


def test_the_same_author_twice_in_one_role_is_refused_by_the_second_row(app, desk):
    nadia = str(desk["nadia"].id)
    html = refuse(
        app,
        desk,
        **{
            "contributors-0-author_id": nadia,
            "contributors-0-role": "writer",
            "contributors-1-author_id": nadia,
            "contributors-1-role": "writer",
        },
    )
    error = by_xpath(html, "//*[@id='contributors-1-author_id-error']")[0]
    assert "already credited for writer" in error.text_content()
    assert 'aria-invalid="true"' in html and rows(html) == [("Nadia Karim", "writer")] * 2


def test_the_same_author_in_two_roles_is_fine(app, desk):
    _, values = new_form(desk)
    nadia = str(desk["nadia"].id)
    response = press(
        desk["client"],
        "/admin/articles/new",
        values,
        **{
            "contributors-0-author_id": nadia,
            "contributors-1-author_id": nadia,
            "contributors-1-role": "photos",
        },
    )
    assert response.status_code == 303
    assert saved(app)[1] == [("Nadia Karim", "writer"), ("Nadia Karim", "photos")]


@pytest.mark.parametrize("author_id", ["424242", "not-a-number", "99999999999999999999", "-1"])
def test_an_unknown_author_is_refused_by_its_row(app, desk, author_id):
    html = refuse(
        app,
        desk,
        **{
            "contributors-0-author_id": str(desk["nadia"].id),
            "contributors-1-author_id": author_id,
            "contributors-1-role": "photos",
        },
    )
    error = by_xpath(html, "//*[@id='contributors-1-author_id-error']")[0]
    assert error.text_content() == "Choose an author from the list."


def test_a_row_left_empty_is_skipped(app, desk):
    _, values = new_form(desk)
    response = press(
        desk["client"],
        "/admin/articles/new",
        values,
        **{"contributors-0-author_id": str(desk["nadia"].id), "contributors-1-author_id": "0"},
    )
    assert response.status_code == 303
    assert saved(app) == ("Nadia Karim", [("Nadia Karim", "writer")])


def test_an_unknown_role_is_refused(app, desk):
    html = refuse(
        app,
        desk,
        **{"contributors-0-author_id": str(desk["nadia"].id), "contributors-0-role": "editor"},
    )
    assert "Not a valid choice" in html


def test_editing_an_article_shows_its_contributors_and_saves_a_new_order(app, desk, make):
    article = make.article(
        author=desk["nadia"], edition=desk["edition"], section=desk["section"], slug="old-story"
    )
    url = f"/admin/articles/{article.id}"
    html = desk["client"].get(url).text
    assert rows(html) == [("Nadia Karim", "writer")]
    html = press(desk["client"], url, form_values(html), "add").text
    values = form_values(html) | {"contributors-1-author_id": str(desk["omar"].id)}
    html = press(desk["client"], url, values, "up-1").text

    response = press(desk["client"], url, form_values(html))

    assert response.status_code == 303
    assert saved(app, "old-story") == (
        "Omar Haddad",
        [("Omar Haddad", "writer"), ("Nadia Karim", "writer")],
    )
    public = app.test_client().get("/iraq/security/old-story").text
    assert "By <a" in public and "Omar Haddad</a> and <a" in public


def test_a_post_with_only_an_author_changes_the_lead_writer_and_keeps_the_others(app, desk, make):
    from newsite.bylines import Credit, set_contributors

    article = make.article(
        author=desk["nadia"], edition=desk["edition"], section=desk["section"], slug="old-story"
    )
    with app.app_context():
        found = db.session.get(Article, article.id)
        set_contributors(
            found,
            [Credit(desk["nadia"].id), Credit(desk["salim"].id, ContributorRole.PHOTOS)],
        )
        db.session.commit()
    url = f"/admin/articles/{article.id}"
    values = {
        k: v
        for k, v in form_values(desk["client"].get(url).text).items()
        if not k.startswith("contributors-")
    }
    response = press(desk["client"], url, values, author_id=str(desk["omar"].id))
    assert response.status_code == 303
    assert saved(app, "old-story") == (
        "Omar Haddad",
        [("Omar Haddad", "writer"), ("Salim Aboud", "photos")],
    )


def test_a_conflicting_save_keeps_the_contributors_for_saving_over(app, desk, make):
    article = make.article(
        author=desk["nadia"], edition=desk["edition"], section=desk["section"], slug="old-story"
    )
    url = f"/admin/articles/{article.id}"
    values = form_values(desk["client"].get(url).text) | {
        "contributors-0-author_id": str(desk["omar"].id),
        "revision": "-1",
    }
    response = press(desk["client"], url, values)
    assert response.status_code == 409
    resend = dict(by_xpath(response.text, "//form")[-1].form_values())
    assert resend["contributors-0-author_id"] == str(desk["omar"].id)
    assert resend["contributors-0-role"] == "writer"


def test_contributor_changes_replace_rows_without_breaking_their_unique_rule(app, desk, make):
    """Removing a credit and adding it back in another place is one save."""
    article = make.article(author=desk["nadia"], edition=desk["edition"], section=desk["section"])
    url = f"/admin/articles/{article.id}"
    nadia, omar = str(desk["nadia"].id), str(desk["omar"].id)
    values = form_values(desk["client"].get(url).text)
    two = values | {"contributors-1-author_id": omar, "contributors-1-role": "writer"}
    assert press(desk["client"], url, two).status_code == 303
    values = form_values(desk["client"].get(url).text)
    swapped = values | {
        "contributors-0-author_id": omar,
        "contributors-1-author_id": nadia,
    }
    assert press(desk["client"], url, swapped).status_code == 303
    with app.app_context():
        positions = db.session.execute(
            sa.select(ArticleContributor.author_id, ArticleContributor.position)
            .where(ArticleContributor.article_id == article.id)
            .order_by(ArticleContributor.position)
        ).all()
    assert positions == [(desk["omar"].id, 0), (desk["nadia"].id, 1)]
