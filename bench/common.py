"""What the scripts in bench/ share: set-up, servers, wrk, posting and the report's frame.

`bench/pages`, `bench/comments` and `bench/votes` put this folder on `sys.path` and
import it as `common`. It uses the standard library only: the scripts run it with the
project's virtualenv, whose flask and gunicorn serve the apps, but nothing here imports
them.

A run goes: `site()` makes a throwaway database, seeds it and serves `bench/hello.py` and
the site with gunicorn on free ports of 127.0.0.1; `measure()` loads a URL with wrk and
reads what it printed, and `run_post_script()` sends prepared POSTs with wrk and a Lua
script that counts the answers; `main()` prints the report and stops everything,
whatever happens.
"""

from __future__ import annotations

import argparse
import contextlib
import html.parser
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from email.message import Message
from pathlib import Path
from types import FrameType
from typing import Any, Protocol, TypeVar

HOST = "127.0.0.1"
BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
# The virtualenv is the one running the script: its flask and gunicorn are used.
VENV_BIN = Path(sys.executable).parent
# "bench/pages", "bench/comments", ...: how progress lines and errors are signed.
PROG = f"bench/{Path(sys.argv[0]).name}" if sys.argv and sys.argv[0] else "bench"

SETUP_TIMEOUT = 300.0  # seconds for `flask db upgrade` and `flask seed`, each
STARTUP_TIMEOUT = 30.0  # seconds for a server to answer its first 200
STOP_TIMEOUT = 10.0  # seconds a server gets to exit after SIGTERM
HTTP_TIMEOUT = 10.0  # seconds for one request made by the script itself
WRK_GRACE = 30.0  # seconds a wrk run may take beyond its duration

# A URL path segment the site's slug converter accepts (newsite.text.SLUG_PATTERN).
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# First segments that are not editions: their links are not articles or edition sections.
NOT_EDITIONS = frozenset({"sections", "authors", "media", "static"})
ARTICLE_PATH = re.compile(rf"/({SLUG})/{SLUG}/{SLUG}")
SECTION_PATH = re.compile(rf"/({SLUG})/{SLUG}/")

