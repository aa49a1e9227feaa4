"""Views of the comment section: each answers htmx with a fragment, and a plain
browser with a redirect (post/redirect/get) or the whole article page."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import abort, current_app, g, make_response, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jinja2 import pass_context
from jinja2.runtime import Context
from limits import parse_many
from markupsafe import Markup
from werkzeug.exceptions import HTTPException, TooManyRequests
from werkzeug.wrappers import Response

from newsite.clients import client_marker
from newsite.comments import bp, rules
from newsite.comments import order as orders
from newsite.comments.forms import (
    CommentForm,
    EditForm,
    ReportForm,
    blank_comment_form,
    blank_edit_form,
    blank_report_form,
)
from newsite.comments.identity import Remembered, current_staff, forget, remember, remembered
from newsite.comments.services import (
    CommentRefused,
    NewComment,
    Posted,
    Staff,
    ThreadPage,
    answered,
    arrived_comments,
    arrived_count,
    comments_closed,
    comments_on,
    delete_own_comment,
    edit_comment,
    edit_secret,
    edit_window_open,
    keeps_a_tombstone,
    may_edit,
    more_replies,
    number_time,
    owns,
    place_of,
    post_comment,
    report_comment,
    thread_news,
    thread_page,
    time_number,
)
from newsite.database import begin_write
from newsite.errors import try_again_in
from newsite.extensions import db, limiter
from newsite.htmx import alert, private_fragment, target_status_line, wants_fragment
from newsite.languages import use_language
from newsite.models import Article, Comment, CommentStatus, ReportReason
from newsite.public.queries import public_article_or_404, speak_for_the_address
from newsite.readers import acting_reader_id, reader_id
from newsite.votes.services import liked_comments


def check_request_body() -> None:
    """Refuse oversized or undecodable comment posts before anything reads the form.

    Registered on the app ahead of CSRF protection, which is the first to parse
    the form: a blueprint hook would run too late.
    """
    if request.blueprint != "comments" or request.method != "POST":
        return
    # A comment is small: refuse big bodies before reading them.
    request.max_content_length = current_app.config["COMMENT_MAX_REQUEST_BYTES"]
    if request.mimetype == "application/x-www-form-urlencoded" and not rules.is_utf8_form(
        request.get_data(cache=True)
    ):
        abort(400, description=_("What you sent is not valid text (UTF-8). Please retype it."))


# Every answer here belongs to one reader's page: no shared cache keeps it.
bp.after_request(private_fragment)


def _comment_rate_limit() -> str:
    return current_app.config["COMMENT_RATE_LIMIT"]


def _address_rate_limit() -> str:
    readers = current_app.config["COMMENT_READERS_PER_ADDRESS"]
    return ";".join(
        f"{limit.amount * readers} per {limit.multiples} {limit.GRANULARITY.name}"
        for limit in parse_many(_comment_rate_limit())
    )


def _invalid_comment_rate_limit() -> str:
    return current_app.config["COMMENT_INVALID_RATE_LIMIT"]


INVALID_SCOPE = "invalid-comments"


def _refused(response: Response) -> bool:
    return response.status_code == 422


def _commenter() -> str:
    # After `acting_reader_id`: the cookie's reader, or the one this post makes.
    return f"reader:{reader_id()}"


# The comment limits, counted only once the form is valid (an empty form hears what it
# lacks, not that it came too often), atomically in the limiter's storage as each post
# arrives, so a burst of simultaneous posts cannot all pass before any is counted:
# each reader (their cookie) COMMENT_RATE_LIMIT, and each client address
# COMMENT_READERS_PER_ADDRESS readers' worth, room for many readers behind one
# carrier address and a ceiling for a client that sheds its cookie.
# Shared: a new comment and an edit of one draw on the same limits.
_PER_READER = limiter.shared_limit(_comment_rate_limit, key_func=_commenter, scope="reader")
_PER_ADDRESS = limiter.shared_limit(_address_rate_limit, scope="address")


def _count_against_the_limits() -> None:
    """Count a valid post against both comment limits; a 429 if either is reached."""
    # One `with` a line: Flask-Limiter tells limits used as context managers apart
    # by the line that enters them. Each check replaces `current_limits`: what both
    # counted is kept for `_give_back_the_comment_limits`.
    with _PER_ADDRESS:
        pass
    g.comment_limits = list(limiter.current_limits)
    with _PER_READER:
        pass
    g.comment_limits += limiter.current_limits


def _give_back_the_comment_limits() -> None:
    """A post the rules refused (a banned word, say) stored nothing: it takes nothing of
    the comment limits. The invalid-post limit still counts it."""
    for limit in g.get("comment_limits", []):
        # Hitting with a negative cost is how the limits library takes one back.
        limit.limiter.hit(limit.limit, *limit.request_args, cost=-1)


# Invalid posts count against a looser limit of their own, so floods of them are
# stopped too.
@bp.post("/articles/<id:article_id>")
@limiter.limit(_invalid_comment_rate_limit, deduct_when=_refused, scope=INVALID_SCOPE)
def post(article_id: int) -> Response | str | tuple[str, int]:
    """Post a comment or a reply."""
    # The article is read first (the form's messages speak its language), then the
    # form checked: an invalid post never takes the database's write lock.
    article = public_article_or_404(article_id)
    staff = current_staff(article.author_id)
    form = CommentForm(staff=staff)
    if not form.validate():
        return _form_errors(article, form)
    # A double click on a first comment (no cookie yet) is one commenter, so the
    # second post finds the first one's comment rather than storing another.
    what = f"comment:{article.id}:{form.parent}:{rules.comparable_text(form.body.data)}"
    commenter = acting_reader_id(what)
    _count_against_the_limits()
    # Built now, while the article is loaded: starting the write ends the read.
    private_url = article.url(mine=1)
    begin_write()
    new = NewComment(
        name=form.name.data,
        email=form.email.data,
        body=form.body.data,
        parent_id=form.parent,
        commenter_id=commenter,
        client_hash=client_marker(),
        honeypot_filled=bool(form.website.data),
        staff=staff,
    )
    try:
        posted = post_comment(article, new)
    except CommentRefused as refused:
        _give_back_the_comment_limits()
        target = getattr(form, refused.field).errors if refused.field else form.problems
        target.append(refused.message)
        return _form_errors(article, form)
    kept = _remembered_after(form)
    if not wants_fragment():
        # A private page that shows the reader their comment, pending or not.
        repeated = "" if posted.created else "&repeated=1"
        response = redirect(f"{private_url}{repeated}#comment-{posted.comment_id}", 303)
    else:
        response = make_response(_posted_fragment(article, posted, form.parent, staff, kept))
    return _keep_or_forget(response, staff, kept)


def _remembered_after(form: CommentForm) -> Remembered | None:
    """What this device remembers once the post is stored: the name and email just
    posted if the reader asked for it. (Staff post as themselves: nothing changes.)"""
    if form.staff is not None or not form.remember.data:
        return None
    return Remembered(form.name.data, form.email.data or "")


def _keep_or_forget(response: Response, staff: Staff | None, kept: Remembered | None) -> Response:
    if staff is None:
        if kept is None:
            forget(response)
        else:
            remember(response, *kept)
    return response


def _report_rate_limit() -> str:
    return current_app.config["COMMENT_REPORT_RATE_LIMIT"]


def _report_address_rate_limit() -> str:
    readers = current_app.config["COMMENT_READERS_PER_ADDRESS"]
    return ";".join(
        f"{limit.amount * readers} per {limit.multiples} {limit.GRANULARITY.name}"
        for limit in parse_many(_report_rate_limit())
    )


# Reports: each reader COMMENT_REPORT_RATE_LIMIT, each client address that many
# readers' worth (a client shedding its cookie to report again meets the second).
_REPORTS_PER_READER = limiter.limit(_report_rate_limit, key_func=_commenter, scope="reports")
_REPORTS_PER_ADDRESS = limiter.limit(_report_address_rate_limit, scope="reports-address")


@bp.get("/<id:comment_id>/report")
def report_form(comment_id: int) -> str | Response:
    """The report form under a comment (htmx), or with `close` the "Report" link
    again; plain browsers get the article page with the form open."""
    comment = db.get_or_404(Comment, comment_id)
    article = public_article_or_404(comment.article_id)
    if comment.status != CommentStatus.VISIBLE:
        abort(404)
    if not wants_fragment():
        return redirect(article.url(report=comment.id, _anchor=f"comment-{comment.id}"), 303)
    if "close" in request.args:
        return render_template("comments/_report_link.html", comment=comment)
    return render_template(
        "comments/_report_slot.html",
        article=article,
        comment=comment,
        report_form=blank_report_form(article.id),
    )


@bp.post("/<id:comment_id>/report")
def report(comment_id: int) -> str | Response | tuple[str, int]:
    """Report another reader's comment to the moderators (one report per reader)."""
    comment = db.get_or_404(Comment, comment_id)
    article = public_article_or_404(comment.article_id)
    reader = reader_id()
    if reader is not None and comment.commenter_id == reader:
        abort(403, description=_("You cannot report your own comment."))
    form = ReportForm()
    if form.article != article.id:
        form.problems.append(_("This comment is not on the page you reported it from."))
    elif comment.status != CommentStatus.VISIBLE:
        form.problems.append(_("This comment is no longer shown, so it cannot be reported."))
    if not form.validate() or form.problems:
        return _report_errors(article, comment, form)
    reporter = acting_reader_id(f"report:{comment.id}")
    try:
        with _REPORTS_PER_ADDRESS:
            pass
        with _REPORTS_PER_READER:
            pass
    except TooManyRequests:
        message = _("You have sent several reports in a short time. Your note is kept.")
        form.problems.append(f"{message} {try_again_in()}")
        return _report_errors(article, comment, form, 429)
    # Built now, while the article is loaded: starting the write ends the read.
    anchor = f"comment-{comment.id}"
    thanks_url = article.url(mine=1, reported=comment.id, _anchor=anchor)
    again_url = article.url(mine=1, reported=comment.id, report_again=1, _anchor=anchor)
    begin_write()
    try:
        stored = report_comment(comment, reporter, ReportReason(form.reason.data), form.note.data)
    except CommentRefused as refused:
        form.problems.append(refused.message)
        return _report_errors(article, comment, form)
    if not wants_fragment():
        return redirect(thanks_url if stored else again_url, 303)
    return render_template("comments/_reported.html", comment=comment, repeated=not stored)


