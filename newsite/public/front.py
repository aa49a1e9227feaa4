"""A front page: the lead, the top stories, "Latest", then the section blocks.

There is one front page per edition (its edition page) and one for home, which shows
the default language's stories (`FrontPage.edition_id` None). Editors pin stories to
the lead and top-story slots (`FrontSlot`: position 0 is the lead, 1 to 4 the top
stories), each until a time or until unpinned, and choose the section blocks and their
order (`FrontBlock`). A slot nobody pinned, or whose pin is not in force, shows the
newest story not shown yet; a front without blocks shows every section in the site's
order. A story appears once among the lead, the top stories and the blocks, unless a
block allows repeats. "Latest" is the running list of what came in, with times: a
story in it may be in its section's block too (otherwise an edition of a dozen
stories would have nothing left for its sections, and its page would no longer look
as it did before curation).

Built in three queries whatever the slots and blocks: the curation (its pins and blocks
with what they name), the newest stories, and every block's candidates in one windowed
query.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from newsite import models
from newsite.extensions import db
from newsite.languages import DEFAULT
from newsite.models import Article, Edition, FrontBlock, FrontPage, FrontSlot, Section, in_language

SLOTS = 5  # the lead and four top stories
LATEST = 8
# A block's stories: a full row on a desktop, two on a tablet, rows on a phone; a block
# with fewer takes a layout that its count fills (see static/css/site.css).
ROW = 4


class PinProblem(enum.StrEnum):
    """Why a pin is not in force (its slot shows the newest story instead)."""

    EXPIRED = "expired"
    NOT_PUBLIC = "not public"
    ELSEWHERE = "not of this front page"
    REPEATED = "pinned to an earlier slot too"


@dataclass(frozen=True)
class Slot:
    """What one slot shows, and the pin behind it (for the admin)."""

    position: int
    article: Article | None
    pin: FrontSlot | None = None
    problem: PinProblem | None = None

    @property
    def pinned(self) -> bool:
        return self.pin is not None and self.problem is None


@dataclass(frozen=True)
class Block:
    """A section's block: its stories, and those it skipped as shown higher up."""

    section: Section
    articles: list[Article]
    skipped: list[Article] = field(default_factory=list)
    allow_repeats: bool = False
    row: FrontBlock | None = None  # None on a front page without chosen blocks


@dataclass(frozen=True)
class Front:
    slots: list[Slot]
    latest: list[Article]
    blocks: list[Block]

    @property
    def stories(self) -> list[Article]:
        """The lead and top stories, in slot order: a slot that found nothing is skipped
        (only when the front has fewer stories than slots)."""
        return [slot.article for slot in self.slots if slot.article is not None]

    @property
    def lead(self) -> Article | None:
        return next(iter(self.stories), None)

    @property
    def top(self) -> list[Article]:
        return self.stories[1:]

    @property
    def shown_blocks(self) -> list[Block]:
        """The blocks readers see: a block with no story is left out."""
        return [block for block in self.blocks if block.articles]


def scope(edition: Edition | None) -> sa.ColumnElement[bool]:
    """The articles a front page shows: its edition's, or on home the default language's."""
    return in_language(DEFAULT) if edition is None else Article.edition_id == edition.id


def belongs(article: Article, edition: Edition | None) -> bool:
    """Whether `article` is one the front page of `edition` (None: home) may show."""
    if edition is None:
        return article.edition.language == DEFAULT
    return article.edition_id == edition.id


def page_id(edition: Edition | None) -> sa.ScalarSelect[int]:
    """The id of the front page's curation row, as a subquery. The first, should two
    have been made at once: NULLs are never equal, so home's is not unique by itself."""
    where = (
        FrontPage.edition_id.is_(None) if edition is None else FrontPage.edition_id == edition.id
    )
    return sa.select(sa.func.min(FrontPage.id)).where(where).scalar_subquery()


def pin_problem(pin: FrontSlot, edition: Edition | None) -> PinProblem | None:
    """Why `pin` is not in force now, or None when its slot shows its article."""
    if pin.until is not None and pin.until <= models.utcnow():
        return PinProblem.EXPIRED
    if not pin.article.is_public:
        return PinProblem.NOT_PUBLIC
    if not belongs(pin.article, edition):
        return PinProblem.ELSEWHERE
    return None


def build_front(edition: Edition | None) -> Front:
    """The front page of `edition` (None: home), as readers see it now."""
    now = models.utcnow()
    # The curation, pins and blocks with what they name, in one query.
    curation = (
        db.session.scalars(
            sa.select(FrontPage)
            .where(FrontPage.id == page_id(edition))
            .options(
                joinedload(FrontPage.slots).joinedload(FrontSlot.article),
                joinedload(FrontPage.blocks).joinedload(FrontBlock.section),
            )
        )
        .unique()
        .first()
    )
    pins = [] if curation is None else [p for p in curation.slots if p.position < SLOTS]
    pinned: dict[int, Slot] = {}
    seen: set[int] = set()
    for pin in pins:
        problem = pin_problem(pin, edition)
        if problem is None and pin.article_id in seen:
            problem = PinProblem.REPEATED
        pinned[pin.position] = Slot(pin.position, pin.article, pin, problem)
        if problem is None:
            seen.add(pin.article_id)
    # The newest stories that are not pinned: the slots' fallbacks, then "Latest".
    newest = iter(
        db.session.scalars(
            Article.public(now).where(scope(edition), Article.id.not_in(seen)).limit(SLOTS + LATEST)
        ).all()
    )
    slots = []
    for position in range(SLOTS):
        slot = pinned.get(position)
        if slot is None or not slot.pinned:
            # The pin (if any) stays on the slot: the admin says why it is not in force.
            pin, problem = (slot.pin, slot.problem) if slot else (None, None)
            slot = Slot(position, next(newest, None), pin, problem)
        slots.append(slot)
    latest = list(newest)[:LATEST]
    shown = {s.article.id for s in slots if s.article is not None}
    chosen = [] if curation is None else curation.blocks
    return Front(slots, latest, _blocks(edition, now, chosen, shown))


