"""Commissioning's Celery tasks: thin, each calling one service.

``chase_overdue_returns`` runs daily at 07:00 London time (``CELERY_BEAT_SCHEDULE`` in
vru/settings.py, copied into the database by django-celery-beat, where the admin can
change it).
"""

import logging

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from commissioning.services.returns import overdue_returns_chase

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def chase_overdue_returns() -> int:
    """Email each organisation once about its newly overdue returns, and VRU staff a digest of them.

    Safe to run again, or on two workers at once: a return is chased only once.
    Returns how many returns it chased.
    """
    chased = overdue_returns_chase(today=timezone.localdate())
    if chased:
        logger.info("Chased %d overdue monitoring returns", len(chased))
    return len(chased)