def _report_errors(
    article: Article, comment: Comment, form: ReportForm, status: int = 422
) -> tuple[str, int]:
    """The report form again, with its problems and the reader's note."""
    from newsite.public.views import render_article

    if not wants_fragment():
        if comment.article_id != article.id or comment.status != CommentStatus.VISIBLE:
            # No form to open under it: the message goes on the page's status line.
            return render_article(
                article, reader=reader_id(), report_problems=form.problems
            ), status
        return render_article(article, reader=reader_id(), report=(comment.id, form)), status
    return render_template(
        "comments/_report_slot.html", article=article, comment=comment, report_form=form
    ), status


@bp.post("/count")
def count() -> str:
    """The live counter: characters left under the one counting rule."""
    text = rules.normalise_newlines(request.form.get("body", ""))
    use_language(request.form.get("lang"))
    form_id = request.form.get("form_id", "comment-form")
    if not form_id.replace("-", "").isalnum():
        abort(400)
    return render_template(
        "comments/_counter.html",
        left=rules.BODY_MAX - rules.text_length(text),
        form_id=form_id,
        # The stretch the counter was in (the form's hidden field): it speaks on a change.
        previous_band=request.form.get("counter_band", ""),
        oob=True,
    )


@bp.get("/<id:comment_id>/reply")
def reply_form(comment_id: int) -> str | Response:
    """The reply form under a comment (htmx); plain browsers get the article page."""
    parent = db.get_or_404(Comment, comment_id)
    article = public_article_or_404(parent.article_id)
    if parent.status != CommentStatus.VISIBLE:
        abort(404)
    if not wants_fragment():
        return redirect(article.url(reply_to=parent.id, _anchor="reply"), 303)
    return render_template(
        "comments/_reply_slot.html",
        article=article,
        parent=parent,
        # A private answer: it reads this reader's own parts itself.
        reply_form=blank_comment_form(
            parent.id, staff=current_staff(article.author_id), remembered=remembered()
        ),
        closed=comments_closed(article),
    )


