"""The Celery task that runs an uploaded population figures file. Thin: it loads nothing and calls the service.

Celery finds tasks in each app's ``tasks`` module, so ``programmes.tasks`` imports this one.
"""

from celery import Task, shared_task
from django.db import OperationalError

from programmes.models import PopulationImport
from programmes.population.importing import (
    population_import_mark_failed,
    population_import_run,
)


class PopulationImportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Called once the retries are spent: the upload's page says it stopped rather than waiting forever.
        if args:
            population_import_mark_failed(args[0], f"{type(exc).__name__}: {exc}")


@shared_task(
    base=PopulationImportTask,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    dont_autoretry_for=(PopulationImport.DoesNotExist,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def run_population_import(import_id: int) -> str:
    """Check and apply import ``import_id``; its status. Safe to run twice: a finished import is left alone."""
    return population_import_run(import_id).status
