"""The soft lock on an article's edit form: who is editing, renewing, taking over."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from support import csrf_from
from test_autosaves import save_fields

from newsite.admin import locks
from newsite.extensions import db
from newsite.models import Article, ArticleRevision, ArticleStatus, Autosave, EditLock, utcnow


@pytest.fixture
def story(make):
    edition = make.edition(slug="iraq", name="Iraq News", time_zone="Asia/Baghdad")
    return make.article(status=ArticleStatus.DRAFT, published_at=None, edition=edition)


@pytest.fixture
def hana(signed_in):
    return signed_in("editor", name="Hana Aziz")


@pytest.fixture
def omar(signed_in):
    return signed_in("editor", name="Omar Said")


def lock_of(app, article_id):
    with app.app_context():
        return db.session.get(EditLock, article_id)


def editor_id(app, name):
    with app.app_context():
        from newsite.models import Editor

        return db.session.scalar(sa.select(Editor.id).filter_by(name=name))


def poll(client, article_id, held="1"):
    """The open form's poll, as htmx sends it."""
    return client.post(
        f"/admin/articles/{article_id}/lock",
        data={"held": held},
        headers={"HX-Request": "true", "X-CSRFToken": _token(client)},
    )


def _token(client):
    return csrf_from(client.get("/admin/articles/new").text)


def set_lock(app, article_id, **fields):
    with app.app_context():
        lock = db.session.get(EditLock, article_id)
        for name, value in fields.items():
            setattr(lock, name, value)
        db.session.commit()


def test_opening_the_form_takes_the_lock_and_a_second_editor_sees_who_and_since_when(
    app, story, hana, omar
):
    first = hana.get(f"/admin/articles/{story.id}")
    assert "is editing this article" not in first.text
    lock = lock_of(app, story.id)
    assert lock.editor_id == editor_id(app, "Hana Aziz")

    second = omar.get(f"/admin/articles/{story.id}").text
    # In the edition's time zone (Baghdad, UTC+3).
    since = (lock.since + timedelta(hours=3)).strftime("%H:%M")
    assert f"Hana Aziz is editing this article since {since} Baghdad time" in second
    assert "Take over" in second
    assert lock_of(app, story.id).editor_id == editor_id(app, "Hana Aziz")


def test_the_open_forms_poll_renews_the_lock_and_keeps_since(app, story, hana):
    hana.get(f"/admin/articles/{story.id}")
    long_ago = utcnow() - timedelta(seconds=100)
    set_lock(app, story.id, since=long_ago, renewed_at=long_ago)

    answer = poll(hana, story.id)

    assert answer.status_code == 200 and 'id="edit-lock"' in answer.text
    lock = lock_of(app, story.id)
    assert lock.since == long_ago and lock.renewed_at > long_ago + timedelta(seconds=90)


@pytest.mark.parametrize(("age", "still_hers"), [(119, True), (121, False)])
def test_a_lock_not_renewed_for_two_minutes_is_free(app, story, hana, omar, age, still_hers):
    hana.get(f"/admin/articles/{story.id}")
    set_lock(app, story.id, renewed_at=utcnow() - timedelta(seconds=age))

    page = omar.get(f"/admin/articles/{story.id}").text

    holder = "Hana Aziz" if still_hers else "Omar Said"
    assert lock_of(app, story.id).editor_id == editor_id(app, holder)
    assert ("Hana Aziz is editing this article" in page) is still_hers


