"""Photo uploads of shapes no news photo has, and a full media disk, get a clear
message with nothing stored (issue 13, item 6)."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from PIL import Image
from test_admin_photos import image_bytes, library, stored, upload  # noqa: F401


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels: what an attacker sends."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (610, 65_536, "each side must be between"),
        (39_999_999, 1, "each side must be between"),
        (9_000, 1_000, "more than 8 times the other"),
        (20_000, 20_000, "too many pixels"),
    ],
)
def test_extreme_shapes_are_refused_before_decoding(app, library, width, height, message):  # noqa: F811
    response = upload(library, png_claiming(width, height), "strip.png")
    assert response.status_code == 422
    assert message in response.text
    assert stored(app) == (0, 0)


def test_a_full_media_disk_gives_a_clear_message_and_leaves_nothing(app, library, tmp_path):  # noqa: F811
    media = tmp_path / "media-small"
    media.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(media)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip()}")
    try:
        app.config["MEDIA_ROOT"] = str(media)
        # Noise cannot compress into 64 KB (and stays small enough to upload in memory).
        noise = Image.frombytes("RGB", (420, 300), os.urandom(420 * 300 * 3))
        buffer = io.BytesIO()
        noise.save(buffer, "JPEG")
        response = upload(library, buffer.getvalue(), "big.jpg")
        assert response.status_code == 422
        assert "media disk is full" in response.text
        assert [p for p in Path(media).rglob("*") if p.is_file()] == []
        assert stored(app)[0] == 0
    finally:
        subprocess.run(["umount", "-l", str(media)], check=False)
