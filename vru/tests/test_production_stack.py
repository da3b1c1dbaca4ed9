"""The production stack, started from the Procfile's own command lines, does what a VRU needs on day one.

A fresh PostgreSQL database, migrated; static files collected by production's storage; gunicorn with two
workers, a Celery worker and beat, all with DEBUG off on the real PostgreSQL and Redis. A member of staff
signs in through the sign-in page with a real HTTP client, loads a page and its hashed CSS, asks for a
performance report and the worker builds it. Every process is stopped, by process group, whatever happens.
"""

import json
import os
import re
import secrets
import signal
import subprocess
import time
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlparse
from urllib.request import HTTPCookieProcessor, Request, build_opener

import psycopg2
import pytest
import redis
from django.conf import settings
from honcho.environ import parse_procfile

from programmes.tests.reporting.celery_support import free_port, wait_for
from vru.tests.production import PROCFILE, ROOT, production_env, read_procfile, run

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

STAFF_PASSWORD = "smoke-test-" + secrets.token_urlsafe(12)
CREATE_STAFF = f"""
from django.contrib.auth.models import Group, User
from vru.roles import GROUP_NAMES, Role
user = User.objects.create_user("smoke-staff", "smoke@example.org", {STAFF_PASSWORD!r}, first_name="Smoke")
user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.STAFF]))
"""