def test_taking_over_keeps_the_first_editors_autosave_as_a_revision_and_tells_them(
    app, story, hana, omar
):
    hana.get(f"/admin/articles/{story.id}")
    hana.post(
        f"/admin/articles/{story.id}/autosave",
        data={
            "headline": "Hana's unsaved headline",
            "body": "Hana's unsaved body.",
            "summary": story.summary,
            "dateline": story.dateline,
            "slug": story.slug,
            "revision": "0",
        },
        headers={"HX-Request": "true", "X-CSRFToken": _token(hana)},
    )
    page = omar.get(f"/admin/articles/{story.id}").text
    holder = re.search(r'name="holder" value="(\d+)"', page).group(1)

    taken = omar.post(
        f"/admin/articles/{story.id}/lock/take-over",
        data={"csrf_token": csrf_from(page), "holder": holder},
    )

    assert taken.status_code == 303
    assert lock_of(app, story.id).editor_id == editor_id(app, "Omar Said")
    with app.app_context():
        revision = db.session.scalar(sa.select(ArticleRevision).filter_by(article_id=story.id))
        assert revision.note == "Autosaved draft of Hana Aziz, taken over by Omar Said"
        assert revision.headline == "Hana's unsaved headline"
        assert revision.body == "Hana's unsaved body."
        assert revision.editor_id == editor_id(app, "Hana Aziz")
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Autosave)) == 0
        article = db.session.get(Article, story.id)
        assert article.headline == story.headline  # the article itself is as saved
    assert "You took over this article from Hana Aziz" in omar.get(taken.location).text
    # Hana's open form learns it at its next poll.
    told = poll(hana, story.id).text
    assert "Omar Said took over this article at" in told


def test_taking_over_without_an_autosave_records_no_revision(app, story, hana, omar):
    hana.get(f"/admin/articles/{story.id}")
    page = omar.get(f"/admin/articles/{story.id}").text
    holder = re.search(r'name="holder" value="(\d+)"', page).group(1)
    omar.post(
        f"/admin/articles/{story.id}/lock/take-over",
        data={"csrf_token": csrf_from(page), "holder": holder},
    )
    assert lock_of(app, story.id).editor_id == editor_id(app, "Omar Said")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ArticleRevision)) == 0


def test_taking_over_from_someone_who_no_longer_holds_the_lock_is_refused(
    app, story, hana, omar, signed_in
):
    hana.get(f"/admin/articles/{story.id}")
    page = omar.get(f"/admin/articles/{story.id}").text
    holder = re.search(r'name="holder" value="(\d+)"', page).group(1)
    # Meanwhile a third editor took it over.
    third = signed_in("editor", name="Zaid Karim")
    with third.application.app_context():
        locks.take(story.id, editor_id(app, "Zaid Karim"), over=int(holder))
        db.session.commit()

    refused = omar.post(
        f"/admin/articles/{story.id}/lock/take-over",
        data={"csrf_token": csrf_from(page), "holder": holder},
        follow_redirects=True,
    )

    assert "Someone else took this article meanwhile" in refused.text
    assert "Zaid Karim is editing this article" in refused.text
    assert lock_of(app, story.id).editor_id == editor_id(app, "Zaid Karim")


def test_taking_over_needs_the_csrf_token(app, story, hana, omar):
    hana.get(f"/admin/articles/{story.id}")
    page = omar.get(f"/admin/articles/{story.id}").text
    holder = re.search(r'name="holder" value="(\d+)"', page).group(1)
    refused = omar.post(f"/admin/articles/{story.id}/lock/take-over", data={"holder": holder})
    assert refused.status_code == 400
    assert lock_of(app, story.id).editor_id == editor_id(app, "Hana Aziz")


def test_the_poll_needs_the_csrf_token(app, story, hana):
    hana.get(f"/admin/articles/{story.id}")
    refused = hana.post(f"/admin/articles/{story.id}/lock", headers={"HX-Request": "true"})
    assert refused.status_code == 400


def test_only_those_who_may_edit_the_article_lock_or_take_it_over(app, story, hana, signed_in):
    hana.get(f"/admin/articles/{story.id}")
    moderator = signed_in("moderator")
    token = csrf_from(moderator.get("/admin/").text)
    for path in ("lock", "lock/take-over"):
        refused = moderator.post(
            f"/admin/articles/{story.id}/{path}",
            data={"csrf_token": token, "holder": str(editor_id(app, "Hana Aziz"))},
        )
        assert refused.status_code == 403
    assert lock_of(app, story.id).editor_id == editor_id(app, "Hana Aziz")
    signed_out = app.test_client().post(f"/admin/articles/{story.id}/lock")
    assert signed_out.status_code in (302, 303, 400, 401)  # CSRF or sign-in refuses it


