import subprocess
import sys
from functools import cached_property
from pathlib import Path

import pytest

from vru.tests.production import ROOT, production_env


class CollectedStatic:
    """``collectstatic`` running in the background; ``returncode`` and ``output`` wait for it to finish."""

    def __init__(self, root: Path):
        self.root = root
        self._process = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=production_env(STATIC_ROOT=str(root)),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    @cached_property
    def output(self) -> str:
        return self._process.communicate(timeout=180)[0]

    @property
    def returncode(self) -> int:
        self.output  # noqa: B018  (waits for the process)
        return self._process.returncode


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """``collectstatic`` as production runs it (DEBUG off: WhiteNoise's compressed manifest storage) into a
    temporary STATIC_ROOT, once per run: the static-files test judges it and the production stack serves it
    (started at once, it runs while that test migrates its database)."""
    collected = CollectedStatic(tmp_path_factory.mktemp("staticfiles"))
    yield collected
    if collected._process.poll() is None:
        collected._process.kill()
        collected._process.wait()
