import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vru.settings")

app = Celery("vru")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def send_now(task, *args) -> Exception | None:
    """Publish ``task`` once, without kombu's publish retries; the error if the broker can't be reached.

    A page must not hang on a dead broker. Callers keep the work in the database (an outbox row)
    and send it again later, so a failure here loses nothing.
    """
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    try:
        task.apply_async(args=args, retry=False)
    except (OperationalError, RedisError, OSError) as exc:
        return exc
    return None