# wrk prints latencies with these units; the factors convert to milliseconds.
LATENCY_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
WRK_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)\s*$", re.MULTILINE)
WRK_P50 = re.compile(r"^\s*50(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
WRK_P99 = re.compile(r"^\s*99(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
WRK_REQUESTS = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)


class BenchError(Exception):
    """A step of the benchmark failed; the message says which one and why."""


@dataclass(frozen=True)
class Measurement:
    """What one wrk run found."""

    requests_per_sec: float
    p50_ms: float
    p99_ms: float
    requests: int
    # Answers that were not 2xx or 3xx, plus connect, read, write and timeout errors.
    errors: int


@dataclass(frozen=True)
class Reference:
    """Hello measured before and after the targets: their mean is what ratios divide by."""

    before: Measurement
    after: Measurement

    @property
    def mean(self) -> Measurement:
        """The mean of the two runs, which evens out a machine that sped up or slowed down."""
        a, b = self.before, self.after
        return Measurement(
            requests_per_sec=(a.requests_per_sec + b.requests_per_sec) / 2,
            p50_ms=(a.p50_ms + b.p50_ms) / 2,
            p99_ms=(a.p99_ms + b.p99_ms) / 2,
            requests=(a.requests + b.requests) // 2,
            errors=a.errors + b.errors,
        )

    @property
    def drift_percent(self) -> float:
        """How much hello's throughput moved between its two runs, in percent of the mean."""
        before, after = self.before.requests_per_sec, self.after.requests_per_sec
        return 100.0 * (after - before) / self.mean.requests_per_sec

    def ratio(self, measurement: Measurement) -> float:
        """A target's requests per second as a fraction of hello's mean."""
        return ratio(measurement, self.mean)

    def as_json(self) -> dict[str, Any]:
        """The two runs, their mean and the drift, as plain data."""
        return {
            "before": asdict(self.before),
            "after": asdict(self.after),
            "mean": asdict(self.mean),
            "drift_percent": round(self.drift_percent, 2),
        }

    def print(self, title: str) -> None:
        """The two runs, their mean and the drift, as lines under `title`."""
        print(f"{title}:")
        for name, m in (("before", self.before), ("after", self.after), ("mean", self.mean)):
            print(f"  {name:<6}  {m.requests_per_sec:10.1f} req/s  p99 {m.p99_ms:8.2f} ms")
        print(f"  drift   {self.drift_percent:+9.1f} %")

    def drift_note(self) -> str | None:
        """A warning when hello moved more than 10 % during the run, else None."""
        if abs(self.drift_percent) <= 10:
            return None
        return (
            f"Note: hello moved {self.drift_percent:+.1f} % during the run: the machine's "
            "load changed, so read the ratios as rough."
        )


def ratio(measurement: Measurement, reference: Measurement) -> float:
    """`measurement`'s requests per second as a fraction of `reference`'s."""
    if reference.requests_per_sec <= 0:
        raise BenchError("hello served no requests: there is no reference to divide by.")
    return measurement.requests_per_sec / reference.requests_per_sec


# --- Command line ------------------------------------------------------------------


def argument_parser(description: str, duration: int, warmup: int) -> argparse.ArgumentParser:
    """The options every script takes: --duration, --warmup, --workers and --json."""
    parser = argparse.ArgumentParser(prog=PROG, description=description)
    parser.add_argument(
        "--duration",
        type=positive_int,
        default=duration,
        help=f"seconds of each measured wrk run (default: {duration})",
    )
    parser.add_argument(
        "--warmup",
        type=non_negative_int,
        default=warmup,
        help=f"seconds of the uncounted run before each target's first one; 0 skips it "
        f"(default: {warmup})",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=2,
        help="gunicorn sync workers, the same for both apps (default: 2)",
    )
    parser.add_argument(
        "--json", action="store_true", help="also print the results as JSON, at the end"
    )
    return parser


def positive_int(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def non_negative_int(text: str) -> int:
    """An argparse type: an integer of at least 0."""
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be at least 0, not {value}")
    return value


class Outcome(Protocol):
    """What a script's `run` returns: printable as JSON, and failed if it has problems."""

    @property
    def problems(self) -> list[str]: ...

    def as_json(self) -> dict[str, Any]: ...


OutcomeT = TypeVar("OutcomeT", bound=Outcome)


def main(
    parse_args: Callable[[Sequence[str] | None], argparse.Namespace],
    run: Callable[[argparse.Namespace], OutcomeT],
    print_report: Callable[[OutcomeT], None],
    argv: Sequence[str] | None = None,
) -> int:
    """Run a benchmark and print its report: 0 on success, 1 on failure, 130 on Ctrl-C.

    A run that measured but found problems (see `Outcome.problems`) prints its report
    and fails too.
    """
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        outcome = run(args)
    except BenchError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; the servers were stopped.", file=sys.stderr)
        return 130
    print_report(outcome)
    if args.json:
        print()
        print(json.dumps(outcome.as_json(), indent=2))
    for problem in outcome.problems:
        print(f"{PROG}: ERROR: {problem}", file=sys.stderr)
    return 1 if outcome.problems else 0


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into SystemExit, so the servers are stopped on the way out."""
    raise SystemExit(128 + signum)


def progress(message: str) -> None:
    """Say what is happening, on stderr so stdout holds only the results."""
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


# --- Set-up ------------------------------------------------------------------------


def machine_description() -> dict[str, str]:
    """CPUs, CPU model, Python and load: what to quote next to the figures."""
    try:
        cpus = len(os.sched_getaffinity(0))  # what `nproc` says
    except AttributeError:
        cpus = os.cpu_count() or 0
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
                break
    load = "unknown"
    with contextlib.suppress(OSError):
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "nproc": str(cpus),
        "cpu_model": model,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "load_average": load,
    }


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """The settings every run reports, from the options `argument_parser` defines."""
    return {
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "gunicorn_workers": args.workers,
        "gunicorn_worker_class": "sync",
    }


def print_header(machine: Mapping[str, str], settings: Mapping[str, Any], setup: str) -> None:
    """The first lines of a report: the machine, its load at the start, and the set-up.

    `setup` goes after the gunicorn workers on the "Setup:" line.
    """
    print(f"Machine: {machine['nproc']} CPUs, {machine['cpu_model']}, {machine['python']}")
    print(f"Load average at start: {machine['load_average']}")
    print(f"Setup: gunicorn {settings['gunicorn_workers']} sync workers per app; {setup}")


def find_tools() -> tuple[str, Path]:
    """The wrk and flask executables; a missing one is an error that says what to do."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError("wrk is missing: on Debian run 'apt-get install wrk'.")
    flask = VENV_BIN / "flask"
    if not flask.exists():
        raise BenchError(
            f"{flask} is missing: run this script with the project's virtualenv, "
            f"as '.venv/bin/python {PROG}'."
        )
    return wrk, flask


BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def app_environment(tmp: Path, extra: Mapping[str, str]) -> dict[str, str]:
    """The environment for the site: a throwaway database and media folder, production mode."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
        NEWSITE_MEDIA_ROOT=str(tmp / "media"),
        NEWSITE_SECRET_KEY=secrets.token_hex(32),
        NEWSITE_ENV_NAME="production",
        # Production answers only its own host names: the bench asks these.
        NEWSITE_TRUSTED_HOSTS='["127.0.0.1", "localhost"]',
        NEWSITE_HTMX_SOURCE="local",
        # Production refuses several workers counting rate limits alone: they share
        # the local Redis, under a prefix of this run's own.
        NEWSITE_RATELIMIT_STORAGE_URI=BENCH_REDIS_URL,
        NEWSITE_RATELIMIT_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
    )
    env.update(extra)
    return env


def run_step(
    command: Sequence[str],
    env: Mapping[str, str] | None,
    what: str,
    timeout: float = SETUP_TIMEOUT,
) -> None:
    """Run a set-up command in the project root (with this environment, or the
    script's own); its output is shown only if it fails."""
    try:
        done = subprocess.run(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"{what} took more than {timeout:.0f} s.") from exc
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise BenchError(f"{what} failed (exit code {done.returncode}):\n{tail(output)}")


def prepare_database(flask: Path, env: Mapping[str, str]) -> None:
    """Create the schema, load the demo content and give the lead article 50 comments."""
    run_step([str(flask), "--app", "app", "db", "upgrade"], env, "flask db upgrade")
    run_step([str(flask), "--app", "app", "seed"], env, "flask seed")
    busy_thread = [sys.executable, str(BENCH_DIR / "busy_thread.py")]
    run_step(busy_thread, env, "bench/busy_thread.py")


def tail(text: str, lines: int = 30) -> str:
    """The last lines of a command's output, enough to see why it failed."""
    return "\n".join(text.splitlines()[-lines:])


@dataclass(frozen=True)
class Site:
    """A seeded throwaway site and the hello app, both served; see `site()`."""

    tmp: Path
    env: dict[str, str]
    hello_url: str
    site_url: str


@contextlib.contextmanager
def site(workers: int, extra_env: Mapping[str, str] | None = None) -> Iterator[Site]:
    """Seed a throwaway database in a temporary folder, serve hello and the site; clean up.

    `extra_env` adds to or overrides the site's environment (both apps get the same).
    """
    _, flask = find_tools()
    with (
        tempfile.TemporaryDirectory(prefix="newsite-bench-") as tmp_name,
        contextlib.ExitStack() as servers,
    ):
        tmp = Path(tmp_name)
        env = app_environment(tmp, extra_env or {})
        progress("creating and seeding a throwaway database")
        prepare_database(flask, env)
        progress(f"starting gunicorn ({workers} sync workers) for hello and the site")
        hello_url = servers.enter_context(
            gunicorn("hello", "hello:app", BENCH_DIR, workers, env, tmp)
        )
        site_url = servers.enter_context(
            gunicorn("site", "app:app", PROJECT_ROOT, workers, env, tmp)
        )
        yield Site(tmp, env, hello_url, site_url)


# --- Servers -----------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report redirects as they are: a page that redirects is not the page to measure."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# No proxy: the targets are on 127.0.0.1, whatever http_proxy says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)


def fetch(url: str, opener: urllib.request.OpenerDirector = _OPENER) -> tuple[int, str]:
    """GET a URL; return the status and, for a 200, the body. Network errors propagate."""
    check_target(url)
    try:
        with opener.open(url, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, ""


def check_target(url: str) -> None:
    """Refuse any URL that is not on 127.0.0.1."""
    if urllib.parse.urlsplit(url).hostname != HOST:
        raise BenchError(f"refusing to load {url}: only {HOST} is a target.")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def gunicorn(
    name: str, app: str, chdir: Path, workers: int, env: Mapping[str, str], log_dir: Path
) -> Iterator[str]:
    """Serve `app` with gunicorn on a free port; yield its base URL, then stop it."""
    port = free_port()
    log_path = log_dir / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--chdir",
        str(chdir),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        app,
    ]
    process = start(command, log_path, env=env)
    try:
        base_url = f"http://{HOST}:{port}"
        wait_until_ready(name, base_url + "/", process, log_path)
        yield base_url
    finally:
        stop(process)


def start(
    command: Sequence[str],
    log_path: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.Popen[bytes]:
    """Start a server with its output in `log_path`, in its own session: Ctrl-C reaches
    the script only, which then stops the server (`stop`)."""
    with log_path.open("wb") as log:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_ready(name: str, url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    """Poll `url` until it answers 200; fail early if the server exits, or after a timeout."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(
                f"the {name} server exited with code {process.returncode}:\n"
                f"{tail(read_log(log_path))}"
            )
        try:
            status, _ = fetch(url)
        except (urllib.error.URLError, OSError) as exc:
            last = str(exc)
        else:
            if status == 200:
                return
            last = f"HTTP {status}"
        time.sleep(0.2)
    raise BenchError(
        f"the {name} server did not answer 200 at {url} within {STARTUP_TIMEOUT:.0f} s "
        f"(last: {last}). Its log:\n{tail(read_log(log_path))}"
    )


def read_log(path: Path) -> str:
    """A server's log so far, or an empty string if it cannot be read."""
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a gunicorn started by `gunicorn()`: SIGTERM, then SIGKILL to its own group."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        # The group is the one gunicorn's session started: its master and workers only.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)


# --- Links -------------------------------------------------------------------------


class _LinkCollector(html.parser.HTMLParser):
    """Collects the href of every <a> in a page, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for key, value in attrs if key == "href" and value)


def local_paths(base_url: str, page_html: str) -> list[str]:
    """The paths of the links in a page that stay on the site, first occurrence first."""
    collector = _LinkCollector()
    collector.feed(page_html)
    collector.close()
    site_netloc = urllib.parse.urlsplit(base_url).netloc
    paths: dict[str, None] = {}
    for href in collector.hrefs:
        url = urllib.parse.urlsplit(urllib.parse.urljoin(base_url + "/", href))
        if url.scheme in ("http", "https") and url.netloc == site_netloc and url.path:
            paths.setdefault(url.path, None)
    return list(paths)


def is_article(path: str) -> bool:
    """/<edition>/<section>/<slug>: three segments, no trailing slash."""
    match = ARTICLE_PATH.fullmatch(path)
    return match is not None and match.group(1) not in NOT_EDITIONS


def is_section(path: str) -> bool:
    """/sections/<slug>/ or /<edition>/<section>/: two segments and a trailing slash."""
    match = SECTION_PATH.fullmatch(path)
    return match is not None and (
        match.group(1) == "sections" or match.group(1) not in NOT_EDITIONS
    )


def home_links(base_url: str) -> list[str]:
    """The site's paths linked from its home page, which must answer 200."""
    status, home_html = fetch(base_url + "/")
    if status != 200:
        raise BenchError(f"the home page answered HTTP {status}, not 200.")
    return local_paths(base_url, home_html)


# --- Measuring ---------------------------------------------------------------------


def wrk_output(
    wrk: str,
    url: str,
    seconds: int,
    threads: int,
    connections: int,
    script: Path | None = None,
    script_args: Sequence[str] = (),
    headers: Sequence[str] = (),
) -> str:
    """Load `url` for `seconds` with wrk (and a Lua `script`, if given); return its stdout.

    `headers` ("Name: value") go with every request, as wrk's -H options.
    """
    check_target(url)
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=seconds + WRK_GRACE,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"wrk on {url} took more than {seconds + WRK_GRACE:.0f} s.") from exc
    if done.returncode != 0:
        raise BenchError(
            f"wrk on {url} failed (exit code {done.returncode}):\n{tail(done.stdout + done.stderr)}"
        )
    return done.stdout


def parse_wrk(output: str) -> Measurement:
    """Read requests/sec, the median and 99th percentile latencies and the error counts."""
    rps = WRK_RPS.search(output)
    p50 = WRK_P50.search(output)
    p99 = WRK_P99.search(output)
    requests = WRK_REQUESTS.search(output)
    if rps is None or p50 is None or p99 is None or requests is None:
        raise BenchError(f"could not read wrk's output:\n{output}")
    errors = 0
    if non_2xx := WRK_NON_2XX.search(output):
        errors += int(non_2xx.group(1))
    if socket_errors := WRK_SOCKET_ERRORS.search(output):
        errors += sum(int(n) for n in socket_errors.groups())
    return Measurement(
        requests_per_sec=float(rps.group(1)),
        p50_ms=_milliseconds(p50),
        p99_ms=_milliseconds(p99),
        requests=int(requests.group(1)),
        errors=errors,
    )


def _milliseconds(latency: re.Match[str]) -> float:
    """A latency wrk printed (a number and its unit) in milliseconds, to the microsecond."""
    return round(float(latency.group(1)) * LATENCY_UNITS_MS[latency.group(2)], 3)


def measure(
    wrk: str,
    url: str,
    label: str,
    seconds: int,
    warmup: int,
    threads: int = 2,
    connections: int = 16,
    headers: Sequence[str] = (),
) -> Measurement:
    """An uncounted warm-up run if `warmup` > 0, then the measured run, of a plain GET
    (with `headers`, "Name: value", if given)."""
    if warmup > 0:
        progress(f"warming up {label} ({warmup} s)")
        wrk_output(wrk, url, warmup, threads, connections, headers=headers)
    progress(f"measuring {label} ({seconds} s)")
    return parse_wrk(wrk_output(wrk, url, seconds, threads, connections, headers=headers))


# --- Posting with a Lua script -----------------------------------------------------

# Lines of wrk's stdout that POST_SCRIPT's done() writes, one per thread.
THREAD_LINE = re.compile(
    r"^bench-thread (\d+) made (\d+) ran_out (\d+) statuses (\S*)$", re.MULTILINE
)
SETTLE_TIMEOUT = 5.0  # seconds for requests still in flight when wrk stops to finish

# What both wrk scripts below share: each thread numbered, and done() printing a line
# per thread for the bench script (requests made, made after the prepared lines ran
# out, answers by status), read by THREAD_LINE.
LUA_THREADS = r"""
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end
"""
LUA_REPORT = r"""
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local parts = {}
    for status, count in pairs(thread:get("statuses")) do
      parts[#parts + 1] = status .. ":" .. count
    end
    io.write(string.format("bench-thread %d made %d ran_out %d statuses %s\n",
      thread:get("id"), thread:get("made"), thread:get("ran_out"), table.concat(parts, ",")))
  end
end
"""
# Counting answers by status. The template script leaves it out when asked: then wrk
# calls no Lua per answer (nginx's own log counts them), so a fast reference such as
# nginx's static file is not slowed by the counting.
LUA_COUNT_ANSWERS = r"""
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
"""

POST_SCRIPT = (
    r"""
-- Written by a bench/ script: POSTs urlencoded bodies read from a file, one per line.
-- A line is a body, or a Cookie header, a tab and a body (a request with its own
-- cookies, as from its own reader). Arguments after `--`: the file; "each" (every
-- request its own line, the lines shared out between threads) or "same" (the first
-- line for every request); the number of threads; the Cookie header of the lines that
-- have none ("" for none). done() prints a line per thread for the bench script:
-- requests made, answers by status, and requests made after the lines ran out.

"""
    + LUA_THREADS
    + r"""

local function post(cookie, body)
  local headers = {["Content-Type"] = "application/x-www-form-urlencoded"}
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("POST", nil, headers, body)
end

function init(args)
  local path, nthreads, default_cookie = args[1], tonumber(args[3]), args[4] or ""
  same = args[2] == "same"
  prepared, made, ran_out, statuses = {}, 0, 0, {}
  local line_number = 0
  for line in io.lines(path) do
    if same or line_number % nthreads == id then
      local cookie, body = line:match("^([^\t]*)\t(.*)$")
      if cookie == nil then cookie, body = default_cookie, line end
      prepared[#prepared + 1] = post(cookie, body)
    end
    line_number = line_number + 1
    if same then break end
  end
  -- Past the last line: a post without its tokens, which the site refuses (an error).
  exhausted = post(default_cookie, "name=out-of-prepared-bodies")
end

function request()
  made = made + 1
  if same then return prepared[1] end
  local next_request = prepared[made]
  if next_request == nil then
    ran_out = ran_out + 1
    return exhausted
  end
  return next_request
end
"""
    + LUA_COUNT_ANSWERS
    + LUA_REPORT
)


@dataclass(frozen=True)
class ScriptRun:
    """A wrk run with POST_SCRIPT: wrk's figures and what the script counted."""

    measurement: Measurement
    made: int  # requests wrk made, each with its own line in "each" mode
    statuses: dict[int, int]  # answers by HTTP status
    ran_out: int  # requests made after the prepared lines ran out

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    @property
    def in_flight(self) -> int:
        """Requests wrk made but had no answer to when it stopped: the site may have done them."""
        return self.made - self.answered

    def answers_other_than(self, status: int) -> dict[int, int]:
        return {s: n for s, n in sorted(self.statuses.items()) if s != status}

    @property
    def socket_errors(self) -> int:
        """wrk's errors that are not answers: connect, read, write and timeout."""
        refused = sum(n for s, n in self.statuses.items() if s < 200 or s > 399)
        return max(self.measurement.errors - refused, 0)

    def errors(self, expected: int) -> int:
        """Answers other than `expected`, plus socket errors."""
        return sum(self.answers_other_than(expected).values()) + self.socket_errors

    def statuses_json(self) -> dict[str, int]:
        return {str(s): n for s, n in sorted(self.statuses.items())}


def write_post_script(folder: Path) -> Path:
    """Write POST_SCRIPT into `folder` (the run's temporary one); return its path."""
    path = folder / "post.lua"
    path.write_text(POST_SCRIPT)
    return path


def run_post_script(
    wrk: str,
    url: str,
    seconds: int,
    wrk_setting: tuple[int, int],
    script: Path,
    lines: Path,
    mode: str,
    cookie: str = "",
) -> ScriptRun:
    """POST the prepared `lines` to `url` for `seconds` ("each" or "same", see POST_SCRIPT).

    `wrk_setting` is (threads, connections); `cookie` goes with the lines that have none.
    """
    threads, connections = wrk_setting
    args = [str(lines), mode, str(threads), cookie]
    output = wrk_output(wrk, url, seconds, threads, connections, script, args)
    return read_script_run(output, threads)


# --- Unique requests from a template -----------------------------------------------

TEMPLATE_SCRIPT = (
    r"""
-- Written by a bench/ script: sends one request template, made unique per request.
-- The template file: the method on its first line, then header lines ("Name: value"),
-- an empty line and the body (none for a GET). In the headers and the body, "{n}"
-- becomes a token no other request of the run has (the run's tag, the thread and the
-- request's number) and "{rand}" 18 random hex digits. Arguments after `--`: the
-- template file and the run's tag. done() prints a line per thread for the bench
-- script: requests made and, if the response part is there, answers by status.

"""
    + LUA_THREADS
    + r"""

function init(args)
  local lines = {}
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  tag = args[2] or "run"
  method = lines[1]
  header_lines = {}
  local i = 2
  while i <= #lines and lines[i] ~= "" do
    local name, value = lines[i]:match("^([^:]+):%s*(.*)$")
    header_lines[#header_lines + 1] = {name, value}
    i = i + 1
  end
  body = nil
  if i < #lines then body = table.concat(lines, "\n", i + 1) end
  math.randomseed(os.time() * 1000 + id * 7919 + #tag)
  made, ran_out, statuses = 0, 0, {}
end

local function fill(text, n)
  if text == nil then return nil end
  local rand = string.format("%06x%06x%06x", math.random(0, 16777215),
    math.random(0, 16777215), math.random(0, 16777215))
  return (text:gsub("{n}", n):gsub("{rand}", rand))
end

function request()
  made = made + 1
  local n = tag .. "-" .. id .. "-" .. made
  local headers = {}
  for _, pair in ipairs(header_lines) do headers[pair[1]] = fill(pair[2], n) end
  return wrk.format(method, nil, headers, fill(body, n))
end
"""
    + LUA_REPORT
)


def write_template_script(folder: Path, count_answers: bool = True) -> Path:
    """Write TEMPLATE_SCRIPT (with LUA_COUNT_ANSWERS, if asked) into `folder`."""
    name = "template.lua" if count_answers else "template-nocount.lua"
    path = folder / name
    path.write_text(TEMPLATE_SCRIPT + (LUA_COUNT_ANSWERS if count_answers else ""))
    return path


def write_request_template(
    path: Path, method: str, headers: Mapping[str, str], body: str = ""
) -> Path:
    """A request template for TEMPLATE_SCRIPT: `{n}` and `{rand}` are filled per request.

    The body must be one line (urlencoded or JSON); header values must not hold newlines.
    """
    if "\n" in body or any("\n" in f"{k}{v}" for k, v in headers.items()):
        raise BenchError("a request template's body and headers must be one line each.")
    lines = [method, *(f"{name}: {value}" for name, value in headers.items()), ""]
    if body:
        lines.append(body)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_template_script(
    wrk: str,
    url: str,
    seconds: int,
    wrk_setting: tuple[int, int],
    script: Path,
    template: Path,
    tag: str,
) -> ScriptRun:
    """Send `template` to `url` for `seconds`, each request made unique (see TEMPLATE_SCRIPT).

    `wrk_setting` is (threads, connections); `tag` makes `{n}` unique across runs. The
    statuses are counted only if `script` has the response part.
    """
    threads, connections = wrk_setting
    output = wrk_output(wrk, url, seconds, threads, connections, script, [str(template), tag])
    return read_script_run(output, threads)


def read_script_run(output: str, threads: int) -> ScriptRun:
    """wrk's figures and the per-thread lines POST_SCRIPT or TEMPLATE_SCRIPT printed."""
    found = THREAD_LINE.findall(output)
    if len(found) != threads:
        raise BenchError(f"could not read the Lua script's counts in wrk's output:\n{output}")
    statuses: dict[int, int] = {}
    for _, _, _, parts in found:
        for part in filter(None, parts.split(",")):
            status, count = part.split(":")
            statuses[int(status)] = statuses.get(int(status), 0) + int(count)
    return ScriptRun(
        measurement=parse_wrk(output),
        made=sum(int(made) for _, made, _, _ in found),
        statuses=statuses,
        ran_out=sum(int(ran_out) for _, _, ran_out, _ in found),
    )


T = TypeVar("T")


def settled(read: Callable[[], T], timeout: float = SETTLE_TIMEOUT) -> T:
    """What `read()` returns once it stops changing: requests in flight when wrk stopped
    finish first. After `timeout` seconds, the last value."""
    deadline = time.monotonic() + timeout
    last = read()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = read()
        if now == last:
            return now
        last = now
    return last


# --- Forms -------------------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    """Pages GET with a cookie jar, as a browser: their HTML and the cookies they set."""

    opener: urllib.request.OpenerDirector
    pages: dict[str, str]  # path -> HTML
    cookies: dict[str, str]  # name -> value, after the last page


def visit(site_url: str, paths: Sequence[str]) -> Visit:
    """GET each path with one cookie jar; each must answer 200.

    The jar sends Secure cookies over plain HTTP, as browsers do to 127.0.0.1 and
    localhost: the site in production marks its cookies Secure, and a jar that kept the
    session back would get a new one, and a new CSRF secret, with every page.
    """
    policy = http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
    jar = http.cookiejar.CookieJar(policy)
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar), NoRedirect
    )
    pages = {}
    for path in paths:
        status, page = fetch(site_url + path, opener)
        if status != 200:
            raise BenchError(f"the page {path} answered HTTP {status}, not 200.")
        pages[path] = page
    return Visit(opener, pages, {c.name: c.value for c in jar})


def post_form(
    url: str, body: str, cookie: str, opener: urllib.request.OpenerDirector = _OPENER
) -> tuple[int, Message, str]:
    """POST a urlencoded body with a Cookie header ("" for none), without following a
    redirect; the status, the headers and the body's text."""
    check_target(url)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, data=body.encode("ascii"), headers=headers)
    try:
        with opener.open(request, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read().decode("utf-8", "replace")


# --- Latency statistics (bench/search) ----------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value under which `fraction` (0 to 1) of `values` lie: nearest rank, no interpolation."""
    if not values:
        raise BenchError("no timings to take a percentile of.")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]
