"""Views of the readers' pages."""

from __future__ import annotations

import hashlib
import io
import json
import os
from typing import cast

import sqlalchemy as sa
from flask import (
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload, undefer
from werkzeug.security import safe_join
from werkzeug.wrappers import Response

from newsite import newsroom
from newsite.bylines import credited_by, roles_on
from newsite.comments import order as orders
from newsite.comments.forms import (
    CommentForm,
    EditForm,
    ReportForm,
    blank_comment_form,
    blank_edit_form,
    blank_report_form,
)
from newsite.comments.identity import current_staff, remembered
from newsite.comments.services import (
    MAX_FEATURED,
    answered,
    comments_closed,
    comments_on,
    may_edit,
    own_parts,
    staff_identity,
    thread_page,
)
from newsite.extensions import db
from newsite.htmx import private_fragment
from newsite.languages import DEFAULT, LANGUAGES, select_locale, use_language
from newsite.models import (
    Article,
    Author,
    Edition,
    Editor,
    Role,
    Section,
    Tag,
    article_tag,
    in_language,
)
from newsite.photos import media_type
from newsite.public import bp
from newsite.public.caching import (
    article_stamp,
    private_page,
    public_page,
    recent_copy,
    shared_article,
)
from newsite.public.front import build_front
from newsite.public.icons import ACCENT, PNG_SIZES, favicon_ico, icon_png
from newsite.public.queries import MAX_PAGE, has_second_page, paginate, related_articles
from newsite.public.sharing import share_links
from newsite.readers import reader_id, signed_in_editor
from newsite.readership import boxes_version, count_view, most_commented, most_read
from newsite.routing import MAX_ID
from newsite.templating import navigation
from newsite.text import reading_minutes
from newsite.unpublishing import abort_if_expired
from newsite.votes.services import (
    ArticleVotes,
    article_vote_of,
    article_with_vote,
    liked_comments,
)

bp.add_app_template_global(share_links)

PHOTO_MAX_AGE = 365 * 24 * 3600  # renditions never change: a new photo gets a new key


@bp.get("/")
@public_page(shows=boxes_version, reads=(), relative_times=True)
def home() -> str:
    """The front page of the default language (`newsite.public.front`), with the "Most
    read" and "Most commented" boxes.

    Other languages' editions have their own front pages (their edition pages), linked
    from the navigation.
    """
    return render_template("public/home.html", front=build_front(None), **_boxes())


@bp.app_template_global()
def front_page() -> str:
    """The front page of this page's language: home, or the first edition written in it."""
    code = select_locale()
    if code != DEFAULT:
        for item in navigation().editions:
            if item.language == code:
                return url_for("public.edition", edition=item.slug)
    return url_for("public.home")


def _boxes(section_id: int | None = None) -> dict[str, list[Article]]:
    """The "Most read" and "Most commented" boxes (of one section, on its pages)."""
    return {"most_read": most_read(section_id), "most_commented": most_commented(section_id)}


def _section_id() -> int | None:
    """The id of the section the address names, from the menu every page reads anyway."""
    slug = (request.view_args or {}).get("section")
    return next((s.id for s in navigation().sections if s.slug == slug), None)


def _section_boxes_version() -> str:
    return boxes_version(_section_id())


@bp.get(f"/most-read/<any({', '.join(LANGUAGES)}):language>")
@public_page(shows=boxes_version, reads=())
def most_read_box(language: str) -> str:
    """ "Most read" in one language: the box beside an article, fetched when it is seen,
    so that the shared article page does not change every minute with it."""
    use_language(language)
    return render_template("includes/_boxes.html", most_read=most_read(), most_commented=[])


@bp.get("/<slug:edition>/")
@public_page(relative_times=True)
def edition(edition: str) -> str:
    """An edition's front page (`newsite.public.front`); from `?page=2` on, the rest of
    its articles, newest first (page 1 of that list is the front page)."""
    found = db.first_or_404(db.select(Edition).filter_by(slug=edition))
    use_language(found.language)
    articles = Article.public().where(Article.edition_id == found.id)
    if _positive_arg("page") > 1:
        return render_template("public/listing.html", edition=found, page=paginate(articles))
    front, more = build_front(found), has_second_page(articles)
    return render_template("public/listing.html", edition=found, front=front, more=more)


@bp.get("/<slug:edition>/<slug:section>/")
@public_page(shows=_section_boxes_version, relative_times=True)
def edition_section(edition: str, section: str) -> str:
    """One section of one edition, newest first."""
    found_edition = db.first_or_404(db.select(Edition).filter_by(slug=edition))
    found_section = db.first_or_404(db.select(Section).filter_by(slug=section))
    use_language(found_edition.language)
    page = paginate(
        Article.public().where(
            Article.edition_id == found_edition.id, Article.section_id == found_section.id
        )
    )
    return render_template(
        "public/listing.html",
        edition=found_edition,
        section=found_section,
        page=page,
        **_boxes(found_section.id),
    )


@bp.get("/sections/<slug:section>/")
@public_page(shows=_section_boxes_version, relative_times=True)
def section(section: str) -> str:
    """One section across the editions in the default language, newest first."""
    found = db.first_or_404(db.select(Section).filter_by(slug=section))
    page = paginate(Article.public().where(Article.section_id == found.id, in_language(DEFAULT)))
    return render_template("public/listing.html", section=found, page=page, **_boxes(found.id))


@bp.get("/tags/<slug:slug>")
@public_page(relative_times=True)
def tag(slug: str) -> str:
    """Every public article with this tag, newest first."""
    found = db.first_or_404(db.select(Tag).filter_by(slug=slug))
    page = paginate(
        Article.public().where(
            Article.id.in_(
                sa.select(article_tag.c.article_id).where(article_tag.c.tag_id == found.id)
            )
        )
    )
    _speak_like(page.items)
    return render_template("public/tag.html", tag=found, page=page)


@bp.get("/<slug:edition>/<slug:section>/<slug:slug>")
def article(edition: str, section: str, slug: str) -> Response:
    """An article: one page for every reader, shared by every cache
    (`newsite.public.caching`); an old edition or section in the URL redirects.

    Each reader's own parts (their vote, likes, pending comments) come after the
    page as a fragment (`article_mine`). Readers without JavaScript get them on
    the private variant: `?mine=1` after they act, `?reply_to=ID` to answer a
    comment, `?edit=ID` and `?delete=ID` to change their own, `?report=ID` to report
    one (see `render_article`). A reader who chose an order of comments gets the page
    in their order (`newsite.comments.order`).
    """
    if "order" not in request.args and (mine := orders.remembered_order()):
        # Before any cache: the shared page without `?order=` is the oldest first.
        kept = {k: v for k, v in request.args.items() if k in PAGE_ARGUMENTS}
        url = url_for(
            "public.article", edition=edition, section=section, slug=slug, **kept, order=mine
        )
        return private_page(redirect(url, 302))
    if any(name in request.args for name in PRIVATE_ARGUMENTS):
        return _article(edition, section, slug, shown=None)
    order = orders.ORDERS.index(orders.requested_order())
    shown = (order, _positive_arg("comments_page"), *_expanded_thread())
    return recent_copy(f"{request.path}?{shown}", lambda: _article(edition, section, slug, shown))


def _article(edition: str, section: str, slug: str, shown: tuple[int, ...] | None) -> Response:
    """The article page: shared, showing `shown` (a page of comments, a thread
    shown further), or the private variant (`shown` None)."""
    stamp = article_stamp(slug)
    if stamp is None:
        abort_if_expired(slug)
        abort(404)
    if (stamp.edition_slug, stamp.section_slug) != (edition, section):
        # Keep only what the article page reads from the query string.
        kept = {k: v for k, v in request.args.items() if k in PAGE_ARGUMENTS}
        url = url_for(
            "public.article",
            edition=stamp.edition_slug,
            section=stamp.section_slug,
            slug=slug,
            **kept,
        )
        return redirect(url, 301)
    use_language(stamp.language)
    if shown is None:
        page = render_article(_load(stamp.id), reader=reader_id(), private=True)
        return private_page(make_response(page))
    return shared_article(
        stamp, shown, comments_closed(stamp), lambda: render_article(_load(stamp.id))
    )


# The query arguments the article page reads.
PAGE_ARGUMENTS = (
    "comments_page",
    "reply_to",
    "report",
    "mine",
    "repeated",
    "reported",
    "report_again",
    "replies_of",
    "replies_shown",
    "edit",
    "delete",
    "order",
)
# Those that make it the private variant (one reader's page, never cached).
PRIVATE_ARGUMENTS = ("mine", "reply_to", "report", "edit", "delete")


def _load(article_id: int) -> Article:
    # Fixed whatever they hold: the featured comments (three at most) join the
    # article's own query; its contributors (with their authors) and corrections come
    # in one query each. Joining them all would repeat the body on every combination.
    options = [
        undefer(Article.body_html),
        joinedload(Article.featured_comments),
        selectinload(Article.contributors),
        selectinload(Article.corrections),
        selectinload(Article.gallery),  # its photos joined (GalleryItem.photo)
    ]
    return db.session.get_one(Article, article_id, options=options)


def render_article(
    article: Article,
    *,
    reader: str | None = None,
    form: CommentForm | None = None,
    edit_form: EditForm | None = None,
    deleting: int = 0,
    report: tuple[int, ReportForm] | None = None,
    report_problems: list[str] | None = None,
    preview: bool = False,
    private: bool = False,
    outside: bool = False,
) -> str:
    """The article page: the one way it is rendered (the shared page, the private
    variant, the no-JS form with its errors, the editors' preview).

    With `reader` it shows that reader's own parts (private: never cache it);
    without, it is the page every reader gets, and htmx fetches their parts after
    it. `form` is a comment form sent back with errors, `report` (a comment's id and
    its report form) a report form, `report_problems` what went wrong with a report
    that has no form to go back to. `?comments_page=N` shows a later page of comments,
    `?reply_to=ID` opens a reply form and `?report=ID` a report form: how "Show more
    comments", "Reply" and "Report" work without JavaScript. For the reader's own
    comments, `?edit=ID` opens the edit form (`edit_form`: one sent back with errors)
    and `?delete=ID` asks "Delete this comment?" (`deleting`: asked again after a
    refusal). `outside`: a shared preview link's page (`newsite.public.previews`),
    without votes, comments or the reader's parts.
    """
    use_language(article.edition.language)
    closed = comments_closed(article)
    comments_page = _positive_arg("comments_page")
    order = orders.requested_order()
    thread = thread_page(article, comments_page, reader, _expanded_thread(), order)
    if comments_page > 1 and not thread.top:
        abort(404)
    returned = form if form is not None and form.parent else None
    # A comment's id, not a page number: ids go far past the deepest page.
    reply_to = returned.parent if returned else _positive_arg("reply_to", 0, highest=MAX_ID)
    reply_form = None
    whose = (
        {"staff": current_staff(article.author_id), "remembered": remembered()} if private else {}
    )
    if reply_to and not closed:
        reply_form = returned or blank_comment_form(reply_to, **whose)
    top_form = form if form is not None and not form.parent else blank_comment_form(**whose)
    own = [c for c in comments_on(thread) if reader and c.commenter_id == reader]
    # Theirs that someone answered: no longer editable (one query, only for writers).
    replied = answered([c.id for c in own]) if own else set()
    editing = edit_form.comment_id if edit_form else _positive_arg("edit", 0, highest=MAX_ID)
    if edit_form is None and editing:
        target = next((c for c in own if c.id == editing), None)
        if target is not None and may_edit(target, target.id in replied):
            edit_form = blank_edit_form(target)
    report_to, report_form = report or (_positive_arg("report", 0, highest=MAX_ID), None)
    if report_to and report_form is None:
        report_form = blank_report_form(article.id)
    if returned is not None and returned.parent not in thread.names:
        # The comment answered is not on this page (removed meanwhile): keep the
        # reader's text in the main form rather than lose it.
        returned.parent_id.data = ""
        top_form = returned
    return render_template(
        "public/article.html",
        article=article,
        related=related_articles(article),
        reading_minutes=reading_minutes(article.body_html),
        thread=thread,
        order=order,
        closed=closed,
        form=top_form,
        reply_to=reply_to,
        reply_form=reply_form,
        report_to=report_to,
        report_form=report_form,
        report_problems=report_problems or [],
        # The reader's report just sent (their private page): thanks in place of "Report".
        reported=_positive_arg("reported", 0, highest=MAX_ID) if reader else 0,
        report_again=reader is not None and "report_again" in request.args,
        # Part of the shared page: featuring a comment touches the thread (its version).
        featured=article.featured_comments[:MAX_FEATURED] if thread.top else [],
        reader=reader,
        answered=replied,
        edit_form=edit_form,
        editing=editing,
        deleting=deleting or _positive_arg("delete", 0, highest=MAX_ID),
        shared=reader is None and not preview and not outside,
        liked=liked_comments(list(thread.names), reader),
        my_vote=article_vote_of(article.id, reader),
        # One reader's note ("already posted"): never on the page every reader shares.
        repeated=reader is not None and "repeated" in request.args,
        preview=preview,
        outside_preview=outside,
    )


@bp.get("/mine/articles/<id:article_id>")
def article_mine(article_id: int) -> Response:
    """This reader's own parts of an article page, as htmx out-of-band swaps: their
    vote, their likes, their own comments' like counts and their pending comments.

    The shared page asks for it once it has loaded, so this is where the page view
    is counted: a page served from nginx's cache counts too, and crawlers without
    JavaScript do not. A reader who has never acted (no cookie) has nothing here:
    204, without a query. Private: no cache keeps it.
    """
    count_view(article_id)
    reader = reader_id()
    # A signed-in editor may have parts here without a reader cookie (their controls).
    editor = signed_in_editor()
    if reader is None and editor is None:
        return private_fragment(Response(status=204))
    # A row: what the vote widget shows ("" is no reader's id: nothing is theirs).
    article = article_with_vote(article_id, reader or "")
    if article is None:
        abort(404)
    use_language(article.language)
    page = _positive_arg("comments_page")
    order = orders.requested_order()
    parts = own_parts(article.id, reader or "", page, "last" in request.args, order)
    # A moderator's "Feature" buttons for the comments shown: 2 queries, for them only.
    # (`thread_page` reads only the article's id, which the vote row has.)
    moderated = (
        thread_page(cast(Article, article), page, None, order=order)
        if editor is not None and editor.can(Role.MODERATOR)
        else None
    )
    html = render_template(
        "public/_mine.html",
        article=article,
        order=order,
        my_vote=article.my_vote,
        parts=parts,
        reader=reader,
        editor=editor,
        commenter_form=_commenter_form(article, editor),
        moderated=moderated,
    )
    return private_fragment(make_response(html))


def _commenter_form(article: ArticleVotes, editor: Editor | None) -> CommentForm | None:
    """The comment form as this browser fills it (an editor's staff name, a remembered
    name and email), for /mine to swap in; None when the page's form stays as it is.
    From the cookies alone: no query."""
    if comments_closed(article):
        return None
    staff = None if editor is None else staff_identity(editor, article.author_id)
    kept = remembered()
    if staff is None and kept is None:
        return None
    return blank_comment_form(staff=staff, remembered=kept)


def _expanded_thread() -> tuple[int, int]:
    """`?replies_of=ID&replies_shown=N`: a thread shown with more replies (without
    JavaScript, "Show more replies" is a link to it)."""
    return _positive_arg("replies_of", 0, highest=MAX_ID), _positive_arg("replies_shown", 0)


def _positive_arg(name: str, default: int = 1, highest: int = MAX_PAGE) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12 or not 1 <= int(raw) <= highest:
        abort(404)
    return int(raw)


@bp.get("/authors/<slug:slug>")
@public_page(relative_times=True)
def author(slug: str) -> str:
    """An author's profile and the stories they worked on, in any role, newest first."""
    found = db.first_or_404(db.select(Author).filter_by(slug=slug))
    page = paginate(Article.public().where(credited_by(found.id)))
    _speak_like(page.items)
    roles = roles_on(found.id, [a.id for a in page.items])
    return render_template("public/author.html", author=found, page=page, roles=roles)


def _speak_like(articles: list[Article]) -> None:
    """Speak the language of a page's articles (an author's, a tag's): that of the newest."""
    if articles:
        use_language(articles[0].edition.language)


@bp.get("/comment-policy", defaults={"language": DEFAULT})
@bp.get(f"/comment-policy/<any({', '.join(c for c in LANGUAGES if c != DEFAULT)}):language>")
@public_page(reads=())
def comment_policy(language: str) -> str:
    """The rules commenters agree to, in each language the site is written in."""
    use_language(language)
    suffix = "" if language == DEFAULT else f"_{language}"
    return render_template(f"public/comment_policy{suffix}.html")


ICON_MAX_AGE = 24 * 3600


def _icon_response(body: bytes, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.cache_control.public = True
    response.cache_control.max_age = ICON_MAX_AGE
    response.add_etag()
    return response.make_conditional(request)


def _initial() -> str:
    return current_app.config["SITE_NAME"][:1] or "n"


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The favicon, for browsers that ask for it at the root whatever the page says."""
    return _icon_response(favicon_ico(_initial()), "image/vnd.microsoft.icon")


@bp.get("/apple-touch-icon.png", defaults={"size": 180})
@bp.get("/icons/<int:size>.png")
def icon(size: int) -> Response:
    """The site's icon as a PNG, in the sizes the page and the manifest name."""
    if size not in PNG_SIZES:
        abort(404)
    return _icon_response(icon_png(size, _initial()), "image/png")


@bp.get("/manifest.webmanifest")
def manifest() -> Response:
    """The web app manifest: the name, colours and icons a phone uses for the site."""
    name = current_app.config["SITE_NAME"]
    icons = [
        {"src": url_for("public.icon", size=size), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    body = {
        "name": name,
        "short_name": name,
        "description": _("Independent news from Iraq, Syria and the region."),
        "start_url": url_for("public.home"),
        "scope": url_for("public.home"),
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": ACCENT,
        "icons": icons + [{**icons[-1], "purpose": "maskable"}],
    }
    return _icon_response(json.dumps(body).encode(), "application/manifest+json")


# The newsroom's own pages (About us, Ethics policy, ... Masthead: `newsite.newsroom`),
# which editors write in the admin. (`/corrections` lists the corrections themselves:
# newsite/public/corrections.py.)
STATIC_PAGES = newsroom.PAGE_SLUGS


@public_page(reads=())
def static_page(page: str, language: str) -> str:
    """One of the newsroom's own pages in one language, as editors wrote it (404 when
    it is not written in that language); the masthead lists the staff after it."""
    use_language(language)
    found = newsroom.find_page(page, language)
    if found is None:
        abort(404)
    staff = newsroom.masthead() if page == newsroom.MASTHEAD else []
    return render_template("public/page.html", newsroom_page=found, staff=staff)


# Plain paths, not a converter: `/<edition>/` would take `/about` and add a slash.
for _page in STATIC_PAGES:
    for _language in LANGUAGES:
        bp.add_url_rule(
            f"/{_page}" if _language == DEFAULT else f"/{_page}/{_language}",
            endpoint="static_page",
            view_func=static_page,
            defaults={"page": _page, "language": _language},
        )


@bp.get("/media/<path:filename>")
def media(filename: str) -> Response:
    """Photo renditions; nginx serves these directly in production."""
    path = safe_join(current_app.config["MEDIA_ROOT"], filename)
    if path is None or not os.path.isfile(path):
        abort(404)
    # Read whole (renditions are small): no open file is left behind when a
    # reader's browser drops the connection mid-download.
    with open(path, "rb") as file:
        data = file.read()
    return send_file(
        io.BytesIO(data),
        mimetype=media_type(filename),
        max_age=PHOTO_MAX_AGE,
        conditional=True,
        etag=hashlib.sha256(filename.encode()).hexdigest()[:20],
        last_modified=os.path.getmtime(path),
    )
