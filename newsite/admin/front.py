"""The "Front page" screen: pin stories to the lead and top-story slots, choose the
section blocks and their order, for home and for each edition's front page.

Plain forms, one per action, each posting and redirecting (POST/redirect/GET): it all
works without JavaScript. A refused form comes back in the screen with a message by the
field (422), nothing saved. The rules of what readers see are `newsite.public.front`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import BooleanField, DateTimeLocalField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from newsite import models
from newsite.admin import bp
from newsite.admin.auth import roles_required
from newsite.admin.forms import ButtonForm
from newsite.database import begin_write
from newsite.extensions import db
from newsite.languages import DEFAULT, LANGUAGES
from newsite.models import Article, Edition, Role, Section
from newsite.public import front
from newsite.templating import zone_label

# How many of a front page's newest stories the slots' menus offer.
RECENT = 50
SLOT_NAMES = ["Lead story", *(f"Top story {n}" for n in range(1, front.SLOTS))]


def front_route(rule: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a view for home's front page (`/front-page…`) and each edition's
    (`/front-page/editions/<slug>…`), editors and admins only."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        guarded = roles_required(Role.EDITOR)(view)
        bp.add_url_rule(
            f"/front-page{rule}", view_func=guarded, defaults={"edition": None}, **options
        )
        bp.add_url_rule(f"/front-page/editions/<slug:edition>{rule}", view_func=guarded, **options)
        return guarded

    return decorate


def _edition(slug: str | None) -> Edition | None:
    """The edition a front page's URL names (None: home); unknown, a 404."""
    return None if slug is None else db.first_or_404(sa.select(Edition).filter_by(slug=slug))


def _zone_edition(edition: Edition | None) -> Edition | None:
    """Whose time zone a front page's times are typed in: its edition's; for home, the
    first edition in the default language (home shows its stories), else UTC."""
    if edition is not None:
        return edition
    return db.session.scalar(
        sa.select(Edition).where(Edition.language == DEFAULT).order_by(Edition.position, Edition.id)
    )


def _screen_url(edition: Edition | None) -> str:
    return url_for("admin.front_page", edition=edition.slug if edition else None)


class PinForm(FlaskForm):
    """Pin a story to one slot: chosen from the recent ones, or named by address or slug."""

    article_id = SelectField("Story", coerce=int, validate_choice=False)
    address = StringField(
        "…or its address or slug",
        validators=[Length(max=300)],
    )
    until = DateTimeLocalField("Until", format="%Y-%m-%dT%H:%M", validators=[Optional()])

    def __init__(
        self, edition: Edition | None, zone: Edition | None, position: int, **kwargs: Any
    ) -> None:
        super().__init__(prefix=f"slot{position}", **kwargs)
        self.edition, self.zone, self.position = edition, zone, position
        self.article: Article | None = None
        self.until_utc: datetime | None = None
        self.until.label.text = f"Until ({zone_label(zone or 'UTC')}; empty: until unpinned)"

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        self.article = self._chosen()
        if self.article is not None and not self._pinnable(self.article):
            self.article = None
        if self.until.data is not None:
            typed = self.until.data
            self.until_utc = self.zone.from_local(typed) if self.zone else typed
            if self.until_utc <= models.utcnow():
                self.until.errors = ["That time has passed: choose a later one, or leave it empty."]
        return self.article is not None and not self.until.errors

    def _chosen(self) -> Article | None:
        """The story the address names, else the one chosen in the menu."""
        typed = (self.address.data or "").strip()
        if typed:
            slug = typed.split("#")[0].split("?")[0].rstrip("/").rsplit("/", 1)[-1]
            found = db.session.scalar(sa.select(Article).filter_by(slug=slug))
            if found is None:
                self.address.errors = [f"No article has the address “{slug}”."]
            return found
        if not self.article_id.data:
            self.article_id.errors = ["Choose a story, or type its address or slug below."]
            return None
        found = db.session.get(Article, self.article_id.data)
        if found is None:
            self.article_id.errors = ["That story no longer exists."]
        return found

    def _pinnable(self, article: Article) -> bool:
        """Whether readers would see `article` in the slot; if not, say why by its field."""
        field = self.address if (self.address.data or "").strip() else self.article_id
        other = front.curation(self.edition)
        taken = next(
            (
                s.position
                for s in (other.slots if other else [])
                if s.article_id == article.id and s.position != self.position
            ),
            None,
        )
        if not article.is_public:
            field.errors = [f"“{article.headline}” is not public: pin a published story."]
        elif not front.belongs(article, self.edition):
            where = (
                f"the {LANGUAGES[DEFAULT].name} editions"
                if self.edition is None
                else self.edition.name
            )
            field.errors = [
                f"“{article.headline}” is in {article.edition.name}: this front page shows "
                f"stories of {where}."
            ]
        elif taken is not None:
            field.errors = [f"“{article.headline}” is already pinned as {SLOT_NAMES[taken]}."]
        return not field.errors


