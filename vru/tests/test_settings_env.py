"""Settings come from the environment, strictly: a bad value stops start-up with a clear message."""

import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from vru.env import env_bool, env_int, env_list
from vru.tests.production import ROOT, STRONG_KEY, production_env, run


def _run(args, **env):
    base = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "vru.settings",
    }
    return run(args, base | env)


def test_env_helpers_refuse_bad_values(monkeypatch):
    monkeypatch.setenv("FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be one of"):
        env_bool("FLAG", False)
    monkeypatch.setenv("NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="NUMBER must be a whole number"):
        env_int("NUMBER", 1)
    monkeypatch.setenv("NUMBER", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("NUMBER", 1, minimum=0)
    monkeypatch.setenv("HOSTS", " a.example , b.example,, ")
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "0"}, "SECRET_KEY must be set"),
        ({"DEBUG": "0", "SECRET_KEY": "short"}, "SECRET_KEY is too weak"),
        ({"DEBUG": "0", "SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS must be set"),
        (
            {"DEBUG": "0", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "vru.example.org"},
            "DATABASE_URL must be set when DEBUG is off",
        ),
        (
            {
                "DEBUG": "0",
                "SECRET_KEY": STRONG_KEY,
                "ALLOWED_HOSTS": "vru.example.org",
                "DATABASE_URL": "postgres:///vru",
            },
            "CELERY_BROKER_URL must be set when DEBUG is off",
        ),
        ({"DEBUG": "maybe"}, "DEBUG must be one of"),
        ({"DEBUG": "1", "DATABASE_URL": "nonsense://"}, "DATABASE_URL"),
        ({"DEBUG": "1", "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "twenty"}, "EMAIL_PORT must be a whole number"),
    ],
)
def test_bad_settings_stop_start_up_with_a_clear_message(env, message):
    result = _run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_the_deploy_check_without_warnings():
    # DEBUG off, a strong SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and CELERY_BROKER_URL: what production sets.
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_in_process_tasks_are_a_choice_in_production_and_the_default_only_in_development():
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CELERY_TASK_ALWAYS_EAGER)"
    without_broker = production_env(CELERY_BROKER_URL="")
    assert _run(["-c", code], **without_broker).returncode != 0
    assert _run(["-c", code], **without_broker, CELERY_TASKS_IN_PROCESS="1").stdout.split() == ["True"]
    assert _run(["-c", code], **production_env()).stdout.split() == ["False"]
    assert _run(["-c", code], DEBUG="1").stdout.split() == ["True"]


def test_unset_settings_run_on_an_embedded_sqlite_file_with_tasks_in_process():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.TIME_ZONE, s.LANGUAGE_CODE)"
    )
    result = _run(["-c", code], DEBUG="1")
    engine, name, eager, tz, language = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(ROOT / "db.sqlite3")
    assert (eager, tz, language) == ("True", "Europe/London", "en-gb")
    with_broker = _run(["-c", code], DEBUG="1", CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    assert with_broker.stdout.split()[2] == "False"
