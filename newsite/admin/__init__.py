"""The editors' admin area: sign-in, articles, photos, sections, moderation."""

from flask import Blueprint, request
from flask_login import current_user
from werkzeug.wrappers import Response

from newsite.extensions import login_manager

bp = Blueprint("admin", __name__, url_prefix="/admin")

# Open to everyone: the rest of the admin needs a signed-in editor.
PUBLIC_ENDPOINTS = frozenset({"admin.sign_in"})


@bp.context_processor
def _signed_in_editor() -> dict[str, object]:
    # Only the admin's templates get `current_user`: looking the editor up reads the
    # session, which would make every public page say `Vary: Cookie`.
    return {"current_user": current_user}


@bp.before_request
def _require_editor() -> Response | None:
    if request.endpoint not in PUBLIC_ENDPOINTS and not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


@bp.after_request
def _private(response: Response) -> Response:
    # Admin pages are never stored by caches nor indexed by search engines.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


from newsite.admin import (  # noqa: E402,F401  (registers the routes)
    articles,
    autosaves,
    banners,
    corrections,
    editors,
    focal,
    front,
    locks,
    moderation,
    notes,
    pages,
    photos,
    previews,
    taxonomy,
    views,
    workflow,
)
