"""Command-line tools: `flask --app app seed`, `editors ...` and `render-bodies`."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from newsite.admin.auth import PASSWORD_MAX, end_sessions, hash_password, normalise_email
from newsite.extensions import db
from newsite.models import Article, Editor, Role
from newsite.text import render_markdown

editors = AppGroup("editors", help="Create, list and disable admin accounts.")


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(editors)
    app.cli.add_command(render_bodies_command)


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
        fresh = render_markdown(body)
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