@bp.get("/<id:comment_id>/replies")
def replies(comment_id: int) -> str | Response:
    """The next replies of a thread ("Show more replies"); plain browsers get the
    article page showing them."""
    top = db.get_or_404(Comment, comment_id)
    article = public_article_or_404(top.article_id)
    if top.parent_id is not None:
        abort(404)
    shown = request.args.get("shown", "0")
    if not (shown.isascii() and shown.isdigit() and len(shown) < 7):
        abort(404)
    if not wants_fragment():
        more = int(shown) + current_app.config["REPLIES_PER_THREAD"]
        url = article.url(replies_of=top.id, replies_shown=more, _anchor=f"comment-{top.id}")
        return redirect(url, 303)
    reader = reader_id()
    thread = more_replies(top, reader, int(shown))
    return render_template(
        "comments/_more_replies.html",
        article=article,
        parent=top,
        thread=thread,
        closed=comments_closed(article),
        reader=reader,
        liked=liked_comments(list(thread.names), reader),
        answered=_answered_among(thread, reader),
    )


@bp.get("/articles/<id:article_id>/page/<id:page>")
def more(article_id: int, page: int) -> str | Response:
    """The next page of threads ("Show more comments"), in the order asked for."""
    article = public_article_or_404(article_id)
    order = orders.requested_order()
    if not wants_fragment():
        argument = orders.order_argument(order)
        return redirect(article.url(comments_page=page, order=argument, _anchor="comments"), 303)
    reader = reader_id()
    thread = thread_page(article, page, reader, order=order)
    if page > 1 and not thread.top:
        abort(404)
    return render_template(
        "comments/_thread_page.html",
        article=article,
        thread=thread,
        order=order,
        reader=reader,
        liked=liked_comments(list(thread.names), reader),
        answered=_answered_among(thread, reader),
    )


