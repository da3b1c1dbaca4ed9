"""Real Redis servers and real Celery workers for the tests that need them.

A worker is ``celery -A vru worker`` in its own process group, reading the test database
(committed data only, so these tests use ``transactional_db``) and its own Redis database.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from kombu import pools

from vru.celery import app as celery_app

PROJECT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"Gave up after {timeout:.0f}s waiting for {what}")


def redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A redis-server of the test's own on a free port, which the test may stop and start again."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: redis_answers(self.port), timeout=10, what="redis-server to start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        wait_for(lambda: not redis_answers(self.port), timeout=10, what="redis-server to stop")


def database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A real Celery worker process, its output kept in a log file for the assertions and for failures."""

    def __init__(self, broker_url: str, log_path: Path, *, visibility_timeout: int = 2):
        self.log_path = log_path
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "vru.settings",
            "DEBUG": "1",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout),
            "EMAIL_HOST": "",
            "PYTHONUNBUFFERED": "1",  # so the log holds everything up to a SIGKILL
        }
        self.log = open(log_path, "ab")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "vru", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"test-{log_path.stem}@%h"],
            cwd=PROJECT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(self._ready, timeout=60, what=f"the worker to start (log: {log_path})", interval=0.3)

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"The worker exited at start:\n{self.output()}")
        return " ready." in self.output()

    def kill(self):
        """SIGKILL, as the kernel's OOM killer or a lost machine would: no warm shutdown, no ack."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if not self.log.closed:
            self.log.close()


@contextmanager
def worker(broker_url, log_path, **kwargs):
    running = Worker(broker_url, log_path, **kwargs)
    try:
        yield running
    finally:
        running.stop()


@contextmanager
def real_broker(url: str):
    """This process sends tasks to ``url`` instead of running them in-process, as production does."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    saved_environ = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = url

    def reset_pool():
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
            celery_app._pool = None
        celery_app.amqp._producer_pool = None
        pools.reset()  # kombu keeps producer pools per broker address, process-wide

    conf.broker_url, conf.task_always_eager = url, False
    reset_pool()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager = saved
        if saved_environ is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_environ
        reset_pool()
