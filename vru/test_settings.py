"""Settings for the test suite: the development defaults plus fast, local stand-ins.

The database and broker still come from DATABASE_URL and CELERY_BROKER_URL, so
CI tests against real PostgreSQL and Redis.
"""

import os

os.environ.setdefault("DEBUG", "1")

from vru.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in-process unless a test starts a real worker against the broker.
CELERY_TASK_ALWAYS_EAGER = True
# A test's own transaction is invisible to another thread: tests that want the thread turn it on.
IN_PROCESS_TASKS_ON_THREADS = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
