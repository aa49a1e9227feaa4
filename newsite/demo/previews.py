"""A shared preview link to the demo's unpublished draft: `seed_preview_link`, called
by `newsite.demo.seed.seed`, which prints the link's address."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, url_for

from newsite.admin.previews import MAX_HOURS, make_link
from newsite.demo.content import DRAFT_SLUG
from newsite.extensions import db
from newsite.models import Article, PreviewLink, utcnow
from newsite.public.previews import token_for

# Where `make run` serves the site when SITE_URL is not set.
LOCAL_SITE = "http://127.0.0.1:5000"


def seed_preview_link() -> str:
    """Keep one live preview link to the demo draft (a new one once the last has
    expired or was revoked) and say where it is."""
    draft = db.session.scalar(sa.select(Article).filter_by(slug=DRAFT_SLUG))
    if draft is None:
        return "no demo draft to preview."
    link = db.session.scalar(
        sa.select(PreviewLink)
        .filter(
            PreviewLink.article_id == draft.id,
            PreviewLink.revoked_at.is_(None),
            PreviewLink.expires_at > utcnow(),
        )
        .order_by(PreviewLink.expires_at.desc())
        .limit(1)
    )
    if link is None:
        link = make_link(draft, None, MAX_HOURS)
        db.session.commit()
    site = (current_app.config["SITE_URL"] or LOCAL_SITE).rstrip("/")
    with current_app.test_request_context():
        path = url_for("public.preview", token=token_for(link))
    return f"Preview link to the unpublished demo draft (for {MAX_HOURS // 24} days): {site}{path}"
