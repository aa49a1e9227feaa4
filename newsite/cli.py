"""Command-line tools: `flask --app app seed`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_command)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load the demo editions, sections, authors, photos and articles (idempotent)."""
    from newsite.demo import seed

    report = seed()
    click.echo(report)