def _blocks(
    edition: Edition | None, now: datetime, chosen: list[FrontBlock], shown: set[int]
) -> list[Block]:
    """The section blocks, in the editors' order (`chosen`), else the sections', each with
    its newest stories not in `shown` (which it extends) unless it allows repeats."""
    # Enough of each section's newest to fill a row past every story shown above.
    candidates = _newest_by_section(
        edition, now, [b.section_id for b in chosen] or None, depth=ROW + len(shown)
    )
    if chosen:
        wanted = [(b.section, b.allow_repeats, b) for b in chosen]
    else:
        sections = {a.section for stories in candidates.values() for a in stories}
        wanted = [(s, False, None) for s in sorted(sections, key=lambda s: (s.position, s.id))]
    blocks = []
    for section, allow_repeats, row in wanted:
        stories: list[Article] = []
        skipped: list[Article] = []
        for article in candidates.get(section.id, []):
            if len(stories) == ROW:
                break
            (skipped if article.id in shown and not allow_repeats else stories).append(article)
        shown.update(a.id for a in stories)
        blocks.append(Block(section, stories, skipped, allow_repeats, row))
    return blocks


def _newest_by_section(
    edition: Edition | None, now: datetime, section_ids: list[int] | None, depth: int
) -> dict[int, list[Article]]:
    """The `depth` newest stories of each section (of `section_ids`, else of all), newest
    first, in one query: each story ranked within its section by a window function."""
    public = Article.public(now).where(scope(edition)).order_by(None)
    if section_ids is not None:
        public = public.where(Article.section_id.in_(section_ids))
    ranked = public.with_only_columns(
        Article.id,
        sa.func.row_number()
        .over(
            partition_by=Article.section_id,
            order_by=(Article.published_at.desc(), Article.id.desc()),
        )
        .label("rank"),
    ).subquery()
    rows = db.session.scalars(
        sa.select(Article)
        .join(ranked, ranked.c.id == Article.id)
        .where(ranked.c.rank <= depth)
        .order_by(Article.published_at.desc(), Article.id.desc())
    )
    grouped: dict[int, list[Article]] = {}
    for article in rows:
        grouped.setdefault(article.section_id, []).append(article)
    return grouped


# --- Curation: what the admin's "Front page" screen (and the demo seed) change ---------
# Each takes a front page's curation row, made on first use. The caller checks what it
# pins (`pin_problem` says what readers would not be shown) and commits.


def curation(edition: Edition | None, create: bool = False) -> FrontPage | None:
    """The curation row of the front page of `edition` (None: home); made when `create`."""
    row = db.session.scalar(sa.select(FrontPage).where(FrontPage.id == page_id(edition)))
    if row is None and create:
        row = FrontPage(edition_id=None if edition is None else edition.id)
        db.session.add(row)
        db.session.flush()
    return row


def pin(edition: Edition | None, position: int, article: Article, until: datetime | None) -> None:
    """Pin `article` to a slot (0: the lead) until `until` (UTC; None: until unpinned)."""
    page = curation(edition, create=True)
    assert page is not None
    slot = next((s for s in page.slots if s.position == position), None)
    if slot is None:
        page.slots.append(FrontSlot(position=position, article=article, until=until))
    else:
        slot.article, slot.until = article, until


def unpin(edition: Edition | None, position: int) -> bool:
    """Unpin a slot: it shows the newest story again. False when nothing was pinned."""
    page = curation(edition)
    slot = next((s for s in page.slots if s.position == position), None) if page else None
    if page is None or slot is None:
        return False
    page.slots.remove(slot)
    return True


def add_block(edition: Edition | None, section: Section, allow_repeats: bool = False) -> None:
    """Add a section's block at the end of the front page's blocks."""
    page = curation(edition, create=True)
    assert page is not None
    last = max((b.position for b in page.blocks), default=-1)
    page.blocks.append(FrontBlock(position=last + 1, section=section, allow_repeats=allow_repeats))


def block_of(edition: Edition | None, block_id: int) -> FrontBlock | None:
    """The block with this id, if it is one of this front page's."""
    page = curation(edition)
    return next((b for b in page.blocks if b.id == block_id), None) if page else None


def move_block(block: FrontBlock, step: int) -> None:
    """Move a block `step` places down the page (up when negative), as far as it goes."""
    page = db.session.get_one(FrontPage, block.front_page_id)
    blocks = list(page.blocks)
    index = blocks.index(block)
    target = min(max(index + step, 0), len(blocks) - 1)
    blocks.insert(target, blocks.pop(index))
    # Positions are unique on a page: out of the way first, then in their new order.
    for position, row in enumerate(blocks):
        row.position = -1 - position
    db.session.flush()
    for position, row in enumerate(blocks):
        row.position = position


def remove_block(block: FrontBlock) -> None:
    """Take a block off the page; with the last one gone, every section shows again."""
    page = db.session.get_one(FrontPage, block.front_page_id)
    page.blocks.remove(block)


def start_blocks(edition: Edition | None) -> None:
    """Give a front page without blocks one for every section, in the site's order: what
    it shows by default, for editors to rearrange."""
    for section in db.session.scalars(sa.select(Section).order_by(Section.position, Section.id)):
        add_block(edition, section)
