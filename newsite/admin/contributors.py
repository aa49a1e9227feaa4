"""The article form's contributors: rows of (author, role) in byline order, edited
without JavaScript.

"Add a contributor", "Remove", "Move up" and "Move down" are submit buttons named
`contributors_action`: the server rebuilds the form with the change and shows it
again, keeping everything typed, saving nothing. "Save" (a button without that
name) saves. The rules are `newsite.bylines.credit_problems`.
"""

from __future__ import annotations

from typing import Any

from flask import request
from wtforms import Form, SelectChoice, SelectField

from newsite.bylines import ROLE_NAMES, Credit, CreditProblem, credit_problems
from newsite.models import Author, ContributorRole
from newsite.routing import id_from

ACTION = "contributors_action"
NO_AUTHOR = 0  # the empty choice: a row added and not filled in, skipped
NOT_AN_ID = -1  # anything else that cannot be an author's id: refused by its row


def _author_id(value: Any) -> int:
    """A posted author id; NO_AUTHOR for the empty choice, NOT_AN_ID for what cannot be
    an id (no query ever gets an impossible number)."""
    if isinstance(value, int):
        return value
    if value in (None, "", str(NO_AUTHOR)):
        return NO_AUTHOR
    return id_from(str(value)) or NOT_AN_ID


class ContributorRow(Form):
    """One line of the contributors list (a plain Form: the article form has the token)."""

    # Any id is taken here: `credit_problems` names an unknown one by its row.
    author_id = SelectField("Author", coerce=_author_id, validate_choice=False)
    role = SelectField(
        "Role",
        default=ContributorRole.WRITER.value,
        choices=[SelectChoice(role.value, name) for role, name in ROLE_NAMES.items()],
    )


def fill_choices(form: Any, authors: list[Author]) -> None:
    """Every row's author list: an empty choice first (a row just added), then the
    authors, guests marked."""
    choices = [SelectChoice(NO_AUTHOR, "Choose an author…")] + [
        SelectChoice(a.id, f"{a.name} (guest)" if a.is_guest else a.name) for a in authors
    ]
    form.author_choices = choices
    for entry in form.contributors:
        entry.form.author_id.choices = choices


def rows_of(form: Any) -> list[dict[str, Any]]:
    return [
        {"author_id": entry.form.author_id.data or NO_AUTHOR, "role": entry.form.role.data}
        for entry in form.contributors
    ]


def set_rows(form: Any, rows: list[dict[str, Any]]) -> None:
    """Rebuild the list with these rows (their names renumbered from 0)."""
    field = form.contributors
    field.entries = []
    field.last_index = -1
    for row in rows:
        field.append_entry(row).form.author_id.choices = form.author_choices


def apply_action(form: Any, action: str) -> int | None:
    """Add, remove or move a row as the button pressed says; the row to focus next
    (None: the list's own "Add" button)."""
    rows = rows_of(form)
    verb, _, number = action.partition("-")
    index = int(number) if number.isdigit() else -1
    if verb == "add":
        rows.append({"author_id": NO_AUTHOR, "role": ContributorRole.WRITER.value})
        index = len(rows) - 1
    elif not 0 <= index < len(rows):
        return None
    elif verb == "remove":
        del rows[index]
        index = None if not rows else min(index, len(rows) - 1)
    elif verb in ("up", "down"):
        other = index - 1 if verb == "up" else index + 1
        if 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
            index = other
    set_rows(form, rows)
    return index


def pressed_action() -> str | None:
    """The contributors button pressed, if the form was posted by one."""
    return request.form.get(ACTION) if request.method == "POST" else None


def chosen(form: Any) -> list[Credit]:
    """The rows an editor filled in, as credits (rows left without an author are
    skipped: an "Add" pressed once too often is not an error)."""
    return [
        Credit(row["author_id"], ContributorRole(row["role"]))
        for row in rows_of(form)
        if row["author_id"] != NO_AUTHOR
    ]


def check(form: Any) -> bool:
    """The rules of `newsite.bylines` on the rows, each message by its row; True if none."""
    if not form.contributors.entries:
        return True  # a post naming only the "Author" (see ArticleForm.author_id)
    if any(entry.errors for entry in form.contributors):
        return False  # a role that is none: said by its field already
    known = {c.value for c in form.author_choices if c.value != NO_AUTHOR}
    problems = credit_problems(chosen(form), known)
    show_problems(form, problems)
    return not problems


def show_problems(form: Any, problems: list[CreditProblem]) -> None:
    """Each problem by its row's author field (rows as `chosen` counts them), or on
    the list as a whole."""
    rows = [e for e in form.contributors if e.form.author_id.data != NO_AUTHOR]
    for problem in problems:
        if problem.row is None or problem.row >= len(rows):
            form.contributors_errors.append(problem.message)
        else:
            field = rows[problem.row].form.author_id
            field.errors = [*field.errors, problem.message]
