"""Who an article credits: its contributors, in byline order, each in a role.

`Article.author_id` is kept as the first writer, so listings, feeds and the
comment badge read one column instead of loading the contributors.

The rules (at least one writer, nobody twice in one role, only known authors) live
in `credit_problems`, which the admin's form and `set_contributors` both apply.
The byline's words are whole translated sentences with the names as placeholders
("By %(author)s", "%(first)s and %(second)s"), so Arabic orders them its own way
("بقلم أ وب").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.orm import Session

from newsite.extensions import db
from newsite.models import Article, ArticleContributor, Author, ContributorRole

WRITER = ContributorRole.WRITER

# The admin's names of the roles (the admin stays English).
ROLE_NAMES = {
    ContributorRole.WRITER: "Writer",
    ContributorRole.PHOTOS: "Photos",
    ContributorRole.VIDEO: "Video",
    ContributorRole.TRANSLATION: "Translation",
    ContributorRole.ADDITIONAL_REPORTING: "Additional reporting",
}

# After the writers, the other roles' credits, in this order, each a sentence.
CREDIT_LINES = {
    ContributorRole.PHOTOS: _l("Photos by %(names)s"),
    ContributorRole.VIDEO: _l("Video by %(names)s"),
    ContributorRole.TRANSLATION: _l("Translated by %(names)s"),
    ContributorRole.ADDITIONAL_REPORTING: _l("Additional reporting by %(names)s"),
}


@dataclass(frozen=True)
class Credit:
    """One line of the contributors list: who, in which role."""

    author_id: int
    role: ContributorRole = WRITER


@dataclass(frozen=True)
class CreditProblem:
    """Why a list of credits is refused: `row` is the line at fault (None: the list)."""

    row: int | None
    message: str


class CreditsRefused(ValueError):
    def __init__(self, problems: list[CreditProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def credit_problems(credits: Sequence[Credit], known: Collection[int]) -> list[CreditProblem]:
    """What is wrong with `credits` (empty: nothing), given the ids of the authors that
    exist: an unknown author, the same author twice in one role, no writer at all."""
    problems = []
    seen: set[tuple[int, ContributorRole]] = set()
    for row, credit in enumerate(credits):
        if credit.author_id not in known:
            problems.append(CreditProblem(row, "Choose an author from the list."))
        elif (credit.author_id, credit.role) in seen:
            role = ROLE_NAMES[credit.role].lower()
            problems.append(
                CreditProblem(row, f"This author is already credited for {role} above.")
            )
        seen.add((credit.author_id, credit.role))
    if not any(c.role == WRITER for c in credits):
        problems.append(CreditProblem(None, "An article needs at least one writer."))
    return problems


def known_authors(ids: Iterable[int]) -> set[int]:
    """Which of these author ids exist."""
    wanted = set(ids)
    if not wanted:
        return set()
    return set(db.session.scalars(sa.select(Author.id).where(Author.id.in_(wanted))))


def set_contributors(article: Article, credits: Sequence[Credit]) -> None:
    """Credit exactly these people, in this order; the first writer becomes
    `article.author`. Refused (CreditsRefused, nothing changed) when the list breaks a
    rule of `credit_problems`."""
    problems = credit_problems(credits, known_authors(c.author_id for c in credits))
    if problems:
        raise CreditsRefused(problems)
    # Rows kept by (author, role): a flush inserts before it deletes, so a new row
    # beside the old one it replaces would break the table's unique rule.
    existing = {(c.author_id, c.role): c for c in article.contributors}
    rows = []
    for position, credit in enumerate(credits):
        row = existing.pop((credit.author_id, credit.role), None) or ArticleContributor(
            author_id=credit.author_id, role=credit.role
        )
        row.position = position
        rows.append(row)
    article.contributors = rows
    lead = next(c for c in credits if c.role == WRITER)
    article.author = db.session.get_one(Author, lead.author_id)


def credits_of(article: Article) -> list[Credit]:
    """The article's credits as the contributors list shows them."""
    return [Credit(c.author_id, c.role) for c in article.contributors]


def with_lead_writer(article: Article, author_id: int) -> list[Credit]:
    """The article's credits with `author_id` as its first writer, the others kept:
    what a form with only an "Author" field (an older form, a script) means."""
    credits = credits_of(article)
    lead = next((i for i, c in enumerate(credits) if c.role == WRITER), None)
    if lead is None:
        return [Credit(author_id), *credits]
    credits[lead] = Credit(author_id)
    # The new lead may have been a later writer: credited once.
    return [c for i, c in enumerate(credits) if i <= lead or c != Credit(author_id)]