def _answered_among(thread: ThreadPage, reader: str | None) -> set[int]:
    """The reader's own comments of `thread` that have replies (a query only if any)."""
    own = [c.id for c in comments_on(thread) if reader and c.commenter_id == reader]
    return answered(own) if own else set()


# A commenter's own comment: edit and delete (comments.services has the rules). The
# comment is theirs when the request carries the reader cookie that posted it; a change
# must also carry the comment's edit secret, which only their private answers contain.
NOT_YOURS = _l("You can only change your own comments.")


def _own_comment(comment_id: int, *, changing: bool) -> tuple[Comment, Article]:
    """The comment and its public article, if this reader wrote it (a change: and sent
    its edit secret): 404 for no such comment, 403 for someone else's."""
    comment = db.get_or_404(Comment, comment_id)
    article = public_article_or_404(comment.article_id)
    reader = reader_id()
    theirs = (
        owns(comment, reader, request.form.get("secret"))
        if changing
        else bool(reader) and comment.commenter_id == reader
    )
    if not theirs:
        abort(403, description=str(NOT_YOURS))
    return comment, article


def _refused_in_place(comment: Comment, message: str) -> Response:
    """A refusal of "Edit" or "Delete" (htmx): said where the controls were, in the
    comment's `#report-N`, which keeps its text in view."""
    return alert(message, 422, f"report-{comment.id}")


