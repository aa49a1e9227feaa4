"""A real nginx in front of the benchmark's gunicorn, with the repository's caching rules.

`bench/pages` measures the article page behind nginx as deployed: the generated
nginx.conf INCLUDES `deploy/newsite-proxy.conf` (found relative to this file, so the
bench always uses the rules that ship), and its reference is the same nginx serving a
generated 30 KB static file in the same run. Everything nginx writes (pid, logs, temp
files, the cache) lives in the run's temporary folder, and it runs in the foreground
(`daemon off`) so that stopping the process it started stops it.

Standard library only, like `common`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import string
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import common
from common import BenchError

PROXY_RULES = common.PROJECT_ROOT / "deploy" / "newsite-proxy.conf"
# The config both the bench and the nginx test run, with one worker (both nginx rows,
# the page and its static reference, use it).
LOCAL_CONF = common.PROJECT_ROOT / "deploy" / "nginx-local.conf"
WORKER_PROCESSES = "1"
STATIC_BYTES = 30 * 1024  # the reference file's size, as the issue asks: 30 KB
STATIC_PATH = "/static-ref/ref.html"


@dataclass(frozen=True)
class Nginx:
    """A running nginx: its base URL, the static reference's URL, its folder and version."""

    base_url: str
    static_url: str
    folder: Path
    version: str
    workers: str
    pid: int  # the master's: its workers are its children

    @property
    def access_log(self) -> Path:
        return self.folder / "access.log"

    def log_size(self) -> int:
        """Where the access log ends now: `cache_statuses` reads what comes after."""
        try:
            return self.access_log.stat().st_size
        except FileNotFoundError:
            return 0

    def cache_statuses(self, since: int, path: str) -> dict[str, int]:
        """Requests for `path` logged after byte `since`, by cache status ("-": not cached).

        Statuses other than 200 are counted under "HTTP <status>" so they show.
        """
        counts: dict[str, int] = {}
        with self.access_log.open("rb") as log:
            log.seek(since)
            for raw in log:
                parts = raw.decode("utf-8", "replace").split(" ", 2)
                if len(parts) < 3 or f" {path} " not in parts[2] and f" {path}?" not in parts[2]:
                    continue
                status, cache = parts[0], parts[1]
                key = cache if status == "200" else f"HTTP {status} {cache}"
                counts[key] = counts.get(key, 0) + 1
        return counts


def find_nginx() -> str:
    """The nginx executable; missing, an error that says what to do."""
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if found is None:
        raise BenchError("nginx is missing: on Debian run 'apt-get install nginx' (or make bench).")
    return found


def nginx_version(executable: str) -> str:
    """What `nginx -v` says ("nginx/1.22.1"), for the report."""
    done = subprocess.run(
        [executable, "-v"], capture_output=True, text=True, timeout=10, check=False
    )
    return (done.stderr or done.stdout).strip().removeprefix("nginx version: ")


def write_config(folder: Path, upstream: str, port: int) -> Path:
    """nginx.conf and the static reference file in `folder`; the config's path.

    As root, nginx would run its workers as `nobody`, who cannot read the run's private
    temporary folder: `user root;` keeps them the user the bench runs as. As anyone
    else, nginx cannot switch users and the directive is left out.
    """
    if not PROXY_RULES.is_file():
        raise BenchError(f"{PROXY_RULES} is missing: the bench includes the deployed rules.")
    static = folder / "static"
    static.mkdir(parents=True, exist_ok=True)
    (static / Path(STATIC_PATH).name).write_bytes(static_page(STATIC_BYTES))
    conf = folder / "nginx.conf"
    conf.write_text(
        string.Template(LOCAL_CONF.read_text()).substitute(
            user="user root;" if os.geteuid() == 0 else "",
            folder=folder,
            upstream=upstream,
            port=port,
            rules=PROXY_RULES,
        )
    )
    return conf


def static_page(size: int) -> bytes:
    """An HTML page of exactly `size` bytes: the static file nginx serves as the reference."""
    head = b"<!doctype html>\n<html lang=en><title>Reference</title>\n<body>\n"
    tail = b"\n</body></html>\n"
    line = b"<p>A static page of the size of a rendered article, served by nginx itself.</p>\n"
    filler = (line * (size // len(line) + 1))[: size - len(head) - len(tail)]
    return head + filler + tail


@contextlib.contextmanager
def serve(upstream_url: str, tmp: Path) -> Iterator[Nginx]:
    """Start nginx in front of `upstream_url` (the site's gunicorn) on a free port of
    127.0.0.1, with its config and files in `tmp`/nginx; yield it, then stop it."""
    executable = find_nginx()
    common.check_target(upstream_url)
    folder = tmp / "nginx"
    folder.mkdir(exist_ok=True)
    port = common.free_port()
    upstream = upstream_url.removeprefix("http://").rstrip("/")
    conf = write_config(folder, upstream, port)
    command = [executable, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
    test = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30, check=False)
    if test.returncode != 0:
        raise BenchError(f"nginx refused the generated {conf}:\n{test.stderr.strip()}")
    process = common.start(command, folder / "nginx.out")
    try:
        base_url = f"http://{common.HOST}:{port}"
        common.wait_until_ready("nginx", base_url + STATIC_PATH, process, folder / "error.log")
        yield Nginx(
            base_url,
            base_url + STATIC_PATH,
            folder,
            nginx_version(executable),
            WORKER_PROCESSES,
            process.pid,
        )
    finally:
        # SIGTERM is nginx's fast shutdown, all a bench needs; then SIGKILL to its group.
        common.stop(process)
