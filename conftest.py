"""Test personas and the rules for tests that need PostgreSQL or Redis.

Every role is a persona created once per test: admin, staff, manager, prg,
partner. Tests marked ``postgres`` or ``redis`` are skipped, with the reason,
where the service is missing, and fail under CI (``CI=true``), where it must be there.
"""

import os
import socket
import uuid
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from vru.roles import GROUP_NAMES, Role

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# Playwright's sync API keeps an event loop running in the test thread, which makes
# Django refuse the (synchronous, safe) database calls of the tests themselves.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _uses_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _redis_answers() -> bool:
    url = urlparse(settings.CELERY_BROKER_URL or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    try:
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def pytest_configure(config):
    if IN_CI and not _uses_postgres():
        raise pytest.UsageError("Under CI the tests must run on PostgreSQL: set DATABASE_URL to it.")


def pytest_runtest_setup(item):
    missing = []
    if item.get_closest_marker("postgres") and not _uses_postgres():
        missing.append("needs PostgreSQL (DATABASE_URL is not a PostgreSQL URL)")
    if item.get_closest_marker("redis") and not _redis_answers():
        missing.append("needs Redis (nothing answers at CELERY_BROKER_URL)")
    if missing:
        reason = "; ".join(missing)
        if IN_CI:
            pytest.fail(f"{reason}: under CI this is a failure, not a skip", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def own_cache(settings):
    """Each test counts in a cache of its own (a fresh key prefix), so a limit one test reaches never holds
    up another; Redis is not flushed, since Celery's broker may share its database."""
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"} for name, config in settings.CACHES.items()
    }


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path_factory):
    """Uploads and demo files land in a temporary MEDIA_ROOT, never in the project."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


def _persona(django_user_model, username, role=None, **extra):
    user = django_user_model.objects.create_user(
        username=username,
        password="correct-horse-battery",
        email=f"{username}@example.org",
        first_name=username.title(),
        last_name="Persona",
        **extra,
    )
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user


@pytest.fixture
def admin_user(django_user_model, db):
    return _persona(django_user_model, "admin", is_superuser=True, is_staff=True)


@pytest.fixture
def staff_user(django_user_model, db):
    return _persona(django_user_model, "staff", Role.STAFF)


@pytest.fixture
def manager_user(django_user_model, db):
    return _persona(django_user_model, "manager", Role.MANAGER)


@pytest.fixture
def prg_user(django_user_model, db):
    return _persona(django_user_model, "prg", Role.PRG)


@pytest.fixture
def partner_user(django_user_model, db):
    return _persona(django_user_model, "partner", Role.PARTNER)


@pytest.fixture
def personas(admin_user, staff_user, manager_user, prg_user, partner_user):
    """Every role, by name, for tests that check a rule for each of them."""
    return {
        "admin": admin_user,
        "staff": staff_user,
        "manager": manager_user,
        "prg": prg_user,
        "partner": partner_user,
    }


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# --- Browser tests ------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless, with nothing reaching out to the network."""
    if not os.path.exists(CHROMIUM):
        message = f"needs Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)"
        if IN_CI:
            pytest.fail(f"{message}: under CI this is a failure, not a skip", pytrace=False)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def e2e_reference_data(request):
    """The migrations' reference data (objectives, boroughs, groups) for every browser test, whatever ran before.

    Once Playwright's event loop runs in the test thread, asgiref's context-local
    storage gives Django a second connection object there, while the test
    database's serialized contents hang on the first. ``serialized_rollback``
    then neither restores the reference data nor keeps it from the flush after
    a transactional test, so the second browser test of a run would find no
    boroughs. Give the connection in use those contents and, if a previous
    test's clean-up removed the data, load it back.
    """
    if request.node.get_closest_marker("e2e") is None:
        return
    request.getfixturevalue("page")  # start Playwright first, so the connection below is the one the test uses
    from django.core.management import call_command
    from django.db import connections

    from partners.models import Borough

    current = connections["default"]
    first = getattr(connections._connections._storage, "default", None)
    contents = getattr(current, "_test_serialized_contents", None) or getattr(first, "_test_serialized_contents", None)
    if contents is None:
        return
    current._test_serialized_contents = contents
    if not Borough.objects.exists():
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        current.creation.deserialize_db_from_string(contents)


@pytest.fixture
def axe():
    """Runs axe-core (shipped inside axe-playwright-python) on the page and fails on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page):
        results = checker.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check