@bp.get("/<id:comment_id>/own")
def own(comment_id: int) -> str | Response:
    """One comment as its writer sees it, without replies (htmx: Cancel and Keep it put
    it back); plain browsers get the private article page."""
    comment, article = _own_comment(comment_id, changing=False)
    if not wants_fragment():
        return redirect(article.url(mine=1, _anchor=f"comment-{comment.id}"), 303)
    after = request.args.get("after")
    return _own_article(article, comment, refocus=after if after in ("edit", "delete") else None)


@bp.get("/<id:comment_id>/edit")
def edit_form(comment_id: int) -> str | Response | tuple[Response, int]:
    """The form to change one's comment, in its place (htmx); plain browsers get the
    article page with it open."""
    comment, article = _own_comment(comment_id, changing=False)
    if not wants_fragment():
        return redirect(article.url(edit=comment.id, _anchor=f"comment-{comment.id}"), 303)
    if not may_edit(comment, bool(answered([comment.id]))):
        return _refused_in_place(comment, _("This comment can no longer be edited."))
    form = blank_edit_form(comment)
    return render_template(
        "comments/_edit_form.html", article=article, comment=comment, edit_form=form
    )


@bp.post("/<id:comment_id>/edit")
@limiter.limit(_invalid_comment_rate_limit, deduct_when=_refused, scope=INVALID_SCOPE)
def edit(comment_id: int) -> str | Response | tuple[str | Response, int]:
    """Save a commenter's new text; htmx gets the comment back, plain browsers a 303 to it."""
    comment, article = _own_comment(comment_id, changing=True)
    form = EditForm()
    form.comment_id = comment.id
    if not form.validate():
        return _edit_errors(article, comment, form)
    _count_against_the_limits()
    private_url = article.url(mine=1, _anchor=f"comment-{comment.id}")
    begin_write()
    try:
        was_visible = comment.status == CommentStatus.VISIBLE
        edit_comment(article, comment, form.body.data, client_marker())
    except CommentRefused as refused:
        _give_back_the_comment_limits()
        (form.body.errors if refused.field else form.problems).append(refused.message)
        return _edit_errors(article, db.get_or_404(Comment, comment_id), form)
    if not wants_fragment():
        return redirect(private_url, 303)
    # Held for review now: it leaves the count.
    recount = was_visible and comment.status != CommentStatus.VISIBLE
    return _own_article(article, comment, just_edited=comment.id, recount=recount)


@bp.get("/<id:comment_id>/delete")
def delete_form(comment_id: int) -> str | Response:
    """ "Delete this comment?" in place of the controls (htmx); plain browsers get the
    article page asking it."""
    comment, article = _own_comment(comment_id, changing=False)
    if not wants_fragment():
        return redirect(article.url(delete=comment.id, _anchor=f"comment-{comment.id}"), 303)
    if not edit_window_open(comment):
        return _refused_in_place(comment, _("This comment can no longer be deleted."))
    return render_template("comments/_delete_form.html", article=article, comment=comment)


@bp.post("/<id:comment_id>/delete")
def delete(comment_id: int) -> str | Response | tuple[str | Response, int]:
    """Delete one's comment: a tombstone if replies need it, else gone; htmx gets the
    change and the new count, plain browsers a 303 to the thread."""
    comment, article = _own_comment(comment_id, changing=True)
    begin_write()
    try:
        delete_own_comment(comment)
    except CommentRefused as refused:
        if wants_fragment():
            return alert(refused.message, 422, target_status_line())
        from newsite.public.views import render_article

        return render_article(article, reader=reader_id(), deleting=comment.id), 422
    tombstone = keeps_a_tombstone(comment)
    if not wants_fragment():
        anchor = f"comment-{comment.id}" if tombstone else "comments"
        return redirect(article.url(mine=1, _anchor=anchor), 303)
    html = render_template(
        "comments/_own.html",
        article=article,
        comment=comment,
        thread=_thread_of(comment),
        tombstone=tombstone,
        just_deleted=comment.id,
        recount=True,
    )
    response = make_response(html)
    # The form asked; the comment (or its own part, now a tombstone) is what changes.
    response.headers["HX-Retarget"] = (
        f"#comment-{comment.id} > article" if tombstone else f"#comment-{comment.id}"
    )
    response.headers["HX-Reswap"] = "outerHTML" if tombstone else "delete"
    return response


