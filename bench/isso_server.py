"""Isso, the self-hosted comment server, as the reference for posting comments.

Issue 12 asks our comment POSTs to be at least twice Isso's on the same machine in the
same run. `bench/comments` installs Isso in a throwaway virtualenv (`bench/.isso-venv`,
git-ignored, reused when it already holds the right version), writes its config into the
run's temporary folder (its SQLite database there too, moderation and the guard, Isso's
rate limit, off) and serves it with gunicorn with as many sync workers as the site, as
Isso's documentation does (`--preload isso.run`, so the workers share Isso's lock).

Isso's `POST /new?uri=...` takes JSON (a form's Content-Type is refused as CSRF) and
creates the thread on its first comment, fetching the page for its title unless the
JSON has one: every post here carries a title, so Isso never fetches anything.

The module is not named `isso`: bench/ is on the bench scripts' path, and the package
must stay the one Isso's gunicorn imports. Standard library only, like `common`.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import common
from common import BenchError

# The issue names Isso 0.14, which is on PyPI as 0.14.0 (the newest when this was written).
ISSO_VERSION = "0.14.0"
VENV = common.BENCH_DIR / ".isso-venv"
INSTALL_TIMEOUT = 600.0  # seconds for creating the virtualenv and pip install
THREAD_URI = "/bench/isso-thread"

CONFIG_TEMPLATE = """\
# Written by bench/isso_server.py for one benchmark run; deleted with its folder.
[general]
dbpath = {dbpath}
host = {host}
notify = stdout
gravatar = false

[admin]
enabled = false

[moderation]
enabled = false

[server]
listen = http://{listen}/

[guard]
# The guard is Isso's rate limit (2 comments a minute per address by default).
enabled = false
"""


@dataclass(frozen=True)
class Isso:
    """A running Isso: where to post, its database and its version."""

    base_url: str
    database: Path
    version: str

    @property
    def new_url(self) -> str:
        """`POST /new?uri=...`: a new comment on the bench's thread."""
        return f"{self.base_url}/new?{urllib.parse.urlencode({'uri': THREAD_URI})}"

    def stored(self) -> int:
        """Comments in Isso's database (every mode: moderation is off, all are public)."""
        if not self.database.exists():
            return 0
        uri = f"file:{self.database}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=30)) as connection:
            return int(connection.execute("SELECT count(*) FROM comments").fetchone()[0])

    def settled_stored(self) -> int:
        """`stored()` once it stops moving: posts in flight when wrk stopped finish first."""
        return common.settled(self.stored)


def installed_version() -> str | None:
    """The Isso version in bench/.isso-venv if it also has gunicorn, else None."""
    python = VENV / "bin" / "python"
    if not python.exists() or not (VENV / "bin" / "gunicorn").exists():
        return None
    probe = "import importlib.metadata as m; print(m.version('isso'))"
    done = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else None


def ensure_installed() -> str:
    """Isso ISSO_VERSION and gunicorn in bench/.isso-venv, installed once from PyPI;
    its version. Kept apart from the project's virtualenv: Isso pins its own Werkzeug."""
    version = installed_version()
    if version == ISSO_VERSION:
        return version
    common.progress(f"installing Isso {ISSO_VERSION} and gunicorn into {VENV} (once)")
    if not (VENV / "bin" / "python").exists():
        # The project's virtualenv's base interpreter: `-m venv` from a venv uses it.
        common.run_step(
            [sys.executable, "-m", "venv", str(VENV)], None, "creating bench/.isso-venv"
        )
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    install = [*pip, f"isso=={ISSO_VERSION}", "gunicorn"]
    common.run_step(install, None, f"pip install isso=={ISSO_VERSION}", timeout=INSTALL_TIMEOUT)
    version = installed_version()
    if version != ISSO_VERSION:
        raise BenchError(f"bench/.isso-venv has Isso {version}, not {ISSO_VERSION}.")
    return version


@contextlib.contextmanager
def serve(site_url: str, workers: int, tmp: Path) -> Iterator[Isso]:
    """Serve Isso with gunicorn (`workers` sync workers) on a free port of 127.0.0.1,
    its config and database in `tmp`/isso; yield it, then stop it.

    `site_url` is the site Isso accepts comments for (`[general] host`): Isso sends it
    one HEAD at start, so it must be the bench's own site on 127.0.0.1.
    """
    common.check_target(site_url)
    version = ensure_installed()
    folder = tmp / "isso"
    folder.mkdir(exist_ok=True)
    port = common.free_port()
    database = folder / "comments.db"
    config = folder / "isso.cfg"
    config.write_text(
        CONFIG_TEMPLATE.format(dbpath=database, host=site_url, listen=f"{common.HOST}:{port}")
    )
    env = {"PATH": f"{VENV / 'bin'}:/usr/bin:/bin", "ISSO_SETTINGS": str(config)}
    command = [
        str(VENV / "bin" / "gunicorn"),
        "--chdir",
        str(folder),  # not bench/, where a module could shadow the isso package
        "--bind",
        f"{common.HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--preload",
        "--log-level",
        "warning",
        "isso.run:application",
    ]
    log_path = folder / "isso.log"
    process = common.start(command, log_path, env=env, cwd=folder)
    try:
        base_url = f"http://{common.HOST}:{port}"
        common.wait_until_ready("Isso", base_url + "/info", process, log_path)
        yield Isso(base_url, database, version)
    finally:
        common.stop(process)


def comment_json(text: str, author: str) -> str:
    """A new comment as Isso's client sends it, with the thread's title (see the module)."""
    return json.dumps({"text": text, "author": author, "title": "Bench thread"})


def post_once(isso: Isso, text: str, author: str) -> tuple[int, str]:
    """POST one comment by hand; the status and the answer's text."""
    request = urllib.request.Request(
        isso.new_url,
        data=comment_json(text, author).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=common.HTTP_TIMEOUT) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode("utf-8", "replace")
