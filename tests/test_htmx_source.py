"""htmx: a pinned CDN copy with SRI, or the identical local copy from npm."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from newsite.config import project_root
from newsite.templating import HTMX_CDN_URL, HTMX_SRI, HTMX_VERSION

LOCAL_COPY = project_root() / "static" / "vendor" / "htmx.min.js"


def test_local_copy_has_the_hash_the_templates_pin():
    digest = base64.b64encode(hashlib.sha384(LOCAL_COPY.read_bytes()).digest()).decode()
    assert f"sha384-{digest}" == HTMX_SRI


def test_npm_installs_the_pinned_version():
    package = json.loads((project_root() / "package.json").read_text())
    assert package["dependencies"]["htmx.org"] == HTMX_VERSION
    assert HTMX_VERSION.startswith("2.0.")


def test_cdn_mode_loads_htmx_with_integrity_and_crossorigin(app, client):
    app.config["HTMX_SOURCE"] = "cdn"
    html = client.get("/").text
    tag = re.search(r"<script[^>]*htmx[^>]*>", html).group(0)
    assert f'src="{HTMX_CDN_URL}"' in tag
    assert f'integrity="{HTMX_SRI}"' in tag and 'crossorigin="anonymous"' in tag


def test_local_mode_serves_the_copy_from_this_site(client):
    html = client.get("/").text
    tag = re.search(r"<script[^>]*htmx[^>]*>", html).group(0)
    assert 'src="/static/vendor/htmx.min.js?v=' in tag
    with client.get("/static/vendor/htmx.min.js") as response:
        assert response.status_code == 200