def _thread_of(comment: Comment) -> ThreadPage:
    names = {comment.parent_id: comment.parent.author_name} if comment.parent else {}
    return ThreadPage(top=[comment], names=names)


def _own_article(
    article: Article,
    comment: Comment,
    *,
    refocus: str | None = None,
    just_edited: int | None = None,
    recount: bool = False,
) -> str:
    """A comment's own part (comments/_comment.html's `comment_article`) as its writer
    sees it, with the count out of band when it changed."""
    reader = reader_id()
    return render_template(
        "comments/_own.html",
        article=article,
        comment=comment,
        thread=_thread_of(comment),
        closed=comments_closed(article),
        reader=reader,
        liked=liked_comments([comment.id], reader),
        answered=answered([comment.id]),
        refocus=refocus,
        just_edited=just_edited,
        recount=recount,
    )


def _edit_errors(article: Article, comment: Comment, form: EditForm) -> tuple[str | Response, int]:
    """The edit form again, with its errors and the commenter's text, as 422."""
    from newsite.public.views import render_article

    if not wants_fragment():
        return render_article(article, reader=reader_id(), edit_form=form), 422
    html = render_template(
        "comments/_edit_form.html", article=article, comment=comment, edit_form=form
    )
    return html, 422


@bp.get(f"/articles/<id:article_id>/order/<any({', '.join(orders.ORDERS)}):order>")
def choose_order(article_id: int, order: str) -> Response:
    """Read the thread in another order, remembered for this reader (a cookie): htmx
    gets the first page of threads in it, a plain browser the article in it (303)."""
    article = public_article_or_404(article_id)
    if wants_fragment():
        reader = reader_id()
        thread = thread_page(article, 1, reader, order=order)
        response: Response = make_response(
            render_template(
                "comments/_thread.html",
                article=article,
                thread=thread,
                order=order,
                closed=comments_closed(article),
                reader=reader,
                liked=liked_comments(list(thread.names), reader),
            )
        )
    else:
        url = article.url(order=orders.order_argument(order), _anchor="comments")
        response = redirect(url, 303)
    return orders.remember(response, order)


