import logging
import os
import threading

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vru.settings")

logger = logging.getLogger(__name__)

app = Celery("vru")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def send_now(task, *args, long: bool = False) -> Exception | None:
    """Publish ``task`` once, without kombu's publish retries; the error if the broker can't be reached.

    A page must not hang on a dead broker. Callers keep the work in the database (an outbox row)
    and send it again later, so a failure here loses nothing.

    Without a broker tasks run in-process; a ``long`` one (minutes of work) then runs on a thread of
    this process (``IN_PROCESS_TASKS_ON_THREADS``), so the request that asked for it answers at once
    instead of being timed out by the web server half-way.
    """
    from django.conf import settings
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    if long and app.conf.task_always_eager and getattr(settings, "IN_PROCESS_TASKS_ON_THREADS", False):
        run_on_thread(task, *args)
        return None
    try:
        task.apply_async(args=args, retry=False)
    except (OperationalError, RedisError, OSError) as exc:
        return exc
    return None


def run_on_thread(task, *args) -> threading.Thread:
    """Run ``task`` in-process on a new thread, closing the thread's database connections after it."""

    def work():
        from django.db import connections

        try:
            task.apply(args=args)
        except Exception:
            # The task records its own failure (its on_failure); this only keeps the thread's death quiet.
            logger.exception("In-process task %s%r failed", task.name, args)
        finally:
            connections.close_all()

    # Not a daemon: a web process shutting down gracefully lets the task finish first.
    thread = threading.Thread(target=work, name=f"{task.name}{args!r}")
    thread.start()
    return thread
