"""Names commenters may not take: the staff's (editors' names and authors' bylines)
and the newsroom's roles, email addresses, and lookalikes of either.

Names are compared as their skeletons: Unicode NFKC (fullwidth and mathematical
letters become plain ones), case folded, and each letter that Unicode's confusables
data (TR39, through confusable-homoglyphs) says looks like a Latin one replaced by
it, so "Νadia Κarim" in Greek capitals or "Nаdia" with a Cyrillic "а" meets the
byline "Nadia Karim".
"""

from __future__ import annotations

import functools
import re
import unicodedata

import sqlalchemy as sa
from confusable_homoglyphs import categories, confusables

from newsite.extensions import db
from newsite.models import Author, Editor

# Words that would pass a comment off as the newsroom's (whole words, any case).
ROLE_WORDS = frozenset(
    (
        "admin",
        "administrator",
        "editor",
        "moderator",
        "newsroom",
        "staff",
        "newsite",
        "محرر",
        "المحرر",
        "مشرف",
        "المشرف",
        "الإدارة",
        "إدارة",
        "التحرير",
    )
)
_EMAIL_LIKE = re.compile(r"\S+@\S+\.\S+")


@functools.lru_cache(maxsize=4096)
def _latin_lookalike(character: str) -> str:
    """The Latin letter `character` looks like, if it is a letter of another script
    that does; otherwise itself."""
    if categories.alias(character) in ("LATIN", "COMMON"):
        return character
    found = confusables.is_confusable(character, preferred_aliases=["latin"])
    for glyph in found[0]["homoglyphs"] if found else []:
        if categories.alias(glyph["c"][:1]) == "LATIN":
            return glyph["c"]
    return character


def skeleton(name: str) -> str:
    """`name` as names are compared: NFKC, lookalikes made Latin (before case folding:
    a Greek capital Nu looks like N, its small form like v), case folded, spaces one."""
    latin = "".join(_latin_lookalike(c) for c in unicodedata.normalize("NFKC", name))
    return " ".join(latin.casefold().split())


def is_email_like(name: str) -> bool:
    return bool(_EMAIL_LIKE.search(unicodedata.normalize("NFKC", name)))


def takes_a_role(name: str) -> bool:
    """Whether a word of the name is one of the newsroom's roles (or looks like one)."""
    return any(word in _ROLE_SKELETONS for word in re.findall(r"\w+", skeleton(name)))


def imitates_staff(name: str) -> bool:
    """Whether the name is, or looks like, a staff member's: an author's byline or the
    name an editor comments under (newsite.comments.services.staff_identity), in one
    query."""
    theirs = skeleton(name)
    staff = sa.union(sa.select(Author.name), sa.select(Editor.name).where(Editor.name != ""))
    return any(skeleton(known) == theirs for known in db.session.scalars(staff))


# The role words as names are compared (an Arabic letter may have a Latin lookalike).
_ROLE_SKELETONS = frozenset(skeleton(word) for word in ROLE_WORDS)
