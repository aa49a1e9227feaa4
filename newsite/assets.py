"""Static files under content-hashed URLs, cached by browsers and CDNs for a year.

`url_for("static", filename=...)` gains `?v=<hash of the file>`; a request that
carries the file's current hash is answered as immutable. A changed file gets
a new hash, so readers never keep a stale stylesheet.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask, current_app, request
from werkzeug.wrappers import Response

YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    """Register after Flask-Compress: after-request hooks run last-registered first."""
    app.url_defaults(_add_version)
    app.after_request(_static_response)


def _add_version(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint != "static" or "v" in values or "filename" not in values:
        return
    if digest := file_hash(current_app.static_folder or "", values["filename"]):
        values["v"] = digest


@lru_cache(maxsize=256)
def _hash_at(path: str, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def file_hash(folder: str, filename: str) -> str | None:
    path = Path(folder) / filename
    try:
        return _hash_at(str(path), path.stat().st_mtime_ns)
    except OSError:
        return None


def _static_response(response: Response) -> Response:
    """Cache hashed static files for a year; hand small text files over as bytes.

    Flask streams static files from disk. Reading the small CSS and JS into
    memory (closing the file) lets Flask-Compress gzip or brotli them whole.
    """
    if request.endpoint != "static" or response.status_code != 200:
        return response
    if response.is_streamed and response.mimetype in {
        "text/css",
        "text/javascript",
        "application/javascript",
    }:
        body = b"".join(response.response)
        response.close()
        response.direct_passthrough = False
        response.set_data(body)
    filename = (request.view_args or {}).get("filename", "")
    version = request.args.get("v")
    if version and version == file_hash(current_app.static_folder or "", filename):
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response
