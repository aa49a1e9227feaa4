"""Settings editors change in the admin, over the configured defaults.

`get(name)` answers from the `site_setting` table when an editor has set the
value there, and from the app's config otherwise; read once per request.
"""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, g

from newsite.extensions import db
from newsite.models import SiteSetting

# The settings the admin may change; everything else is deployment config.
EDITABLE = ("COMMENT_MODERATION", "COMMENT_BANNED_WORDS", "COMMENT_SUSPECT_WORDS")


def get(name: str) -> Any:
    if "site_settings" not in g:
        g.site_settings = {
            row.key: json.loads(row.value_json)
            for row in db.session.scalars(db.select(SiteSetting))
        }
    return g.site_settings.get(name, current_app.config[name])


def put(name: str, value: Any) -> None:
    """Store an editor's value (the caller commits)."""
    if name not in EDITABLE:
        raise KeyError(name)
    db.session.merge(SiteSetting(key=name, value_json=json.dumps(value, ensure_ascii=False)))
    g.pop("site_settings", None)
