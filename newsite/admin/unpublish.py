"""The article form's "Unpublish at" time: in the edition's local time like the
publication time, and after it. At that time the article leaves the public pages by
itself (`newsite.unpublishing`)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from wtforms import DateTimeLocalField
from wtforms.validators import Optional, ValidationError

from newsite.models import Article, ArticleStatus, Edition, utcnow
from newsite.unpublishing import expired_clause

EXPIRED = "expired"  # the admin list's filter and label: an article past its time


class UnpublishFields:
    """Mixed into the article form."""

    unpublish_at = DateTimeLocalField(
        "Unpublish at (the edition's local time; empty: stays published)",
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
    )

    def validate_unpublish_at(self, field: Any) -> None:
        published = self.published_at.data  # type: ignore[attr-defined]
        if field.data is not None and published is not None and field.data <= published:
            raise ValidationError("Unpublish after the publication time, or leave this empty.")


def load(form: Any, article: Article) -> None:
    """The stored time, in the edition's zone, for the form."""
    if article.unpublish_at is not None:
        form.unpublish_at.data = article.edition.local(article.unpublish_at)


def apply(form: Any, article: Article, edition: Edition | None) -> None:
    """The typed time, stored in UTC."""
    typed = form.unpublish_at.data
    article.unpublish_at = edition.from_local(typed) if typed and edition else typed


def filter_status(query: sa.Select[Any], status: str) -> sa.Select[Any]:
    """The admin list filtered by status; "published" and "scheduled" leave out the
    expired, which "expired" shows."""
    now = utcnow()
    if status == EXPIRED:
        return query.where(expired_clause(now))
    if status in {s.value for s in ArticleStatus}:
        query = query.where(Article.status == status)
        if status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
            query = query.where(sa.or_(Article.unpublish_at.is_(None), Article.unpublish_at > now))
    return query
