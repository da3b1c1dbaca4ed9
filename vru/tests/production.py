"""The production path, as an operator runs it: real settings (``vru.settings``, DEBUG off) in subprocesses.

Shared by the settings, static-files and production-stack tests, so they all start the site the way
``make serve`` does rather than through the test settings.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROCFILE = ROOT / "Procfile"
# What an operator generates: 50+ characters of several kinds.
STRONG_KEY = "k3y-" + "aZ9_" * 16
# A process type's name, a colon, its command: the Procfile format honcho, foreman and the platforms read.
PROCFILE_LINE = re.compile(r"^([A-Za-z0-9_-]+):\s*(.+)$")


def production_env(**overrides: str) -> dict[str, str]:
    """Settings a production install sets, and no others from this process (the test settings stay out).

    The database and broker are addresses only: commands that never connect (check, collectstatic) need
    them set, as production start-up requires, and tests that do connect pass their own.
    """
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "vru.settings",
        "PYTHONUNBUFFERED": "1",
        "DEBUG": "0",
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "vru.example.org",
        "DATABASE_URL": "postgres://vru@db.example.org:5432/vru",
        "CELERY_BROKER_URL": "redis://redis.example.org:6379/0",
    }
    return env | overrides


def run(args: list[str], env: dict[str, str], *, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python <args>`` in the project with exactly ``env``, its output kept for the assertions."""
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def read_procfile(path: Path = PROCFILE) -> dict[str, str]:
    """The Procfile's process types and their command lines, in order; other lines (comments) are ignored."""
    processes = {}
    for line in path.read_text().splitlines():
        match = PROCFILE_LINE.match(line.strip())
        if match:
            processes[match.group(1)] = match.group(2)
    return processes
