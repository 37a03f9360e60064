"""Two app servers behind nginx, sharing PostgreSQL and Redis, all on loopback.

Started here, each on a port of its own: Redis (Debian's redis-server, no persistence), two
gunicorn instances of the site with production settings, and nginx in front of them (Debian's,
with a config written here). Through nginx: the API throttle counts once across both servers, a
questionnaire started on one is finished on the other, one server is killed under load with no
assessment lost, and nginx stops sending requests to the dead one.

Needs nginx, redis-server and PostgreSQL on 127.0.0.1:5432; skipped without them, except in CI.
"""

import concurrent.futures
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
THROTTLE = 5  # API triage requests a minute per client, for this test

pytestmark = pytest.mark.scale_out


def _missing():
    missing = [name for name in (NGINX, REDIS) if not os.access(name, os.X_OK)]
    try:
        socket.create_connection((PG["host"], PG["port"]), timeout=1).close()
    except OSError:
        missing.append("PostgreSQL on 127.0.0.1:5432")
    return missing


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, *, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


class Browser:
    """A client with cookies, talking to nginx; X-Forwarded-For plays the load balancer."""

    def __init__(self, base, address):
        self.base = base
        self.address = address
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, method, path, *, data=None, json_body=None, server=None):
        headers = {"X-Forwarded-For": self.address}
        if server:
            headers["X-Test-Server"] = server
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, body, headers, method=method)  # noqa: S310
        try:
            response = self.opener.open(req, timeout=15)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            return response.status, dict(response.headers), response.read().decode()

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


