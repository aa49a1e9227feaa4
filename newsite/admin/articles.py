"""Writing and publishing: the article list, form, preview, revisions."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from newsite import embeds
from newsite.admin import autosaves, bp, contributors, gallery, locks, photo_picker, unpublish
from newsite.admin import workflow as desk
from newsite.admin.article_forms import ArticleForm, tag_names
from newsite.admin.auth import roles_required
from newsite.admin.forms import ButtonForm
from newsite.bylines import (
    Credit,
    credit_problems,
    known_authors,
    set_contributors,
    with_lead_writer,
)
from newsite.corrections import record_revision, substantive_update
from newsite.database import begin_write
from newsite.extensions import db
from newsite.languages import link_translations
from newsite.models import (
    Article,
    ArticleRevision,
    ArticleStatus,
    Author,
    ContributorRole,
    Edition,
    Photo,
    Role,
    Section,
    StoryType,
    Tag,
    utcnow,
)
from newsite.photos import PhotoError, add_photo, check_upload
from newsite.public.views import render_article
from newsite.routing import id_from
from newsite.templating import zone_label
from newsite.text import slugify

PER_PAGE = 25


@bp.get("/articles")
@roles_required(Role.EDITOR)
def articles() -> str:
    """All articles, newest first, with filters and a headline search."""
    query = sa.select(Article).order_by(Article.updated_at.desc(), Article.id.desc())
    filters = {
        key: request.args.get(key, "") for key in ("status", "edition", "section", "author", "q")
    }
    query = unpublish.filter_status(query, filters["status"])
    for key, column in (
        ("edition", Article.edition_id),
        ("section", Article.section_id),
        ("author", Article.author_id),
    ):
        if (chosen := id_from(filters[key])) is not None:
            query = query.where(column == chosen)
    if filters["q"].strip():
        query = query.where(
            Article.headline.ilike(f"%{_escape_like(filters['q'].strip())}%", escape="\\")
        )
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("admin/articles.html", page=page, filters=filters, **_choices())


@bp.route("/articles/new", methods=["GET", "POST"])
@roles_required(Role.EDITOR, Role.REPORTER)
def new_article() -> str | Response | tuple[str, int]:
    """Write a new article."""
    article = desk.editable(
        Article(status=ArticleStatus.DRAFT, revision=0, story_type=StoryType.NEWS)
    )
    if request.method == "POST":
        embeds.fetch_missing(request.form.get("body", ""))
    return _edit(article)


@bp.route("/articles/<id:article_id>", methods=["GET", "POST"])
@roles_required(Role.EDITOR, Role.REPORTER)
def edit_article(article_id: int) -> str | Response | tuple[str, int]:
    """Edit an article; saving a stale form shows both versions instead of overwriting."""
    article = desk.editable(db.get_or_404(Article, article_id))
    if request.method == "POST":
        embeds.fetch_missing(request.form.get("body", ""))  # waits on the network: first
        begin_write()
    return _edit(article)


@bp.post("/articles/preview-body")
@roles_required(Role.EDITOR, Role.REPORTER)
def preview_body() -> str:
    """The Markdown body as readers will see it (htmx live preview)."""
    return embeds.render_body(request.form.get("body", ""))


@bp.get("/articles/<id:article_id>/preview")
@roles_required(Role.EDITOR, Role.REPORTER)
def preview_article(article_id: int) -> str:
    """The article exactly as readers will see it, drafts included (never cached or indexed)."""
    article = desk.editable(db.get_or_404(Article, article_id))
    return render_article(article, preview=True)


@bp.get("/articles/<id:article_id>/revisions")
@roles_required(Role.EDITOR, Role.REPORTER)
def revisions(article_id: int) -> str:
    """Every saved version of an article."""
    article = desk.editable(db.get_or_404(Article, article_id))
    rows = db.session.scalars(
        sa.select(ArticleRevision)
        .filter_by(article_id=article.id)
        .order_by(ArticleRevision.number.desc())
    )
    return render_template(
        "admin/revisions.html", article=article, revisions=rows, form=ButtonForm()
    )


@bp.get("/articles/<id:article_id>/revisions/<id:number>")
@roles_required(Role.EDITOR, Role.REPORTER)
def revision(article_id: int, number: int) -> str:
    """One saved version, as text and as readers saw it."""
    article = desk.editable(db.get_or_404(Article, article_id))
    saved = db.first_or_404(
        sa.select(ArticleRevision).filter_by(article_id=article.id, number=number)
    )
    return render_template(
        "admin/revision.html",
        article=article,
        revision=saved,
        body_html=embeds.render_body(saved.body),
        form=ButtonForm(),
    )


@bp.post("/articles/<id:article_id>/revisions/<id:number>/restore")
@roles_required(Role.EDITOR)
def restore_revision(article_id: int, number: int) -> Response:
    """Bring back an earlier version's text, as a new save."""
    begin_write()
    article = db.get_or_404(Article, article_id)
    saved = db.first_or_404(
        sa.select(ArticleRevision).filter_by(article_id=article.id, number=number)
    )
    if not ButtonForm().validate_on_submit():
        abort(400)
    article.headline, article.summary = saved.headline, saved.summary
    article.body, article.dateline = saved.body, saved.dateline
    _keep_revision(article)
    db.session.commit()
    flash(f"Revision {number} restored as revision {article.revision}.")
    return redirect(url_for("admin.edit_article", article_id=article.id), 303)