def live_members(pgid: int) -> list[int]:
    """The processes of a process group that are still running (zombies, already dead, are not counted)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


# --- The database, the broker, the processes -----------------------------------------------------------
@pytest.fixture
def smoke_database(request):
    """A PostgreSQL database of the test's own, next to the suite's, dropped at the end."""
    db = settings.DATABASES["default"]
    name = f"vru_smoke_{secrets.token_hex(4)}"
    server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"] or "postgres"}
    if db["PASSWORD"]:
        server["password"] = db["PASSWORD"]

    def execute(sql: str):
        connection = psycopg2.connect(dbname="postgres", **server)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()

    execute(f'CREATE DATABASE "{name}"')
    request.addfinalizer(lambda: execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    password = f":{server['password']}" if "password" in server else ""
    return f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"


@pytest.fixture
def smoke_broker():
    """A Redis database of the test's own on the suite's Redis server, emptied before and after."""
    suite = urlparse(settings.CELERY_BROKER_URL or "redis://127.0.0.1:6379/0")
    number = 15 if suite.path.strip("/") != "15" else 14
    url = suite._replace(path=f"/{number}").geturl()
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


class Stack:
    """The Procfile's processes, each in its own process group with its output in a log file."""

    def __init__(self, env: dict[str, str], logs: Path):
        self.env = env
        self.logs = logs
        self.processes: dict[str, subprocess.Popen] = {}
        self.killed: list[str] = []

    def start(self):
        for name, command in read_procfile().items():
            with open(self.logs / f"{name}.log", "wb") as log:
                self.processes[name] = subprocess.Popen(
                    ["/bin/sh", "-c", command],
                    cwd=ROOT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def all_logs(self) -> str:
        return "\n".join(f"--- {name} ---\n{self.log(name)[-4000:]}" for name in self.processes)

    def check_running(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise AssertionError(f"{name} exited with {process.returncode}:\n{self.all_logs()}")

    def stop(self, timeout: float = 20):
        """SIGTERM to every group (a warm shutdown), SIGKILL to what is left after ``timeout``; no orphans."""
        for process in self.processes.values():
            if live_members(process.pid):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for name, process in self.processes.items():
            while live_members(process.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if live_members(process.pid):
                self.killed.append(name)
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def leftovers(self) -> dict[str, list[int]]:
        return {name: pids for name, process in self.processes.items() if (pids := live_members(process.pid))}


@pytest.fixture
def stack(request, tmp_path):
    """Stops every process of the stack when the test ends, passed or failed."""
    logs = tmp_path / "logs"
    logs.mkdir()
    created = []

    def make(env):
        created.append(Stack(env, logs))
        return created[-1]

    def stop_all():
        for running in created:
            running.stop()
            assert running.leftovers() == {}

    request.addfinalizer(stop_all)
    return make


# --- A browser's worth of HTTP -----------------------------------------------------------------------
class Forms(HTMLParser):
    """The page's forms: their action and fields (inputs' values, selects' options)."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict] = []
        self.stylesheets: list[str] = []
        self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        elif tag == "form":
            self.forms.append({"action": attrs.get("action"), "fields": {}, "options": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "select" and self.forms:
            self._select = attrs["name"]
            self.forms[-1]["options"][self._select] = []
        elif tag == "option" and self._select and attrs.get("value"):
            self.forms[-1]["options"][self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def with_action(self, action: str | None) -> dict:
        return next(form for form in self.forms if form["action"] == action)


class Browser:
    """urllib with a cookie jar, as a browser at http://127.0.0.1 behaves.

    With DEBUG off the session and CSRF cookies are Secure; browsers treat loopback as a secure context and
    send them over plain http there, so this jar does too (and only to loopback, where the stack listens).
    """

    def __init__(self, base: str):
        self.base = base
        policy = DefaultCookiePolicy(secure_protocols=("https", "wss", "http"), allowed_domains=["127.0.0.1"])
        self.opener = build_opener(HTTPCookieProcessor(CookieJar(policy)))

    def get(self, path: str):
        return self._open(Request(self.base + path))

    def post(self, path: str, data: dict):
        # Browsers send Origin with a form POST; Django checks it against the host.
        headers = {"Origin": self.base, "Content-Type": "application/x-www-form-urlencoded"}
        return self._open(Request(self.base + path, data=urlencode(data).encode(), headers=headers))

    def _open(self, request):
        try:
            response = self.opener.open(request, timeout=20)
        except HTTPError as error:
            response = error
        body = response.read()
        return response.status, response.headers, response.geturl().removeprefix(self.base), body


def health(browser: Browser, stack: Stack):
    stack.check_running()
    try:
        return browser.get("/healthz")[0] == 200
    except (URLError, OSError):
        return False


# --- The test ---------------------------------------------------------------------------------------------
def test_the_procfile_stack_serves_staff_and_builds_a_report_on_its_worker(
    smoke_database, smoke_broker, collected_static, stack, tmp_path
):
    started = time.monotonic()
    port = free_port()
    env = production_env(
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=smoke_database,
        CELERY_BROKER_URL=smoke_broker,
        STATIC_ROOT=str(collected_static.root),
        MEDIA_ROOT=str(tmp_path / "media"),
        # Plain http on loopback: everything else of production's HTTPS hardening stays on.
        SECURE_SSL_REDIRECT="0",
        PORT=str(port),
        WEB_HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        CELERY_WORKER_CONCURRENCY="1",
        SITE_URL=f"http://127.0.0.1:{port}",
        # Staff need a second factor when DEBUG is off; this test's user signs in with a password alone.
        TWO_FACTOR_REQUIRED_ROLES="none",
    )
    # make serve runs exactly these lines through honcho, whose reading of the Procfile must agree with ours.
    assert dict(parse_procfile(PROCFILE.read_text()).processes) == read_procfile()
    assert list(read_procfile()) == ["web", "worker", "beat"]

    lap = {}
    migrated = run(["manage.py", "migrate", "--noinput"], env, timeout=180)
    lap["migrate"] = time.monotonic()
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    created = run(["manage.py", "shell", "-c", CREATE_STAFF], env)
    assert created.returncode == 0, created.stderr
    # Collected by production's storage meanwhile.
    assert collected_static.returncode == 0, collected_static.output

    running = stack(env)
    running.start()
    browser = Browser(f"http://127.0.0.1:{port}")
    wait_for(lambda: health(browser, running), timeout=40, what="/healthz to answer 200")
    wait_for(lambda: " ready." in running.log("worker"), timeout=40, what="the Celery worker to be ready")
    wait_for(lambda: "beat: Starting..." in running.log("beat"), timeout=20, what="beat to start")
    assert "scheduler -> django_celery_beat.schedulers.DatabaseScheduler" in running.log("beat")
    lap["stack up"] = time.monotonic()

    # Sign in through the sign-in page, with its CSRF token, as a browser does.
    status, _, _, body = browser.get("/accounts/login/")
    assert status == 200
    sign_in = Forms(body.decode()).with_action(None)["fields"]
    status, _, landed, body = browser.post(
        "/accounts/login/", {**sign_in, "username": "smoke-staff", "password": STAFF_PASSWORD}
    )
    page = body.decode()
    assert (status, landed) == (200, "/"), page[:2000]
    assert "Signed in as <strong>Smoke</strong>" in page

    # The page's stylesheets are the hashed, compressed copies, served for ever by WhiteNoise.
    stylesheets = Forms(page).stylesheets
    assert len(stylesheets) == 2
    for href in stylesheets:
        assert re.fullmatch(r"/static/[\w/.-]+\.[0-9a-f]{12}\.css", href), href
        status, headers, _, css = browser.get(href)
        assert (status, headers.get_content_type()) == (200, "text/css"), href
        assert "immutable" in headers["Cache-Control"]
        assert b".govuk-" in css or b".vru-" in css

    # Ask for a report through the page staff use, and watch the worker build it.
    status, _, _, body = browser.get("/reports/")
    build = Forms(body.decode()).with_action("/reports/build/")
    period = build["options"]["period"][0]
    status, _, landed, body = browser.post("/reports/build/", {**build["fields"], "period": period})
    assert status == 200 and landed.startswith("/reports/requests/"), body.decode()[:2000]

    def finished():
        status, _, _, body = browser.get(f"{landed}status.json")
        assert status == 200
        state = json.loads(body)
        return state["finished"] and state

    state = wait_for(finished, timeout=40, what="the worker to build the report", interval=0.5)
    lap["report built"] = time.monotonic()
    assert state["status"] == "done", state
    assert state["report_url"].endswith(f"/{period}/")
    assert browser.get(state["report_url"])[0] == 200
    assert re.search(r"Task programmes\.tasks\.build_performance_report\[[\w-]+\] succeeded", running.log("worker"))

    # The access log is on stdout; two web workers served it.
    web_log = running.log("web")
    assert web_log.count("Booting worker with pid") == 2
    assert '"GET /healthz HTTP/1.1" 200' in web_log

    running.stop()
    assert running.leftovers() == {}
    assert running.killed == [], f"needed SIGKILL: {running.killed}\n{running.all_logs()}"
    lap["stopped"] = time.monotonic()
    print("production stack:", ", ".join(f"{step} at {when - started:.1f}s" for step, when in lap.items()))
