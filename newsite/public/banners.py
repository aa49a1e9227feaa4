"""Breaking news on readers' pages: which banners a page shows, and dismissing one.

The rules (what is live, the cookie) are in `newsite.banners`; the region is
templates/includes/_breaking.html, under every page's header.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import g, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from newsite import banners, models
from newsite.extensions import csrf
from newsite.htmx import private_fragment, wants_fragment
from newsite.languages import DEFAULT, LANGUAGES, select_locale, use_language
from newsite.public import bp
from newsite.public.caching import read_arguments
from newsite.routing import site_path
from newsite.templating import navigation


@bp.app_template_global()
def breaking_banners(edition: object | None = None) -> list[banners.LiveBanner]:
    """The live banners this page shows (those of `edition`, or of the editions in the
    page's language), but those this reader dismissed. A page that leaves one out is
    theirs alone: `newsite.public.caching.hidden_banners` makes it private."""
    shown = banners.shown_on(
        navigation().banners, models.utcnow(), getattr(edition, "id", None), select_locale()
    )
    hidden = banners.dismissed()
    return [b for b in shown if b.id not in hidden]


@bp.app_template_global()
def return_address() -> str:
    """This page's address as dismissing a banner leads back to it: its path and the
    query arguments it reads (a shared page shows nothing else of its request)."""
    kept = [(name, value) for name, value in read_arguments(g.get("page_reads", ())) if value]
    return request.path + (f"?{urlencode(kept)}" if kept else "")


@bp.post("/banners/<id:banner_id>/dismiss")
def dismiss_banner(banner_id: int) -> Response:
    """Hide a breaking-news banner from this reader: their cookie lists it until it
    expires. Without JavaScript, a 303 back to the page; htmx gets the region back
    without it (or nothing, which removes the region)."""
    now = models.utcnow()
    live = {b.id: b for b in navigation().banners if b.expires_at > now}
    kept = [live[i] for i in sorted(banners.dismissed() | {banner_id}) if i in live]
    back = site_path(request.form.get("next")) or url_for("public.home")
    response = make_response(_region(kept, back)) if wants_fragment() else redirect(back, 303)
    banners.remember_dismissed(response, kept, now)
    return private_fragment(response)


# Readers' forms carry no token: the cross-origin check guards every POST
# (newsite.security), as it does comments and votes.
csrf.exempt(dismiss_banner)


def _region(dismissed: list[banners.LiveBanner], back: str) -> str:
    """The banners region of the page a banner was dismissed on, without the banners
    this reader dismissed; "" when none is left. The form says which page that was:
    its edition (if any) and its language."""
    language = request.form.get("language", DEFAULT)
    use_language(language if language in LANGUAGES else DEFAULT)
    slug = request.form.get("edition")
    edition = next((e for e in navigation().editions if e.slug == slug), None)
    hidden = {b.id for b in dismissed}
    edition_id = edition.id if edition is not None else None
    shown = banners.shown_on(navigation().banners, models.utcnow(), edition_id, select_locale())
    left = [b for b in shown if b.id not in hidden]
    if not left:
        return ""
    return render_template(
        "includes/_breaking.html", edition=edition, breaking_shown=left, dismiss_next=back
    )
