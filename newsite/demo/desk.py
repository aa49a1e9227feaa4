"""The demo's desk: a reporter's and an editor's accounts, stories in each desk status
(draft, ready for edit, approved, scheduled) with their status histories, and notes,
one naming a colleague. None of them is public: the scheduled one goes live two days
after seeding, like any scheduled story.

Idempotent like the rest of the seed: accounts by email, stories by slug; a story's
history and notes are written only with the story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from newsite import workflow
from newsite.admin.auth import hash_password
from newsite.extensions import db
from newsite.models import (
    Article,
    ArticleStatus,
    Author,
    Edition,
    Editor,
    Role,
    Section,
    StatusChange,
    utcnow,
)

# Demo only, like every account's password in a demo: documented in the README.
PASSWORD = "newsroom demo desk"
REPORTER = ("layla@newsroom.example", "Layla Aziz", Role.REPORTER, "layla-aziz")
EDITOR = ("nadia@newsroom.example", "Nadia Karim", Role.EDITOR, "nadia-karim")


@dataclass(frozen=True)
class DeskStory:
    slug: str
    headline: str
    summary: str
    body: str
    edition: str
    section: str
    author: str
    # Each step after "" -> draft (by the reporter): (to, by "editor" or "reporter", note).
    steps: tuple[tuple[str, str, str], ...]
    notes: tuple[tuple[str, str], ...] = ()  # (by, text)


STORIES = [
    DeskStory(
        "water-tankers-queue-at-basra-northern-gate",
        "Water tankers queue at Basra's northern gate",
        "Drivers wait up to six hours as the city's desalination plant runs at half capacity.",
        "Dozens of water tankers lined the road at Basra's northern gate on Monday.\n\n"
        "Drivers said they waited up to six hours to fill up.",
        "iraq",
        "economy",
        "layla-aziz",
        steps=(
            ("ready", "reporter", ""),
            ("draft", "editor", "Add the drivers' union figures and a word from the plant."),
        ),
        notes=(("reporter", "Union spokesman calls back after four."),),
    ),
    DeskStory(
        "night-market-returns-to-mosul-old-city",
        "Night market returns to Mosul's old city",
        "Stalls reopen along the river for the first time in a decade.",
        "Stalls selling grilled fish, sweets and lanterns reopened on Thursday night.\n\n"
        "Traders said families came until well after midnight.",
        "iraq",
        "culture",
        "layla-aziz",
        steps=(("ready", "reporter", ""),),
        notes=(
            ("editor", "@layla is the lantern photo ours? It needs a credit before I approve."),
        ),
    ),
    DeskStory(
        "teachers-pay-talks-resume-in-baghdad",
        "Teachers' pay talks resume in Baghdad",
        "Unions and the ministry meet again after a two-week pause.",
        "Negotiators for the teachers' unions returned to the ministry on Sunday.\n\n"
        "Both sides said they hoped for an agreement before the exams.",
        "iraq",
        "politics",
        "layla-aziz",
        steps=(("ready", "reporter", ""), ("approved", "editor", "")),
        notes=(("reporter", "@nadia the ministry confirmed the meeting time, 14:00."),),
    ),
    DeskStory(
        "ministry-sets-date-for-school-exams",
        "Ministry sets date for school exams",
        "Secondary school exams will start in the first week of June.",
        "The education ministry announced the exam timetable on Tuesday.\n\n"
        "Schools will close for revision a week earlier.",
        "iraq",
        "politics",
        "layla-aziz",
        steps=(("ready", "reporter", ""), ("approved", "editor", ""), ("scheduled", "editor", "")),
    ),
    DeskStory(
        "book-market-returns-to-mutanabbi-street",
        "سوق الكتب يعود إلى شارع المتنبي",
        "باعة الكتب يعودون إلى الرصيف بعد أعمال الترميم.",
        "عاد باعة الكتب إلى شارع المتنبي في بغداد صباح الجمعة.\n\n"
        "وقال أحدهم إن الزبائن جاؤوا منذ الساعة السابعة.",
        "arabic",
        "culture",
        "sahar-salman",
        steps=(("ready", "reporter", ""),),
        notes=(("editor", "نحتاج صورة من الشارع قبل الموافقة."),),
    ),
]


def seed_desk() -> str:
    """Create the missing desk accounts and stories; commits. Returns a report."""
    accounts = {"reporter": _account(*REPORTER), "editor": _account(*EDITOR)}
    db.session.flush()
    now = utcnow().replace(second=0, microsecond=0)
    created = 0
    for story in STORIES:
        if db.session.scalar(sa.select(Article.id).filter_by(slug=story.slug)) is None:
            _story(story, accounts, now)
            created += 1
    db.session.commit()
    return (
        f"{created} new desk stories; desk accounts {REPORTER[0]} (reporter) and "
        f"{EDITOR[0]} (editor), password “{PASSWORD}”"
    )


def _account(email: str, name: str, role: Role, author_slug: str) -> Editor:
    editor = db.session.scalar(sa.select(Editor).filter_by(email=email))
    if editor is None:
        author_id = db.session.scalar(sa.select(Author.id).filter_by(slug=author_slug))
        editor = Editor(
            email=email,
            name=name,
            role=role,
            password_hash=hash_password(PASSWORD),
            author_id=author_id,
        )
        db.session.add(editor)
    return editor


def _story(story: DeskStory, accounts: dict[str, Editor], now: datetime) -> None:
    status = story.steps[-1][0]
    scheduled = status == ArticleStatus.SCHEDULED
    # Two days ahead, on the hour: never on the shared site's fronts while tests run.
    publish_at = (now + timedelta(days=2)).replace(minute=0) if scheduled else None
    # The history runs over the last hours, an hour a step, up to now.
    moments = [now - timedelta(hours=len(story.steps) - i) for i in range(len(story.steps) + 1)]
    article = Article(
        slug=story.slug,
        headline=story.headline,
        summary=story.summary,
        body=story.body + "\n",
        status=ArticleStatus(status),
        published_at=publish_at,
        edition=db.session.scalar(sa.select(Edition).filter_by(slug=story.edition)),
        section=db.session.scalar(sa.select(Section).filter_by(slug=story.section)),
        author=db.session.scalar(sa.select(Author).filter_by(slug=story.author)),
        created_at=moments[0],
    )
    db.session.add(article)
    db.session.flush()
    before = ""
    for moment, (to, by, note) in zip(
        moments, (("draft", "reporter", ""), *story.steps), strict=True
    ):
        db.session.add(
            StatusChange(
                article_id=article.id,
                editor_id=accounts[by].id,
                from_status=before,
                to_status=to,
                note=note,
                created_at=moment,
            )
        )
        before = to
    for minutes, (by, text) in enumerate(story.notes, start=1):
        note = workflow.add_note(article, accounts[by], text)
        note.created_at = now - timedelta(minutes=30 - minutes)
