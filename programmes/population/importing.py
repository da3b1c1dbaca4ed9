"""Recording an upload of population figures, and applying it: all of the file, or nothing.

The upload page, the API and the demo data call ``population_import_create``, which keeps the file and
hands it to the Celery task once the upload has committed; the task, and the command line directly,
call ``population_import_run``. Its progress is saved as it goes, outside any transaction, so the
upload's page can show it; the figures are written in one transaction at the end, or not at all.

Without a broker the task runs on a thread of the web process (``vru.celery.send_now``), so the upload
answers at once. Wherever it runs, each step of progress stamps ``updated_at``; an import that shows no
sign of life for ``POPULATION_IMPORT_STALE_MINUTES`` (its worker or web process died) is marked failed
by ``population_imports_fail_stale``, which the import's pages and the outbox dispatcher call.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from programmes.models import ImportStatus, PopulationFigure, PopulationImport, PopulationIndicator
from programmes.population.parsing import ParsedFigure, parse_figures, problem
from vru.celery import send_now

logger = logging.getLogger(__name__)

FINISHED = (ImportStatus.DONE, ImportStatus.FAILED)
BATCH_SIZE = 1000
PROGRESS_EVERY = 500
# A worker normally starts an import within seconds; one still waiting after this was probably never sent.
RESEND_AFTER = timedelta(minutes=5)


def population_import_create(
    *, file_name: str, content: str, user=None, is_demo: bool = False, send: bool = True
) -> PopulationImport:
    """Keep an uploaded file as an import waiting to run, and queue it once this transaction commits.

    ``content`` is the file's text, already read (``parsing.read_csv_bytes``). With ``send=False`` the
    caller runs it itself, as the command line does.
    """
    with transaction.atomic():
        upload = PopulationImport.objects.create(
            file_name=file_name[-255:],
            content=content,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        if send:
            transaction.on_commit(lambda: _send(upload.pk), robust=True)
    return upload


def _send(import_id: int) -> bool:
    """Hand the import to the broker; False, with the import left waiting, if the broker is down."""
    from programmes.population.tasks import run_population_import

    if exc := send_now(run_population_import, import_id, long=True):
        logger.warning("Population import %s waits for the broker, which is unavailable (%s)", import_id, exc)
        return False
    return True


def population_imports_resend(*, older_than: timedelta = RESEND_AFTER) -> int:
    """Send again the imports still waiting to start ``older_than`` after their upload; how many went.

    An upload made while the broker was down is kept and waits; this sends it once the broker is back.
    Sending one twice does no harm: a finished import is not run again.
    """
    waiting = PopulationImport.objects.filter(
        status=ImportStatus.QUEUED, created_at__lt=timezone.now() - older_than
    ).values_list("pk", flat=True)
    return sum(_send(import_id) for import_id in waiting)


def population_import_run(import_id: int, *, today: date | None = None) -> PopulationImport:
    """Check every row of import ``import_id`` and, if all are good, write its figures; the import.

    Figures not yet here are created, figures whose value changed are updated, and identical ones are
    left alone, so the same file imported twice changes nothing. Any bad row and nothing is written:
    the import is marked failed with every problem. An import that has finished is returned as it is,
    so a task delivered twice does the work once.
    """
    today = today or timezone.localdate()
    upload = PopulationImport.objects.get(pk=import_id)
    if upload.status in FINISHED:
        return upload
    PopulationImport.objects.filter(pk=import_id).exclude(status__in=FINISHED).update(
        status=ImportStatus.RUNNING, processed_rows=0, updated_at=timezone.now()
    )

    def progress(done: int, total: int) -> None:
        PopulationImport.objects.filter(pk=import_id, status=ImportStatus.RUNNING).update(
            processed_rows=done, total_rows=total, updated_at=timezone.now()
        )

    result = parse_figures(upload.content, today=today, on_progress=progress, progress_every=PROGRESS_EVERY)
    with transaction.atomic():
        upload = PopulationImport.objects.select_for_update().get(pk=import_id)
        if upload.status in FINISHED:
            return upload
        if result.is_valid:
            upload.created_count, upload.updated_count, upload.unchanged_count = _write(result.figures, upload)
            upload.status, upload.errors = ImportStatus.DONE, []
        else:
            upload.status, upload.errors = ImportStatus.FAILED, result.capped_errors()
        upload.total_rows = upload.processed_rows = result.total_rows
        upload.finished_at = upload.updated_at = timezone.now()
        upload.save()
    return upload


def _write(figures: list[ParsedFigure], upload: PopulationImport) -> tuple[int, int, int]:
    """Create, update or leave each figure, in a fixed number of queries; (created, updated, unchanged)."""
    indicator_ids = sorted({figure.indicator_id for figure in figures})
    # Imports of the same indicators take turns here, so two cannot both create one figure.
    list(PopulationIndicator.objects.select_for_update().filter(pk__in=indicator_ids).order_by("pk").values("pk"))
    starts = [figure.period_start for figure in figures]
    existing = {
        (figure.indicator_id, figure.borough_id, figure.period_start): figure
        for figure in PopulationFigure.objects.filter(
            indicator_id__in=indicator_ids,
            borough_id__in={figure.borough_id for figure in figures},
            period_start__range=(min(starts), max(starts)),
        ).only("pk", "indicator_id", "borough_id", "period_start", "value", "is_demo")
    }
    now = timezone.now()
    new, changed, unchanged = [], [], 0
    for row in figures:
        figure = existing.get((row.indicator_id, row.borough_id, row.period_start))
        if figure is None:
            new.append(row)
        elif figure.value != row.value or figure.is_demo != upload.is_demo:
            figure.value, figure.is_demo, figure.source_import, figure.updated_at = (
                row.value,
                upload.is_demo,
                upload,
                now,
            )
            changed.append(figure)
        else:
            unchanged += 1
    for start in range(0, len(new), BATCH_SIZE):
        _insert_values(new[start : start + BATCH_SIZE], upload, now)
    for start in range(0, len(changed), BATCH_SIZE):
        _update_values(changed[start : start + BATCH_SIZE], upload, now)
    return len(new), len(changed), unchanged


INSERTED_COLUMNS = (
    "indicator_id",
    "borough_id",
    "period_start",
    "period_end",
    "value",
    "is_demo",
    "source_import_id",
    "updated_at",
)


def _insert_values(rows: list[ParsedFigure], upload: PopulationImport, now) -> None:
    """One INSERT of a batch of new figures, without building a model instance for each.

    ``bulk_create`` spent most of a 100,000-figure import making and reading model instances; the rows
    were checked by the parser already, and the table's constraints check them again.
    """
    table = connection.ops.quote_name(PopulationFigure._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in INSERTED_COLUMNS)
    placeholders = "(" + ", ".join(["%s"] * len(INSERTED_COLUMNS)) + ")"
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(now)
    params = [
        value
        for row in rows
        for value in (
            row.indicator_id,
            row.borough_id,
            ops.adapt_datefield_value(row.period_start),
            ops.adapt_datefield_value(row.period_end),
            ops.adapt_decimalfield_value(row.value, 14, 2),
            upload.is_demo,
            upload.pk,
            stamp,
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {', '.join([placeholders] * len(rows))}", params)


def _update_values(figures: list[PopulationFigure], upload: PopulationImport, now) -> None:
    """One UPDATE joined to a VALUES list for a batch of changed figures.

    ``bulk_update`` writes a CASE with a branch per row for each field, which PostgreSQL evaluates row
    by row: 100,000 changed figures took two minutes that way, and take seconds this way.
    """
    table = connection.ops.quote_name(PopulationFigure._meta.db_table)
    rows = ", ".join(["(%s, CAST(%s AS DECIMAL(14, 2)))"] * len(figures))
    adapt = connection.ops.adapt_decimalfield_value
    params = [value for figure in figures for value in (figure.pk, adapt(figure.value, 14, 2))]
    # Only placeholders and our own table's name go into the text; the values are parameters.
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH changed (id, value) AS (VALUES {rows}) "
            f"UPDATE {table} SET value = changed.value, is_demo = %s, source_import_id = %s, updated_at = %s "
            f"FROM changed WHERE {table}.id = changed.id",
            [*params, upload.is_demo, upload.pk, connection.ops.adapt_datetimefield_value(now)],
        )


def population_import_mark_failed(import_id: int, reason: str) -> None:
    """After the task gave up: the import says it stopped, and that nothing was imported."""
    _fail(
        PopulationImport.objects.filter(pk=import_id),
        f"The import stopped before it finished ({reason}). Upload the file again.",
    )


def _fail(imports, message: str) -> int:
    now = timezone.now()
    return imports.exclude(status__in=FINISHED).update(
        status=ImportStatus.FAILED, errors=[problem(None, None, message)], finished_at=now, updated_at=now
    )


def population_imports_fail_stale(*, import_id: int | None = None) -> int:
    """Mark failed the imports that have shown no sign of life for POPULATION_IMPORT_STALE_MINUTES; how many.

    A running import stamps ``updated_at`` at every step, so one that stopped doing so died with its
    worker or web process and would otherwise say "running" for ever. Its figures are written all at
    once at the end, so nothing of it was imported and uploading the file again is safe. A waiting
    import is left alone where a broker will take it (the dispatcher sends it again); in-process it
    starts on a thread at once, so one still waiting never will. ``import_id`` checks that one only.
    """
    minutes = settings.POPULATION_IMPORT_STALE_MINUTES
    stale = PopulationImport.objects.filter(updated_at__lt=timezone.now() - timedelta(minutes=minutes))
    if import_id is not None:
        stale = stale.filter(pk=import_id)
    statuses = [ImportStatus.RUNNING, *([ImportStatus.QUEUED] if _tasks_run_in_process() else [])]
    return _fail(
        stale.filter(status__in=statuses),
        f"The import stopped: no progress for {minutes} minutes (the process running it ended). "
        "Nothing was imported: upload the file again.",
    )


def _tasks_run_in_process() -> bool:
    from vru.celery import app

    return bool(app.conf.task_always_eager)
