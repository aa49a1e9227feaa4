"""Client addresses, never stored: rate limits and moderators see keyed hashes of them."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

from flask import current_app
from flask_limiter.util import get_remote_address


def client_key() -> str:
    """A keyed hash of the client address that rotates daily: rate limits count this."""
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), day.encode(), hashlib.sha256).digest()
    return hmac.new(key, get_remote_address().encode(), hashlib.sha256).hexdigest()[:32]


def client_marker() -> str:
    """A stable keyed hash of the client address: moderators see and block this."""
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"client-marker", hashlib.sha256)
    return hmac.new(key.digest(), get_remote_address().encode(), hashlib.sha256).hexdigest()[:16]
