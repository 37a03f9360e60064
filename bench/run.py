"""Serve the site with gunicorn on a loopback port and load each endpoint beside its yardstick,
a minimal Django view under the same settings and server (bench/urls.py), in one run:

- POST /api/v1/triage (stores an assessment) against POST /bench/echo (a JSON echo);
- GET /check/result/<id>/, a questionnaire step and the home page against GET /bench/hello
  (a small template); GET /bench/ping, the least a JSON view can do, for reference.

Prints each endpoint's throughput, its ratio to its yardstick (1.0 = as fast as the yardstick)
and the memory of each worker afterwards. Usage (see bench/README.md):

    .venv/bin/python bench/run.py                      # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_api .venv/bin/python bench/run.py
"""

import argparse
import collections
import http.client
import importlib.util
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _example_request():
    # Read from its file: importing triage.api would need Django's settings in this process.
    spec = importlib.util.spec_from_file_location(
        "examples", ROOT / "triage" / "api" / "examples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EXAMPLE_REQUEST


EXAMPLE_REQUEST = _example_request()

HOST = "127.0.0.1"  # the load never leaves this machine
TRIAGE_BODY = json.dumps(EXAMPLE_REQUEST).encode()


@dataclass
class Outcome:
    label: str
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    statuses: collections.Counter = field(default_factory=collections.Counter)

    @property
    def count(self):
        return sum(self.statuses.values())

    @property
    def succeeded(self):
        return sum(n for status, n in self.statuses.items() if str(status).startswith("2"))

    @property
    def per_second(self):
        """Successful responses a second: a fast error is no throughput."""
        return self.succeeded / self.seconds if self.seconds else 0.0

    def percentile(self, share):
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100)[int(share * 100) - 1]


@dataclass
class WrkOutcome:
    """What wrk (https://github.com/wg/wrk) reports for one URL."""

    label: str
    count: int = 0
    succeeded: int = 0
    per_second: float = 0.0
    quantiles: dict = field(default_factory=dict)
    statuses: collections.Counter = field(default_factory=collections.Counter)

    def percentile(self, share):
        return self.quantiles.get(round(share * 100), 0.0)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="most requests per URL")
    parser.add_argument("--seconds", type=float, default=10.0, help="most seconds per URL")
    parser.add_argument(
        "--concurrency", type=int, default=16, help="open connections (wrk) or client threads"
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="render every result page afresh (RESULT_PAGE_CACHE_SECONDS=0): a first visit's cost",
    )
    parser.add_argument(
        "--client",
        choices=("wrk", "python"),
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator: wrk when installed (Debian package wrk), else Python threads",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn")
    return parser.parse_args()


def site_environment(database_url, *, page_cache=True):
    return {
        **os.environ,
        # Another settings module may be tried, e.g. one that changes DATABASES OPTIONS.
        "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_SETTINGS", "bench.settings"),
        "DATABASE_URL": database_url,
        # Production-like: no debug query log, which would slow every query down.
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-a-secret",
        "ALLOWED_HOSTS": HOST,
        "PYTHONPATH": str(ROOT),
        **({} if page_cache else {"RESULT_PAGE_CACHE_SECONDS": "0"}),
    }


def prepare_database(env):
    for command in (["migrate", "--noinput", "-v", "0"], ["load_default_content", "-v", "0"]):
        # Our own interpreter and manage.py, with fixed arguments.
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True
        )


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def send(port, method, path, body=None, *, read=False):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        return (response.status, content) if read else response.status
    finally:
        connection.close()