def _edit(article: Article) -> str | Response | tuple[str, int]:
    form = ArticleForm(obj=article if request.method == "GET" else None)
    _fill_choices(form, article.lead_photo)
    desk.fit_form(form)
    if request.method == "GET":
        _load_photo_fields(form, article)
        if article.published_at is not None:
            # Editors read and type times in the edition's zone; stored in UTC.
            form.published_at.data = article.edition.local(article.published_at)
        unpublish.load(form, article)
        gallery.load(form, article)
        form.comments.data = (
            "closed" if article.comments_closed else (article.comment_moderation or "")
        )
        form.revision.data = str(article.revision)
        form.tags.data = ", ".join(tag.name for tag in article.tags) if article.id else ""
        form.translation.data = article.translation.slug if article.translation else ""
        if article.id is None:
            _first_writer(form)
        locks.open_form(article)
        autosaves.restore_if_asked(form, article)
        return render_template("admin/article_form.html", form=form, article=article)
    if (action := contributors.pressed_action()) is not None:
        return _contributors_changed(form, article, action)
    if (action := gallery.pressed_action()) is not None:
        gallery.apply_action(form, action)
        return render_template("admin/article_form.html", form=form, article=article)
    if not form.validate():
        return render_template("admin/article_form.html", form=form, article=article), 422
    if article.id is not None and form.revision.data != str(article.revision):
        # Someone saved since this form was loaded: show both, overwrite nothing.
        db.session.rollback()
        article = db.session.get(Article, article.id)
        form.revision.data = str(article.revision)
        return render_template("admin/conflict.html", form=form, article=article), 409
    was_public, was_status = article.is_public, desk.status_before(article)  # before the form
    problem = _apply(form, article)
    if problem:
        return render_template("admin/article_form.html", form=form, article=article), 422
    existing_id = article.id  # read now: after a failed write the object is unusable
    try:
        note = ""
        if was_public and form.substantive.data:
            # Only this moves the "Updated" time readers see; a typo fix does not.
            note = substantive_update(article, form.what_changed.data or "")
        desk.record_save(article, was_status)
        _keep_revision(article, note)
        autosaves.discard_mine(article.id)
        db.session.commit()
    except sa.exc.IntegrityError:
        if existing_id is None:
            raise
        # Two editors saved at the same instant and both passed the check above:
        # the other's revision is stored; this one is shown as a conflict.
        db.session.rollback()
        article = db.session.get(Article, existing_id)
        form.revision.data = str(article.revision)
        return render_template("admin/conflict.html", form=form, article=article), 409
    flash(f"Saved (revision {article.revision}).")
    return redirect(url_for("admin.edit_article", article_id=article.id), 303)


def _first_writer(form: ArticleForm) -> None:
    """A new article's one row: the editor's own byline, else the first author."""
    authors = [c.value for c in form.author_choices if c.value != contributors.NO_AUTHOR]
    mine = current_user.author_id if current_user.author_id in authors else None
    lead = mine or (authors[0] if authors else contributors.NO_AUTHOR)
    contributors.set_rows(form, [{"author_id": lead, "role": ContributorRole.WRITER.value}])


def _contributors_changed(form: ArticleForm, article: Article, action: str) -> str:
    """The form again, as typed, with a contributor added, removed or moved; not saved."""
    focus = contributors.apply_action(form, action)
    if form.upload.data and form.upload.data.filename:
        # A browser never sends a file again by itself: say so rather than lose it quietly.
        form.upload.errors = ["Choose the photo again: a form shown again keeps no file."]
    return render_template("admin/article_form.html", form=form, article=article, focus=focus)


def _credits(form: ArticleForm, article: Article) -> list[Credit] | None:
    """Who the form credits, or None after refusing it (messages by the rows)."""
    if form.contributors.entries:
        credits = contributors.chosen(form)
    else:
        credits = with_lead_writer(article, form.author_id.data or contributors.NO_AUTHOR)
    problems = credit_problems(credits, known_authors(c.author_id for c in credits))
    if form.contributors.entries:
        contributors.show_problems(form, problems)
    else:
        form.contributors_errors.extend(p.message for p in problems)
    return None if problems else credits