def test_a_missing_article_has_no_lock(hana):
    missing = hana.post("/admin/articles/999999/lock", headers={"X-CSRFToken": _token(hana)})
    assert missing.status_code == 404


@pytest.mark.parametrize("held_before", ["free", "stale"])
def test_taking_the_lock_is_race_safe(app, story, make, held_before):
    """Editors open the form at the same instant: exactly one holds the lock, whether
    it was free or held by someone gone for longer than two minutes."""
    editors = [make.editor("editor").id for _ in range(6)]
    if held_before == "stale":
        gone = utcnow() - timedelta(minutes=5)
        with app.app_context():
            db.session.add(
                EditLock(article_id=story.id, editor_id=editors[-1], since=gone, renewed_at=gone)
            )
            db.session.commit()
    start = threading.Barrier(5)
    won: list[int] = []

    def race(editor: int) -> None:
        with app.app_context():
            start.wait()
            if locks.take(story.id, editor):
                won.append(editor)
            db.session.commit()

    threads = [threading.Thread(target=race, args=(e,)) for e in editors[:5]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(won) == 1
    assert lock_of(app, story.id).editor_id == won[0]


def test_two_editors_who_ignore_the_lock_still_meet_the_stale_save_conflict(
    app, story, hana, omar, make
):
    first = hana.get(f"/admin/articles/{story.id}").text
    second = omar.get(f"/admin/articles/{story.id}").text
    assert "Hana Aziz is editing this article" in second

    def save(client, page, headline):
        return client.post(f"/admin/articles/{story.id}", data=save_fields(story, page, headline))

    assert save(hana, first, "Hana's headline").status_code == 303
    clash = save(omar, second, "Omar's headline")

    assert clash.status_code == 409
    assert "Hana&#39;s headline" in clash.text and "Omar&#39;s headline" in clash.text
    with app.app_context():
        assert db.session.get(Article, story.id).headline == "Hana's headline"


def test_a_reporter_locks_and_autosaves_only_their_own_draft(app, make, story, signed_in):
    reporter = signed_in("reporter", name="Lina Field")
    # Not theirs: the article's edit form is closed to them, and so is all the rest.
    assert reporter.get(f"/admin/articles/{story.id}").status_code == 403
    assert poll(reporter, story.id).status_code == 403
    token = _token(reporter)
    autosaved = reporter.post(
        f"/admin/articles/{story.id}/autosave",
        data={"headline": "Not mine"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert autosaved.status_code == 403
    taken = reporter.post(f"/admin/articles/{story.id}/lock/take-over", data={"csrf_token": token})
    assert taken.status_code == 403
    assert lock_of(app, story.id) is None
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Autosave)) == 0

    # Their own draft: opening it takes the lock, and the poll renews it.
    page = reporter.get("/admin/articles/new").text
    own = reporter.post(
        "/admin/articles/new",
        data={
            "csrf_token": csrf_from(page),
            "headline": "Checkpoint moves north",
            "slug": "",
            "summary": "Traffic is diverted.",
            "body": "The checkpoint moved overnight.",
            "dateline": "Mosul",
            "author_id": story.author_id,
            "edition_id": story.edition_id,
            "section_id": story.section_id,
            "status": "draft",
            "published_at": "",
            "photo_id": 0,
            "comments": "",
            "revision": "0",
        },
    )
    assert own.status_code == 303, own.text
    own_id = int(own.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert reporter.get(f"/admin/articles/{own_id}").status_code == 200
    assert lock_of(app, own_id).editor_id == editor_id(app, "Lina Field")
    assert poll(reporter, own_id).status_code == 200


def test_only_editors_make_or_revoke_preview_links(app, story, hana, signed_in):
    reporter = signed_in("reporter")
    token = _token(reporter)
    assert reporter.get(f"/admin/articles/{story.id}/previews").status_code == 403
    made = reporter.post(
        f"/admin/articles/{story.id}/previews", data={"csrf_token": token, "hours": "24"}
    )
    assert made.status_code == 403
    assert hana.get(f"/admin/articles/{story.id}/previews").status_code == 200
