"""The corrections page: every correction and clarification of one language's
articles, newest first, with its Atom feed (`newsite.discovery.views`)."""

from __future__ import annotations

from flask import render_template

from newsite.corrections import KIND_LABELS, public_corrections
from newsite.languages import DEFAULT, LANGUAGES, use_language
from newsite.models import CorrectionKind
from newsite.public import bp
from newsite.public.caching import public_page
from newsite.public.queries import paginate

# The languages with a path of their own (`/corrections/ar`); the default's is `/corrections`.
OTHER_LANGUAGES = ", ".join(code for code in LANGUAGES if code != DEFAULT)


@bp.app_template_global()
def correction_label(kind: CorrectionKind) -> str:
    """ "Correction" or "Clarification", in the page's language."""
    return str(KIND_LABELS[kind])


@bp.get("/corrections", defaults={"language": DEFAULT})
@bp.get(f"/corrections/<any({OTHER_LANGUAGES}):language>")
@public_page
def corrections(language: str) -> str:
    """Corrections and clarifications of the articles in one language, newest first."""
    use_language(language)
    page = paginate(public_corrections(language))
    return render_template("public/corrections.html", page=page, language=language)