def worker_memory_mb(server):
    """Resident memory of each gunicorn worker (children of the master), in MB (Linux)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(server.pid):
            found.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(found)


def start_server(env, port, workers):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        sys.exit(f"gunicorn is not installed beside {sys.executable}: run make install.")
    # Our own gunicorn, with fixed arguments.
    server = subprocess.Popen(  # noqa: S603
        [
            str(gunicorn),
            "backpain.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped before it served a request; see its output above.")
        try:
            if send(port, "GET", "/bench/ping") == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer within 30 seconds.")


def load(port, label, method, path, body, *, requests, seconds, concurrency):
    """Send at most `requests` requests, for at most `seconds`, from `concurrency` threads."""
    outcome = Outcome(label)
    lock = threading.Lock()
    started = [0]
    deadline = time.monotonic() + seconds

    def client():
        while True:
            with lock:
                if started[0] >= requests or time.monotonic() > deadline:
                    return
                started[0] += 1
            began = time.perf_counter()
            try:
                status = send(port, method, path, body)
            except OSError as exc:
                status = type(exc).__name__
            took = time.perf_counter() - began
            with lock:
                outcome.statuses[status] += 1
                outcome.latencies.append(took * 1000)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - began
    return outcome


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def load_wrk(port, label, method, path, body, *, seconds, concurrency, **_ignored):
    """Load one URL with wrk for `seconds`, from `concurrency` connections on 2 threads."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f"wrk.method = {json.dumps(method)}\n")
        if body is not None:
            script.write(f"wrk.body = {json.dumps(body.decode())}\n")
            script.write('wrk.headers["Content-Type"] = "application/json"\n')
    try:
        # wrk from PATH with fixed arguments; the URL is our own loopback server.
        done = subprocess.run(  # noqa: S603
            [
                shutil.which("wrk"),
                "-t2",
                f"-c{concurrency}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                "-s",
                script.name,
                f"http://{HOST}:{port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    text = done.stdout
    outcome = WrkOutcome(label)
    outcome.count = int(re.search(r"(\d+) requests in", text).group(1))
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    bad = int(failed.group(1)) if failed else 0
    if errors:
        bad += sum(int(n) for n in errors.groups())
    outcome.succeeded = max(0, outcome.count - bad)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    outcome.per_second = rate * outcome.succeeded / outcome.count if outcome.count else 0.0
    for share, value in re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", text, re.MULTILINE):
        outcome.quantiles[int(share)] = _milliseconds(value)
    outcome.statuses["2xx/3xx"] = outcome.succeeded
    if bad:
        outcome.statuses["other"] = bad
    return outcome


def report(database, args, outcomes, anchors, memory):
    if args.client == "wrk":
        client = f"wrk, {args.concurrency} connections, {max(1, round(args.seconds))} s per URL"
    else:
        client = (
            f"Python, {args.concurrency} threads, at most {args.requests} requests or "
            f"{args.seconds:g} s per URL"
        )
    cache = "result pages rendered every time" if args.no_page_cache else "result page cache on"
    print(
        f"\ndatabase: {database}; gunicorn: {args.workers} sync workers; client: {client}; "
        f"{cache}\n"
    )
    header = f"{'':28}{'requests':>9}{'ok/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>7}  statuses"
    print(header)
    by_label = {outcome.label: outcome for outcome in outcomes}
    for outcome in outcomes:
        statuses = ", ".join(f"{key}: {value}" for key, value in sorted(outcome.statuses.items()))
        anchor = by_label.get(anchors.get(outcome.label, ""))
        ratio = (
            f"{outcome.per_second / anchor.per_second:>7.2f}"
            if anchor is not None and anchor.per_second
            else f"{'':>7}"
        )
        print(
            f"{outcome.label:28}{outcome.count:>9}{outcome.per_second:>9.0f}"
            f"{outcome.percentile(0.5):>9.1f}{outcome.percentile(0.99):>9.1f}{ratio}  {statuses}"
        )
    print("\nratio: ok/s of the endpoint over ok/s of its yardstick on the same server")
    for label, anchor in anchors.items():
        print(f"  {label} against {anchor}")
    if memory:
        shown = ", ".join(f"{mb:.0f}" for mb in memory)
        print(f"\nmemory per worker after the load (MB resident): {shown}")
    failed = sum(outcome.count - outcome.succeeded for outcome in outcomes)
    if failed:
        print(f"\n{failed} requests failed: ok/s counts successful responses only.")
    return failed


def main():
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    scratch = None
    if not database_url:
        scratch = tempfile.TemporaryDirectory(prefix="bench-api-")
        database_url = f"sqlite:///{scratch.name}/bench.sqlite3"
    database = database_url.split("://", 1)[0] + ("" if not scratch else " (temporary file)")
    env = site_environment(database_url, page_cache=not args.no_page_cache)
    prepare_database(env)
    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        # Every worker compiles the published ruleset on its first triage: not part of the load.
        for _ in range(args.workers * 4):
            send(port, "POST", "/api/v1/triage", TRIAGE_BODY)
        status, content = send(port, "POST", "/api/v1/triage", TRIAGE_BODY, read=True)
        result_path = f"/check/result/{json.loads(content)['id']}/"
        for _ in range(args.workers * 4):  # and renders a result page's texts once
            send(port, "GET", result_path)
        limits = {
            "requests": args.requests,
            "seconds": args.seconds,
            "concurrency": args.concurrency,
        }
        plan = [
            ("GET /bench/ping", "GET", "/bench/ping", None),
            ("POST /bench/echo", "POST", "/bench/echo", TRIAGE_BODY),
            ("POST /api/v1/triage", "POST", "/api/v1/triage", TRIAGE_BODY),
            ("GET /bench/hello", "GET", "/bench/hello", None),
            ("GET /check/result/<id>/", "GET", result_path, None),
            ("GET /check/about-you/", "GET", "/check/about-you/", None),
            ("GET /", "GET", "/", None),
        ]
        loader = load_wrk if args.client == "wrk" else load
        outcomes = [loader(port, label, m, p, b, **limits) for label, m, p, b in plan]
        memory = worker_memory_mb(server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if scratch:
            scratch.cleanup()
    anchors = {
        "POST /api/v1/triage": "POST /bench/echo",
        "GET /check/result/<id>/": "GET /bench/hello",
        "GET /check/about-you/": "GET /bench/hello",
        "GET /": "GET /bench/hello",
    }
    return 1 if report(database, args, outcomes, anchors, memory) else 0


if __name__ == "__main__":
    sys.exit(main())
