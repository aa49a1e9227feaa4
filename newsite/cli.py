"""Command-line tools: `flask --app app seed`, `editors ...`, `render-bodies` and
`photos rerender`."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from newsite import versions
from newsite.admin.auth import PASSWORD_MAX, end_sessions, hash_password, normalise_email
from newsite.crops import crops_command
from newsite.embeds import render_body
from newsite.extensions import db
from newsite.models import Article, Editor, Photo, Role
from newsite.photos import PhotoError, each_photo, rerender

editors = AppGroup("editors", help="Create, list and disable admin accounts.")
photos = AppGroup("photos", help="Maintain the photo library's files.")
photos.add_command(crops_command)  # `photos crops`: newsite/crops.py


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(editors)
    app.cli.add_command(render_bodies_command)
    app.cli.add_command(photos)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load the demo editions, sections, authors, photos and articles (idempotent)."""
    from newsite.demo import seed

    report = seed()
    click.echo(report)


@editors.command("create")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.EDITOR.value,
    show_default=True,
)
@click.option("--name", default="", help="Shown in the admin.")
@click.password_option(help="Asked twice; read from standard input when piped.")
def create_editor(email: str, role: str, name: str, password: str) -> None:
    """Create an account (asks for its password)."""
    email = normalise_email(email)
    if "@" not in email:
        raise click.BadParameter("That does not look like an email address.", param_hint="EMAIL")
    if not 8 <= len(password) <= PASSWORD_MAX:
        raise click.BadParameter(f"Use 8 to {PASSWORD_MAX} characters.", param_hint="password")
    if db.session.scalar(db.select(Editor).filter_by(email=email)):
        raise click.ClickException(f"{email} already has an account.")
    db.session.add(
        Editor(email=email, name=name, role=Role(role), password_hash=hash_password(password))
    )
    db.session.commit()
    click.echo(f"Created {role} {email}.")


@editors.command("list")
def list_editors() -> None:
    """List accounts with their role and state."""
    for editor in db.session.scalars(db.select(Editor).order_by(Editor.email)):
        state = "active" if editor.active else "disabled"
        click.echo(f"{editor.email}\t{editor.role.value}\t{state}")


@editors.command("disable")
@click.argument("email")
def disable_editor(email: str) -> None:
    """Disable an account and end its sessions at once."""
    editor = db.session.scalar(db.select(Editor).filter_by(email=normalise_email(email)))
    if editor is None:
        raise click.ClickException(f"No account for {email}.")
    editor.active = False
    end_sessions(editor)
    db.session.commit()
    click.echo(f"Disabled {editor.email}; their sessions have ended.")


@click.command("render-bodies")
@with_appcontext
def render_bodies_command() -> None:
    """Render every article's stored HTML again from its Markdown (after the rendering
    rules change, e.g. curly quotes). Only changed articles are written."""
    changed = 0
    for article_id, body, html in db.session.execute(
        sa.select(Article.id, Article.body, Article.body_html).order_by(Article.id)
    ).all():
        fresh = render_body(body)
        if fresh == html:
            continue
        # A core UPDATE: the article's modified time (feeds, sitemaps) stays, as it is
        # no editor's change; `activity` moves, so its cached page is made again.
        db.session.execute(
            sa.update(Article)
            .where(Article.id == article_id)
            .values(body_html=fresh, activity=Article.activity + 1, updated_at=Article.updated_at)
            .execution_options(synchronize_session=False)
        )
        changed += 1
    db.session.commit()
    click.echo(f"{changed} article(s) rendered again.")


@photos.command("rerender")
def rerender_photos() -> None:
    """Write the widths and formats photos lack (after PHOTO_WIDTHS or formats change).

    Safe to run on a live site and to run again: files are only added, never
    rewritten, and each photo is committed as it is done.
    """
    ids = db.session.scalars(db.select(Photo.id).order_by(Photo.id)).all()
    files = updated = 0
    failed: list[str] = []
    for photo in each_photo(ids):
        try:
            written = rerender(photo)
        except PhotoError as error:
            failed.append(str(error))
            continue
        if written:
            files += written
            updated += 1
            # New formats change no column: pages that show the photo must still be
            # rendered again to offer them.
            versions.bump(db.session.connection(), versions.TAXONOMY)
        db.session.commit()
    click.echo(f"Wrote {files} files for {updated} of {len(ids)} photos.")
    if failed:
        raise click.ClickException("\n".join(["Some photos could not be rendered:", *failed]))
