"""Corrections, clarifications and substantive updates: the only changes that move an
article's "Updated" time (`Article.modified_at`), each written in its revisions.

A typo fix is a plain save: readers, feeds, sitemaps and search engines see no update.
A substantive update (ticked in the article form) or a correction does move it. A
correction is never deleted: an admin's removal hides it from readers and leaves an
entry in the article's revisions saying what was removed and why.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from newsite.extensions import db
from newsite.models import (
    Article,
    ArticleRevision,
    Correction,
    CorrectionKind,
    in_language,
    utcnow,
)

TEXT_MAX = 1000
NOTE_MAX = 300

# What readers see as the heading of each kind (and the admin, in English).
KIND_LABELS = {
    CorrectionKind.CORRECTION: _l("Correction"),
    CorrectionKind.CLARIFICATION: _l("Clarification"),
}


class CorrectionRefused(ValueError):
    """A correction that may not be made; the message says why (for the form)."""


def record_revision(article: Article, editor_id: int | None, note: str = "") -> ArticleRevision:
    """Keep what the article says now as its next revision, with `note`: what this
    change did beyond the text ("Correction added: ..."). Moves `article.revision`, so
    a form loaded before it is a stale save, and the article's page changes."""
    db.session.flush()
    article.revision += 1
    revision = ArticleRevision(
        article_id=article.id,
        number=article.revision,
        headline=article.headline,
        summary=article.summary,
        body=article.body,
        dateline=article.dateline,
        editor_id=editor_id,
        note=note,
    )
    db.session.add(revision)
    return revision


def substantive_update(article: Article, what_changed: str, now: datetime | None = None) -> str:
    """Mark this save of a published article as a substantive update: its "Updated"
    time moves to now and readers see `what_changed` under the byline (an empty note
    clears the last one). Returns the note for the revision."""
    what_changed = " ".join(what_changed.split())
    article.modified_at = now or utcnow()
    article.update_note = what_changed
    return f"Substantive update: {what_changed}" if what_changed else "Substantive update"


def add_correction(
    article: Article,
    kind: CorrectionKind,
    text: str,
    serious: bool,
    editor_id: int | None,
    now: datetime | None = None,
) -> Correction:
    """Publish a correction (or clarification) of a public article, dated now: the
    article is updated (its "Updated" time moves) and the revisions say so."""
    text = text.strip()
    if not article.is_public:
        raise CorrectionRefused("Only a published article can be corrected; edit it instead.")
    if not text or len(text) > TEXT_MAX:
        raise CorrectionRefused(f"Write the correction in 1 to {TEXT_MAX} characters.")
    now = now or utcnow()
    correction = Correction(
        article_id=article.id,
        kind=kind,
        text=text,
        serious=serious,
        created_at=now,
        editor_id=editor_id,
    )
    db.session.add(correction)
    article.modified_at = now
    record_revision(article, editor_id, f"{kind.value.capitalize()} added: {text}")
    return correction


def remove_correction(correction: Correction, reason: str, editor_id: int) -> None:
    """Hide a correction from readers (an admin's decision): it stays in the database
    and the article's revisions say who removed what and why. The article's
    "Updated" time stays as it is: removing a note is not an update of the story."""
    if correction.removed_at is not None:
        raise CorrectionRefused("This correction was already removed.")
    reason = " ".join(reason.split())
    if not reason or len(reason) > NOTE_MAX:
        raise CorrectionRefused(f"Say why, in 1 to {NOTE_MAX} characters.")
    correction.removed_at = utcnow()
    correction.removed_by_id = editor_id
    label = correction.kind.value.capitalize()
    note = f"{label} removed: {correction.text} (Reason: {reason})"
    record_revision(correction.article, editor_id, note)


def corrections_of(article_id: int) -> list[Correction]:
    """All of an article's corrections, removed ones too, oldest first (the admin's list)."""
    return list(
        db.session.scalars(
            sa.select(Correction)
            .where(Correction.article_id == article_id)
            .order_by(Correction.created_at, Correction.id)
        )
    )


def public_corrections(language: str) -> sa.Select[tuple[Correction]]:
    """The corrections readers see on the public articles of editions in `language`,
    newest first, each with its article (one query, whatever the page's length)."""
    return (
        sa.select(Correction)
        .join(Article, Article.id == Correction.article_id)
        .where(
            Correction.removed_at.is_(None),
            Article.public_clause(utcnow()),
            in_language(language),
        )
        .options(joinedload(Correction.article))
        .order_by(Correction.created_at.desc(), Correction.id.desc())
    )
