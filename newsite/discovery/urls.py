"""Absolute URLs: from SITE_URL when it is set, from the request's scheme and host otherwise."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for


def site_url() -> str:
    """The site's origin without a trailing slash, e.g. https://news.example.org."""
    configured = current_app.config["SITE_URL"]
    if configured:
        return configured.rstrip("/")
    return request.host_url.rstrip("/")


def absolute(path: str) -> str:
    """`path` (from `url_for` or `Photo.url()`) as an absolute URL."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + path


def external_url_for(endpoint: str, **values: Any) -> str:
    """`url_for` as an absolute URL on the site's origin."""
    return absolute(url_for(endpoint, **values))