def _since() -> int:
    """`?since=`: a time as `time_number` writes it; anything else is a 404."""
    raw = request.args.get("since", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 17:
        abort(404)
    return int(raw)


# The poll of every open article page: see bench/README.md for what it costs.
SHARED_NOTHING_NEW = "public, max-age=0, s-maxage=1"
STOP_POLLING = 286


@bp.get("/articles/<id:article_id>/new")
def news(article_id: int) -> Response | str:
    """Whether comments by others became visible since `?since=`: 204 if none (without
    a query while this worker's copy of the article's newest is fresh), else a button
    saying how many."""
    since = _since()
    news = thread_news(article_id)
    if news is None:
        if wants_fragment():
            # An open page whose article is no longer public: 286 is htmx's "stop polling"
            # (a 404 would be logged as an error on every poll).
            return Response(status=STOP_POLLING)
        abort(404)
    newest, language = news
    if newest <= since:
        # Nothing newer for anyone: the same answer for every reader of this page, which
        # nginx may share for a second (deploy/newsite-proxy.conf), as it does the page.
        return Response(status=204, headers={"Cache-Control": SHARED_NOTHING_NEW})
    count = arrived_count(article_id, number_time(since), reader_id())
    if not count:
        return Response(status=204)
    use_language(language)
    order = orders.requested_order()
    return render_template(
        "comments/_news.html", article_id=article_id, since=since, order=order, count=count
    )


@bp.get("/articles/<id:article_id>/arrived")
def arrived(article_id: int) -> Response | str:
    """The comments by others that became visible since `?since=` ("N new comments"
    pressed), with the new count and a poller counting from now."""
    article = public_article_or_404(article_id)
    since = _since()
    order = orders.requested_order()
    if not wants_fragment():
        url = article.url(order=orders.order_argument(order), _anchor="comments")
        return redirect(url, 303)
    reader = reader_id()
    thread = arrived_comments(article, number_time(since), reader)
    full = len(thread.top) >= current_app.config["COMMENTS_PER_PAGE"]
    # At most a page at once: the rest are announced by the next poll.
    newest = thread.top[-1].visible_at if full else article.last_comment_at
    return render_template(
        "comments/_arrived.html",
        article=article,
        thread=thread,
        since=max(since, time_number(newest)),
        order=order,
        closed=comments_closed(article),
        reader=reader,
        liked=set(),
    )


@bp.get("/<id:comment_id>")
def link(comment_id: int) -> Response:
    """A link to one comment: its article (at its current address), at the page where
    the reader's order shows it, with its thread open far enough; 404 for a comment
    not shown to everyone."""
    comment = db.get_or_404(Comment, comment_id)
    article = public_article_or_404(comment.article_id)
    order = orders.remembered_order() or orders.OLDEST
    place = place_of(comment, order)
    if place is None:
        abort(404)
    url = article.url(
        comments_page=place.page if place.page > 1 else None,
        order=orders.order_argument(order),
        replies_of=place.thread_id if place.replies_shown else None,
        replies_shown=place.replies_shown or None,
        _anchor=f"comment-{comment.id}",
    )
    return redirect(url, 302)


def _form_errors(article: Article, form: CommentForm) -> tuple[str | Response, int]:
    """The form again, with its errors and the reader's text, as 422."""
    # Imported here: the article page itself imports the comments package.
    from newsite.public.views import render_article

    if not wants_fragment():
        return render_article(article, form=form, private=True), 422
    if not form.parent:
        return render_template("comments/_form.html", article=article, form=form), 422
    parent = db.session.get(Comment, form.parent)
    if parent is None or parent.article_id != article.id:
        # No form to re-render in place: report in the open form's status line.
        message = _("The comment you are replying to was not found.")
        return alert(message, 422, f"reply-form-{form.parent}-status"), 422
    return render_template(
        "comments/_reply_form.html", article=article, form=form, parent=parent
    ), 422


def _posted_fragment(
    article: Article,
    posted: Posted,
    parent_id: int | None,
    staff: Staff | None,
    kept: Remembered | None,
) -> str:
    comment = posted.comment
    names = {comment.parent_id: comment.parent.author_name} if comment.parent else {}
    return render_template(
        "comments/_posted.html",
        article=article,
        comment=comment,
        # A repeat is on the page already (the first post put it there).
        insert=posted.created,
        just_posted=comment.id if posted.created else None,
        thread=ThreadPage(top=[comment], names=names),
        order=orders.page_order(),
        form=None if parent_id else blank_comment_form(staff=staff, remembered=kept),
        reader=comment.commenter_id,
        liked=set(),
        # Just posted: no one has answered it yet.
        answered=set(),
    )


# Errors that stop a post before the view runs (another site's request, rate limit,
# oversized request): the reader keeps their text and sees why, where they look.
ERROR_MESSAGES = {
    413: _l("That is far more text than a comment can hold."),
    429: _l("You have posted several comments in a short time. Your text is kept."),
}


# Forms whose text stays in place when refused (the message goes to their status line),
# and the own comment's controls (comments/_comment.html, `own_controls`).
POSTING = ("comments.post", "comments.edit", "comments.delete", "comments.report")
OWN_CONTROLS = ("comments.edit_form", "comments.delete_form", "comments.own")


def _edit_refused_page(message: str) -> str | Response | None:
    """A refused edit without JavaScript: the article page with the form and its text."""
    comment = db.session.get(Comment, (request.view_args or {}).get("comment_id", 0))
    if comment is None:
        return None
    article = db.session.scalar(Article.public().where(Article.id == comment.article_id))
    if article is None:
        return None
    use_language(article.edition.language)
    form = EditForm()
    form.comment_id = comment.id
    form.problems.append(message)
    return _edit_errors(article, comment, form)[0]


@bp.errorhandler(400)
@bp.errorhandler(403)
@bp.errorhandler(413)
@bp.errorhandler(429)
def _refused_before_view(error: HTTPException) -> tuple[str, int] | Response:
    """Answer in the form's status line (htmx) or on the article page with the text kept."""
    speak_for_the_address()
    code = error.code or 400
    message = str(ERROR_MESSAGES.get(code) or error.description or _("Something went wrong."))
    if code == 429:
        message = f"{message} {try_again_in()}"
    if wants_fragment():
        # For a post, keep the form (and the reader's text) in place: report in its status
        # line; a refused "Edit" or "Delete" says so where the controls were.
        if request.endpoint in POSTING:
            return alert(message, code, target_status_line())
        comment_id = (request.view_args or {}).get("comment_id")
        if request.endpoint in OWN_CONTROLS and comment_id:
            return alert(message, code, f"report-{comment_id}")
        return alert(message, code)
    edit_page = request.endpoint == "comments.edit" and isinstance(error, TooManyRequests)
    if edit_page and (page := _edit_refused_page(message)) is not None:
        return page, code
    if request.endpoint == "comments.post" and isinstance(error, TooManyRequests):
        # No abort() here: an error handler cannot raise another HTTP error.
        article_id = (request.view_args or {}).get("article_id")
        article = db.session.scalar(Article.public().where(Article.id == article_id))
        if article is not None:
            use_language(article.edition.language)
            form = CommentForm(staff=current_staff(article.author_id))
            form.problems.append(message)
            return _form_errors(article, form)[0], code
    return render_template("errors/error.html", error=error, message=message), code


@bp.app_template_global("characters_left")
def _characters_left(text: str) -> int:
    return rules.BODY_MAX - rules.text_length(text)


bp.add_app_template_global(rules.counter_band, "counter_band")
bp.add_app_template_global(time_number, "time_number")


@bp.app_template_filter("comment_text")
def _comment_text(text: str) -> Markup:
    return rules.render_body(text)


@dataclass(frozen=True)
class OwnChanges:
    edit: bool
    delete: bool


@bp.app_template_global("own_changes")
@pass_context
def _own_changes(context: Context, comment: Comment) -> OwnChanges:
    """What the writer may still do with their comment. The page's `answered` (their
    comments someone has replied to) saves a query per comment where it is known."""
    known = context.get("answered")
    has_replies = comment.id in known if isinstance(known, set) else bool(answered([comment.id]))
    return OwnChanges(edit=may_edit(comment, has_replies), delete=edit_window_open(comment))


@bp.app_template_global("own_change_url")
def _own_change_url(comment: Comment, action: str) -> str:
    """The private article page that edits (`edit`) or deletes (`delete`) the comment,
    or just shows it (`mine`), on the page of comments the reader is on."""
    query: dict[str, int | str] = {action: 1 if action == "mine" else comment.id}
    page = request.args.get("comments_page", "")
    if page.isascii() and page.isdigit() and len(page) < 7 and int(page) > 1:
        query = {"comments_page": page} | query
    if request.endpoint == "public.article" or wants_fragment():
        # Relative, as "Reply" is: htmx puts it in the article page.
        return f"?{urlencode(query)}#comment-{comment.id}"
    # A page answered at a form's address (a refused change without JavaScript).
    return comment.article.url(**query, _anchor=f"comment-{comment.id}")


@bp.app_template_global("edit_secret")
def _edit_secret(comment: Comment) -> str:
    # Only ever rendered in the writer's own private answers (the comment's controls).
    return edit_secret(comment.id, comment.commenter_id)