# --- Bylines as readers read them -----------------------------------------------------


@dataclass(frozen=True)
class Byline:
    """An article's people grouped for its page: the writers, then each other role."""

    writers: list[Author]
    others: list[tuple[ContributorRole, list[Author]]]


def byline_of(article: Article) -> Byline:
    """The writers in byline order, then the other roles in CREDIT_LINES' order. An
    article whose contributors are not stored yet (a preview of a new one) has its
    author as its writer."""
    contributors = article.contributors
    if not contributors:
        return Byline([article.author], [])
    grouped: dict[ContributorRole, list[Author]] = {}
    for contributor in contributors:
        grouped.setdefault(contributor.role, []).append(contributor.author)
    others = [(role, grouped[role]) for role in CREDIT_LINES if role in grouped]
    return Byline(grouped.get(WRITER, [article.author]), others)


def author_link(author: Author) -> Markup:
    """A name linking to the author's page."""
    url = url_for("public.author", slug=author.slug)
    return Markup('<a href="{}" rel="author">{}</a>').format(url, author.name)


def name_list(names: Sequence[Markup | str]) -> Markup:
    """Names as a sentence lists them in the page's language: "A", "A and B",
    "A, B and C" ("أ وب", "أ، ب وج")."""
    if not names:
        return Markup("")
    text = Markup.escape(names[0])
    for name in names[1:-1]:
        # Translators: a list going on ("A, B"); the last name comes with "and".
        text = _sentence(_("%(first)s, %(second)s"), first=text, second=name)
    if len(names) > 1:
        text = _sentence(_("%(first)s and %(second)s"), first=text, second=names[-1])
    return text


def writers_line(article: Article, byline: Byline) -> Markup:
    """ "By A and B in CITY": the writers, linked, and the dateline."""
    names = name_list([author_link(a) for a in byline.writers])
    if article.dateline:
        dateline = Markup('<span class="dateline">{}</span>').format(article.dateline)
        return _sentence(_("By %(author)s in %(dateline)s"), author=names, dateline=dateline)
    return _sentence(_("By %(author)s"), author=names)


def credit_lines(byline: Byline) -> list[Markup]:
    """ "Photos by C", "Additional reporting by D": the other roles, linked."""
    return [
        _sentence(str(CREDIT_LINES[role]), names=name_list([author_link(a) for a in people]))
        for role, people in byline.others
    ]


def _sentence(translated: str, **values: Markup | str) -> Markup:
    # The catalog's text is ours; the names are escaped unless already markup.
    return Markup(translated) % {k: Markup.escape(v) for k, v in values.items()}


# --- Articles an author worked on ------------------------------------------------------


def credited_by(author_id: int) -> sa.ColumnElement[bool]:
    """Articles crediting the author in any role (each once: a condition, not a join).
    Their page and their feed list these, newest first."""
    return Article.id.in_(
        sa.select(ArticleContributor.article_id).where(ArticleContributor.author_id == author_id)
    )


def roles_on(author_id: int, article_ids: Collection[int]) -> dict[int, list[ContributorRole]]:
    """What the author did on each of these articles, in one query."""
    if not article_ids:
        return {}
    rows = db.session.execute(
        sa.select(ArticleContributor.article_id, ArticleContributor.role)
        .where(
            ArticleContributor.author_id == author_id,
            ArticleContributor.article_id.in_(article_ids),
        )
        .order_by(ArticleContributor.position)
    )
    roles: dict[int, list[ContributorRole]] = {}
    for article_id, role in rows:
        roles.setdefault(article_id, []).append(role)
    return roles


def role_note(author: Author, roles: Sequence[ContributorRole]) -> Markup:
    """What a listing of the author's stories says of their part in one: nothing when
    they wrote it, else their credits ("Photos by C")."""
    if not roles or WRITER in roles:
        return Markup("")
    return Markup(" ").join(_sentence(str(CREDIT_LINES[role]), names=author.name) for role in roles)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        byline_of=byline_of,
        writers_line=writers_line,
        credit_lines=credit_lines,
        role_note=role_note,
    )


@sa.event.listens_for(Session, "before_flush")
def _credit_the_author(session: Session, _context: object, _instances: object) -> None:
    """A new article made with only an author (the seed, the command line, tests, the
    admin's first save) credits that author as its one writer."""
    for article in session.new:
        if isinstance(article, Article) and not article.contributors:
            writer = ArticleContributor(role=ContributorRole.WRITER, position=0)
            if article.author is not None:
                writer.author = article.author
            else:
                writer.author_id = article.author_id
            article.contributors.append(writer)