NGINX_CONF = """
worker_processes 2;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream both {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=30s;
    }}
    upstream server_a {{ server 127.0.0.1:{a}; }}
    upstream server_b {{ server 127.0.0.1:{b}; }}
    # The test may pin a request to one server; by default nginx balances across both.
    map $http_x_test_server $pool {{ a server_a; b server_b; default both; }}
    server {{
        listen 127.0.0.1:{port};
        client_body_timeout 10s;
        client_max_body_size 100k;
        proxy_request_buffering on;
        proxy_buffering on;
        proxy_connect_timeout 1s;
        proxy_read_timeout 20s;
        proxy_next_upstream error timeout http_502;
        location / {{
            proxy_pass http://$pool;
            proxy_set_header Host $host;
            # The client plays the load balancer: its X-Forwarded-For comes first.
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-ID $request_id;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


@pytest.fixture(scope="module")
def site():
    missing = _missing()
    if missing:
        message = (
            "scale-out test needs " + ", ".join(missing) + " (apt-get install nginx redis-server)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    import psycopg2

    tmp = Path(tempfile.mkdtemp(prefix="backpain-scale-"))
    tmp.chmod(0o755)
    database = f"backpain_scale_{os.getpid()}"
    admin = psycopg2.connect(dbname="postgres", **PG)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
        cursor.execute(f'CREATE DATABASE "{database}"')
    processes = {}
    redis_port, port_a, port_b, nginx_port = (free_port() for _ in range(4))
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp),
        "DJANGO_SETTINGS_MODULE": "backpain.settings",
        "DEBUG": "false",
        "SECRET_KEY": "scale-out-test-key-not-a-secret-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_KEY_PREFIX": f"scale{os.getpid()}",
        # Plain HTTP on loopback; the client is two proxies away (it, then nginx).
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "NINJA_NUM_PROXIES": "2",
        "API_TRIAGE_RATE": f"{THROTTLE}/min",
        "STATIC_ROOT": str(tmp / "static"),
        "GUNICORN_WORKERS": "2",
        "GUNICORN_TIMEOUT": "20",
        "LOG_LEVEL": "WARNING",
    }
    try:
        processes["redis"] = subprocess.Popen(  # noqa: S603
            [REDIS, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        # The release job, once, as deploy/release.sh runs it: never on a server's boot.
        for command in (
            ["migrate", "--noinput", "-v", "0"],
            ["load_default_content", "-v", "0"],
            ["collectstatic", "--noinput", "-v", "0"],
        ):
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                timeout=120,
            )  # fmt: skip
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        for name, port in (("a", port_a), ("b", port_b)):
            processes[name] = subprocess.Popen(  # noqa: S603
                [gunicorn, "--config", "gunicorn.conf.py"],
                cwd=ROOT,
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=(tmp / f"gunicorn-{name}.log").open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        conf = tmp / "nginx.conf"
        user = "user root;" if os.geteuid() == 0 else ""
        conf.write_text(NGINX_CONF.format(tmp=tmp, a=port_a, b=port_b, port=nginx_port, user=user))
        processes["nginx"] = subprocess.Popen(  # noqa: S603
            [NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=(tmp / "nginx-stderr.log").open("w"),
            start_new_session=True,
        )  # fmt: skip
        for port in (port_a, port_b, nginx_port):
            wait_for(f"http://127.0.0.1:{port}/healthz")
        yield {
            "base": f"http://127.0.0.1:{nginx_port}",
            "ports": {"a": port_a, "b": port_b},
            "processes": processes,
            "database": database,
            "tmp": tmp,
        }
    finally:
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _rows(database):
    import psycopg2

    with psycopg2.connect(dbname=database, **PG) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT id::text FROM triage_assessment")
        return {row[0] for row in cursor.fetchall()}


def _answers():
    from tests.factories import make_answers

    return {"answers": make_answers()}


def test_the_throttle_counts_once_across_both_servers(site):
    client = Browser(site["base"], "198.51.100.1")

    found = [
        client.request("POST", "/api/v1/triage", json_body=_answers(), server="ab"[i % 2])
        for i in range(THROTTLE * 2 + 2)
    ]

    statuses = [status for status, _, _ in found]
    assert statuses.count(201) == THROTTLE, statuses
    assert statuses.count(429) == THROTTLE + 2, statuses
    served_by = {headers["X-Upstream"] for _, headers, _ in found}
    assert served_by == {f"127.0.0.1:{port}" for port in site["ports"].values()}


def test_a_questionnaire_started_on_one_server_is_finished_on_the_other(site):
    from tests.backpain.journey import STEPS, step_data

    runner = Browser(site["base"], "198.51.100.2")
    status, headers, _ = runner.request("GET", "/check/", server="a")
    assert status == 302, headers
    status, _, _ = runner.request("GET", headers["Location"], server="a")
    assert status == 200

    for number, (path, data, asked) in enumerate(STEPS):
        server = "ba"[number % 2]  # b, a, b, a: every step on the other server
        form = {**step_data(data, asked), "csrfmiddlewaretoken": runner.csrf()}
        status, headers, body = runner.request("POST", path, data=form, server=server)
        assert status == 302, (path, server, body[:500])
        assert headers["X-Upstream"] == f"127.0.0.1:{site['ports'][server]}"
    result = headers["Location"]
    assert re.fullmatch(r"/check/result/[0-9a-f-]{36}/", result), result

    status, headers, body = runner.request("GET", result, server="b")
    assert status == 200 and "no-store" in headers["Cache-Control"]


def _publish_elsewhere(database):
    """A new version stored by a process that is neither server (a release job, another
    server's admin): the servers are not told, they find it by their own check."""
    import psycopg2

    with psycopg2.connect(dbname=database, **PG) as connection, connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO triage_rulesetversion (number, created, note, content_hash, snapshot, "
            "case_summary) SELECT number + 1, now(), 'Published elsewhere.', "
            "md5(content_hash || 'next'), snapshot, case_summary FROM triage_rulesetversion "
            "ORDER BY number DESC LIMIT 1 RETURNING number"
        )
        return cursor.fetchone()[0]


def test_a_version_published_elsewhere_is_served_by_both_servers_within_the_bound(site):
    number = _publish_elsewhere(site["database"])
    published = time.monotonic()
    seen = {}
    addresses = (f"203.0.113.{n}" for n in range(1, 255))  # one each: the throttle is 5/min
    while len(seen) < 2 and time.monotonic() - published < 5:
        for server in "ab":
            if server in seen:
                continue
            runner = Browser(site["base"], next(addresses))
            status, _, body = runner.request(
                "POST", "/api/v1/triage", json_body=_answers(), server=server
            )
            if status == 201 and json.loads(body)["result"]["ruleset_version"] == number:
                seen[server] = time.monotonic() - published
        time.sleep(0.1)
    # TRIAGE_VERSION_CHECK_SECONDS is 1 by default; the rest is a request's own time.
    assert set(seen) == {"a", "b"}, seen
    assert max(seen.values()) <= 1.5, seen
    (site["tmp"] / "publish-seconds.json").write_text(json.dumps(seen))


def test_one_server_killed_under_load_loses_no_assessment(site):
    clients, seconds = 8, 8.0
    deadline = time.monotonic() + seconds
    before = _rows(site["database"])

    def load(number):
        done = []
        sent = 0
        while time.monotonic() < deadline and sent < 400:
            sent += 1
            client = Browser(site["base"], f"10.{number}.{sent // 250}.{sent % 250}")
            start = time.monotonic()
            try:
                status, _, body = client.request("POST", "/api/v1/triage", json_body=_answers())
            except (OSError, http.client.HTTPException) as error:
                status, body = 0, str(error)  # cut off mid-answer by the kill
            done.append((status, body, time.monotonic() - start))
        return done

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(load, n) for n in range(clients)]
        time.sleep(seconds / 3)
        victim = site["processes"]["a"]
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=10)
        results = [item for future in futures for item in future.result(timeout=60)]

    ok = [json.loads(body)["id"] for status, body, _ in results if status == 201]
    failed = [status for status, _, _ in results if status != 201]
    stored = _rows(site["database"]) - before
    latencies = sorted(latency for _, _, latency in results)
    figures = {
        "clients": clients,
        "seconds": seconds,
        "requests": len(results),
        "successful": len(ok),
        "errors": len(failed),
        "error_statuses": sorted(set(failed)),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "rows_stored": len(stored),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "scale-out.json").write_text(json.dumps(figures, indent=2))
    print("scale-out figures:", figures)

    assert len(ok) == len(set(ok)), "an assessment id was answered twice"
    assert set(ok) <= stored, "an assessment answered 201 is not in the database"
    # A worker killed between its commit and its answer leaves a row nobody was told about;
    # at most one per request that was in flight on the dead server.
    assert len(stored) - len(ok) <= len(failed)
    assert len(failed) <= clients, f"more errors than requests in flight: {figures}"


def test_nginx_stops_sending_requests_to_the_dead_server(site):
    assert site["processes"]["a"].poll() is not None, "runs after the kill test"
    client = Browser(site["base"], "198.51.100.3")

    found = [client.request("GET", "/healthz?format=json") for _ in range(6)]

    assert [status for status, _, _ in found] == [200] * 6
    alive = f"127.0.0.1:{site['ports']['b']}"
    assert {headers["X-Upstream"].split(", ")[-1] for _, headers, _ in found} == {alive}
    status, _, _ = client.request("GET", "/healthz?format=json", server="a")
    assert status == 502
