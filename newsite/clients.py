"""Client addresses, never stored: rate limits and moderators see keyed hashes of them.

An IPv6 client is its /64 network, not its full address: one household or phone
gets a whole /64 and can take a new address in it for every request, so counting
addresses would count nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import UTC, datetime

from flask import current_app
from flask_limiter.util import get_remote_address

IPV6_PREFIX = 64


def client_address() -> str:
    """The client as rate limits and blocks see it: an IPv4 address (an IPv4-mapped
    IPv6 one included), or the /64 network of an IPv6 address."""
    raw = get_remote_address()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw  # not an address (a test client's, a Unix socket's): as it is
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False))
    return str(address)


def client_key() -> str:
    """A keyed hash of the client that rotates daily: rate limits count this."""
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), day.encode(), hashlib.sha256).digest()
    return hmac.new(key, client_address().encode(), hashlib.sha256).hexdigest()[:32]


def client_marker() -> str:
    """A stable keyed hash of the client: moderators see and block this."""
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"client-marker", hashlib.sha256)
    return hmac.new(key.digest(), client_address().encode(), hashlib.sha256).hexdigest()[:16]
