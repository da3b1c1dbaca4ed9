"""gunicorn's settings for the Procfile's web process (`gunicorn --config gunicorn.conf.py vru.wsgi`).

Every figure can be changed from the environment, as the site's own settings are (README, "Running in
production"). gunicorn reads this file as Python, before Django starts.
"""

import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"{name} must be a whole number; got {value!r}.") from None


# All interfaces, as a platform or a container expects; WEB_HOST=127.0.0.1 behind a proxy on the same machine.
bind = f"{os.environ.get('WEB_HOST', '0.0.0.0').strip()}:{_int('PORT', 8000)}"
# Sync workers: each serves one request at a time, so this is how many requests are served at once.
workers = _int("WEB_CONCURRENCY", 2)
# A worker silent for this long is killed and replaced; reports and imports run on the Celery worker.
timeout = _int("WEB_TIMEOUT", 60)
# On a restart, requests under way get this long to finish.
graceful_timeout = _int("WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Each worker is replaced after about this many requests (staggered by the jitter, so they are not
# all replaced at once), which bounds what a slow leak can grow to.
max_requests = _int("WEB_MAX_REQUESTS", 1000)
max_requests_jitter = _int("WEB_MAX_REQUESTS_JITTER", 100)
# Request and error logs to stdout and stderr, for the process manager to keep. %(M)s: milliseconds taken.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
loglevel = os.environ.get("LOG_LEVEL", "info").strip().lower()
# gunicorn's control socket is one path per user ($HOME/.gunicorn/gunicorn.ctl), which several sites or
# web processes on one machine would fight over; signals (HUP, TERM) do what we need.
control_socket_disable = True
# Workers' heartbeat files in memory rather than on a disk that may stall.
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"