def _apply(form: ArticleForm, article: Article) -> bool:
    """Copy the form onto the article; True if a field got an error instead."""
    slug = form.slug.data or slugify(form.headline.data)
    taken = db.session.scalar(
        sa.select(Article.id).where(Article.slug == slug, Article.id != article.id)
    )
    if not slug or taken:
        form.slug.errors = [
            f"The slug “{slug}” is already used by another article."
            if slug
            else "Please give this article a slug."
        ]
        return True
    translation = _translation_from(form, article)
    if translation is False:
        return True
    credits = _credits(form, article)
    if credits is None:
        return True
    if not gallery.check(form):
        return True
    photo = _photo_from(form)
    if photo is False:
        return True
    form.slug.data = slug
    for field in (
        "headline",
        "summary",
        "body",
        "dateline",
        "edition_id",
        "section_id",
    ):
        setattr(article, field, getattr(form, field).data)
    set_contributors(article, credits)
    article.story_type = StoryType(form.story_type.data)
    article.sponsor = (form.sponsor.data or "").strip()
    article.slug = slug
    article.status = ArticleStatus(form.status.data)
    edition = db.session.get(Edition, form.edition_id.data)
    typed = form.published_at.data
    article.published_at = edition.from_local(typed) if typed and edition else typed
    if article.status == ArticleStatus.PUBLISHED and article.published_at is None:
        article.published_at = utcnow().replace(second=0, microsecond=0)
    unpublish.apply(form, article, edition)
    gallery.save(form, article)
    article.lead_photo = photo
    if photo is not None:
        photo.caption, photo.credit, photo.alt_text = (
            form.caption.data,
            form.credit.data,
            form.alt_text.data,
        )
    article.comments_closed = form.comments.data == "closed"
    article.comment_moderation = (
        form.comments.data if form.comments.data in ("pre", "post") else None
    )
    article.tags = _tags(tag_names(form.tags.data))
    db.session.add(article)
    link_translations(article, translation)
    return False


def _translation_from(form: ArticleForm, article: Article) -> Article | None | bool:
    """The article named in the Translation field (None when empty); False after an error."""
    typed = (form.translation.data or "").strip()
    if not typed:
        return None
    slug = typed.rstrip("/").rsplit("/", 1)[-1].split("?")[0].split("#")[0]
    other = db.session.scalar(sa.select(Article).where(Article.slug == slug))
    edition = db.session.get(Edition, form.edition_id.data)
    if other is None or other is article:
        form.translation.errors = [f"No other article has the address “{slug}”."]
        return False
    if edition is not None and other.edition.language == edition.language:
        form.translation.errors = [
            f"“{other.headline}” is in the same language; a translation is in another edition's."
        ]
        return False
    return other


def _tags(names: list[str]) -> list[Tag]:
    """The tags with these names, creating the new ones; matched by slug."""
    wanted = {slugify(name): name for name in names}
    existing = {
        tag.slug: tag for tag in db.session.scalars(sa.select(Tag).where(Tag.slug.in_(wanted)))
    }
    return [existing.get(slug) or Tag(slug=slug, name=name) for slug, name in wanted.items()]


def _photo_from(form: ArticleForm) -> Photo | None | bool:
    """The uploaded photo, else the one picked; False after an upload error."""
    upload = form.upload.data
    if upload and upload.filename:
        data = upload.read()
        try:
            check_upload(upload.filename, data)
            return add_photo(data, crop=True)
        except PhotoError as error:
            form.upload.errors = [str(error)]
            return False
    return db.session.get(Photo, form.photo_id.data) if form.photo_id.data else None


def _keep_revision(article: Article, note: str = "") -> None:
    record_revision(article, current_user.id, note)


def _load_photo_fields(form: ArticleForm, article: Article) -> None:
    photo = article.lead_photo
    form.photo_id.data = photo.id if photo else 0
    form.caption.data = photo.caption if photo else ""
    form.credit.data = photo.credit if photo else ""
    form.alt_text.data = photo.alt_text if photo else ""


def _choices() -> dict[str, list]:
    return {
        "authors": list(db.session.scalars(sa.select(Author).order_by(Author.name))),
        "editions": list(db.session.scalars(sa.select(Edition).order_by(Edition.position))),
        "sections": list(db.session.scalars(sa.select(Section).order_by(Section.position))),
    }


def _fill_choices(form: ArticleForm, current: Photo | None = None) -> None:
    choices = _choices()
    form.author_id.choices = [SelectChoice(a.id, a.name) for a in choices["authors"]]
    contributors.fill_choices(form, choices["authors"])
    form.edition_id.choices = [SelectChoice(e.id, e.name) for e in choices["editions"]]
    form.section_id.choices = [SelectChoice(s.id, s.name) for s in choices["sections"]]
    form.published_at.description = "Each edition's time: " + "; ".join(
        f"{e.name}, {zone_label(e)}" for e in choices["editions"]
    )
    photo_picker.fill(form.photo_id, current)  # thumbnails, and any photo found by search
    # The gallery's rows choose from the library's recent photos (a plain list).
    recent = db.session.scalars(sa.select(Photo).order_by(Photo.created_at.desc()).limit(200))
    gallery.fill_choices(form, list(recent))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
