"""Signed values without zlib's cost on small payloads.

itsdangerous' URL-safe serializers try zlib on every payload. For the few dozen
bytes of a reader id, a comment-form token or a reader's session, compressing
never shortens anything and costs more than all the rest of signing (about
35 µs, mostly zlib setting itself up): on a new reader's first article page,
three of them would cost more than the page. These serializers compress only
payloads long enough to gain. What they write, the standard ones read, and the
other way round, so cookies and tokens already out there stay valid.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeSerializer, URLSafeTimedSerializer
from itsdangerous import serializer as base
from itsdangerous.encoding import base64_encode
from itsdangerous.url_safe import URLSafeSerializerMixin

# Payloads (JSON bytes) shorter than this are not worth compressing.
COMPRESS_FROM = 512


class _SmallPayloadsPlain:
    def dump_payload(self, obj: Any) -> bytes:
        json = base.Serializer.dump_payload(self, obj)  # type: ignore[arg-type]
        if len(json) >= COMPRESS_FROM:
            return URLSafeSerializerMixin.dump_payload(self, obj)  # type: ignore[arg-type]
        return base64_encode(json)


class Serializer(_SmallPayloadsPlain, URLSafeSerializer):
    """`URLSafeSerializer` that compresses only long payloads."""


class TimedSerializer(_SmallPayloadsPlain, URLSafeTimedSerializer):
    """`URLSafeTimedSerializer` that compresses only long payloads."""


def serializer(
    salt: str, timed: bool = False, secret: str | None = None
) -> Serializer | TimedSerializer:
    """The app's serializer for `salt` (signed with SECRET_KEY unless `secret` is
    given), made once: making one runs a trial JSON dump, which costs as much as
    signing, and pages sign several values per request."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    secret = secret or app.config["SECRET_KEY"]
    made = app.extensions.setdefault("newsite.serializers", {})
    key = (salt, timed, secret)
    if key not in made:
        made[key] = (TimedSerializer if timed else Serializer)(secret, salt=salt)
    return made[key]


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, signed by `TimedSerializer` (made once per app)."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        # itsdangerous signs with the last key and accepts the others (rotation).
        keys = [*(app.config["SECRET_KEY_FALLBACKS"] or []), app.secret_key]
        made = app.extensions.setdefault("newsite.serializers", {})
        key = ("session", tuple(map(str, keys)))
        if key not in made:
            made[key] = TimedSerializer(
                keys,
                salt=self.salt,
                serializer=self.serializer,
                signer_kwargs={
                    "key_derivation": self.key_derivation,
                    "digest_method": self.digest_method,
                },
            )
        return made[key]