class BlockForm(FlaskForm):
    """Add a section's block at the end of the page."""

    section_id = SelectField("Section", coerce=int)
    allow_repeats = BooleanField("Allow repeats (show its newest even if shown higher up)")

    def __init__(self, edition: Edition | None, **kwargs: Any) -> None:
        super().__init__(prefix="block", **kwargs)
        self.edition = edition
        self.section_id.choices = [
            SelectChoice(s.id, s.name)
            for s in db.session.scalars(sa.select(Section).order_by(Section.position, Section.id))
        ]

    def validate_section_id(self, field: Any) -> None:
        page = front.curation(self.edition)
        if page is not None and any(b.section_id == field.data for b in page.blocks):
            name = db.session.get_one(Section, field.data).name
            field.errors.append(f"{name} already has a block on this front page.")


@front_route("")
def front_page(edition: str | None) -> str:
    """A front page's slots and blocks, with what each shows readers now."""
    return _screen(_edition(edition))


def _screen(
    edition: Edition | None, pin_form: PinForm | None = None, block_form: BlockForm | None = None
) -> str:
    """The screen, with a refused form (and what was typed in it) where it was sent."""
    shown = front.build_front(edition)
    recent = list(db.session.scalars(Article.public().where(front.scope(edition)).limit(RECENT)))
    zone = _zone_edition(edition)
    forms = []
    for slot in shown.slots:
        form = pin_form if pin_form and pin_form.position == slot.position else None
        if form is None:
            form = PinForm(edition, zone, slot.position, formdata=None)
            if slot.pin is not None:  # the pin as it stands, to change its time say
                form.article_id.data = slot.pin.article_id
                until = slot.pin.until
                form.until.data = zone.local(until) if zone and until else until
        pinned = [slot.pin.article] if slot.pin and slot.pin.article not in recent else []
        form.article_id.choices = [SelectChoice(0, "— Choose a recent story —")] + [
            SelectChoice(a.id, a.headline) for a in pinned + recent
        ]
        forms.append(form)
    editions = list(db.session.scalars(sa.select(Edition).order_by(Edition.position, Edition.id)))
    return render_template(
        "admin/front_page.html",
        edition=edition,
        editions=editions,
        front=shown,
        pin_forms=forms,
        block_form=block_form or BlockForm(edition, formdata=None),
        slot_names=SLOT_NAMES,
        zone=zone,
        zone_text=zone_label(zone or "UTC"),
    )


@front_route("/slots/<int(max=4):position>", methods=["POST"])
def front_pin(edition: str | None, position: int) -> str | Response | tuple[str, int]:
    """Pin a story to a slot, until a time or until unpinned."""
    begin_write()
    found = _edition(edition)
    form = PinForm(found, _zone_edition(found), position)
    if not form.validate_on_submit() or form.article is None:
        return _screen(found, pin_form=form), 422
    front.pin(found, position, form.article, form.until_utc)
    db.session.commit()
    flash(f"Pinned “{form.article.headline}” as {SLOT_NAMES[position]}.")
    return redirect(_screen_url(found), 303)


@front_route("/slots/<int(max=4):position>/unpin", methods=["POST"])
def front_unpin(edition: str | None, position: int) -> Response:
    """Unpin a slot: it shows the newest story not shown above it."""
    begin_write()
    found = _edition(edition)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if front.unpin(found, position):
        db.session.commit()
        flash(f"Unpinned {SLOT_NAMES[position]}: it shows the newest story.")
    return redirect(_screen_url(found), 303)


@front_route("/blocks", methods=["POST"])
def front_add_block(edition: str | None) -> str | Response | tuple[str, int]:
    """Add a section's block at the end of the page."""
    begin_write()
    found = _edition(edition)
    form = BlockForm(found)
    if not form.validate_on_submit():
        return _screen(found, block_form=form), 422
    section = db.session.get_one(Section, form.section_id.data)
    front.add_block(found, section, form.allow_repeats.data)
    db.session.commit()
    flash(f"Added the {section.name} block.")
    return redirect(_screen_url(found), 303)


@front_route("/blocks/every-section", methods=["POST"])
def front_start_blocks(edition: str | None) -> Response:
    """Give a front page without blocks one for each section, in the site's order."""
    begin_write()
    found = _edition(edition)
    if not ButtonForm().validate_on_submit():
        abort(400)
    page = front.curation(found)
    if page is None or not page.blocks:
        front.start_blocks(found)
        db.session.commit()
        flash("Every section has its block: reorder them, or remove those you do not want.")
    return redirect(_screen_url(found), 303)


@front_route("/blocks/<id:block_id>", methods=["POST"])
def front_block(edition: str | None, block_id: int) -> Response:
    """Change a block: move it up or down, remove it, or allow it repeats or not."""
    begin_write()
    found = _edition(edition)
    block = front.block_of(found, block_id)
    if block is None:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    action = request.form.get("action")
    if action in ("up", "down"):
        front.move_block(block, -1 if action == "up" else 1)
    elif action == "remove":
        front.remove_block(block)
        flash(f"Removed the {block.section.name} block.")
    elif action == "repeats":
        block.allow_repeats = "allow_repeats" in request.form
    else:
        abort(400)
    db.session.commit()
    return redirect(_screen_url(found), 303)
