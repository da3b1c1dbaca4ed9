"""How much memory and time the monitoring-return export takes at two sizes: a one-off measurement, not a test.

Each size has its own throwaway database (created and migrated beforehand), filled once with ``seed``:

    export DEBUG=0 SECRET_KEY=... ALLOWED_HOSTS=testserver CELERY_BROKER_URL=redis://127.0.0.1:6379/7
    for n in 2000 20000; do
        createdb -h 127.0.0.1 -U postgres vru_bench_$n
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/vru_bench_$n .venv/bin/python manage.py migrate
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/vru_bench_$n .venv/bin/python bench/export_memory.py seed $n
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/vru_bench_$n .venv/bin/python bench/export_memory.py run
    done

``run`` downloads the CSV and the XLSX of every return as a VRU staff member, each in a fresh process, and
prints the rows, bytes, seconds and the growth of the process's peak resident memory (ru_maxrss) over
what it was just before the request (after Django, the URLs and one warm-up export of one return).
"""

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vru.settings")
# The bench signs in by force_login, without a second factor.
os.environ.setdefault("TWO_FACTOR_REQUIRED_ROLES", "")

# The last commit before exports were streamed: ``before`` runs its export code beside today's.
BEFORE = "c5e9973"
RETURNS_PER_GRANT = 400  # a hundred financial years of four quarters each: awarding a grant takes a second or two
USERNAME = "bench-staff"


def seed(count: int) -> None:
    """``count`` returns (400 to a grant), a third of them submitted, each with two reach rows and
    a spend row, bulk-created on grants awarded through the real services."""
    from datetime import date, datetime, timedelta
    from decimal import Decimal

    from django.utils import timezone

    from commissioning.models import MonitoringReturn, ReturnReach, ReturnSpend, ReturnStatus
    from commissioning.tests.grants.factories import grant_for
    from partners.tests.factories import OrganisationFactory
    from vru.tests.factories import UserFactory

    staff = UserFactory(username=USERNAME, role="staff")
    partner = UserFactory(username="bench-partner", role="partner")
    organisation = OrganisationFactory(name="Bench Youth Trust")
    start = time.monotonic()
    for number in range(-(-count // RETURNS_PER_GRANT)):
        grant = grant_for(organisation, project_title=f"Bench project {number} =SUM(A1)")
        lines = list(grant.application.budget_lines.all())
        boroughs = list(grant.application.boroughs.all())
        returns = []
        for year in range(1926, 2026):
            for quarter in (1, 2, 3, 4):
                submitted = (year + quarter) % 3 == 0
                returns.append(
                    MonitoringReturn(
                        grant=grant,
                        financial_year=year,
                        quarter=quarter,
                        due_on=date(year, 7, 14) + timedelta(days=91 * (quarter - 1)),
                        status=ReturnStatus.SUBMITTED if submitted else ReturnStatus.DRAFT,
                        progress="Ran twelve sessions in two youth clubs." if submitted else "",
                        submitted_at=timezone.make_aware(datetime(year, 8, 1)) if submitted else None,
                        submitted_by=partner if submitted else None,
                    )
                )
        returns = MonitoringReturn.objects.bulk_create(returns[: RETURNS_PER_GRANT - grant.returns.count()])
        ReturnReach.objects.bulk_create(
            ReturnReach(monitoring_return=r, borough=borough, age_band="15_17", count=7)
            for r in returns
            for borough in boroughs
        )
        ReturnSpend.objects.bulk_create(
            ReturnSpend(monitoring_return=r, budget_line=lines[0], amount=Decimal("1250.00")) for r in returns
        )
    print(
        f"{MonitoringReturn.objects.count()} returns, {ReturnReach.objects.count()} reach rows "
        f"for {staff.username} in {time.monotonic() - start:.0f} s"
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _module_at(name: str, path: str, replace: dict[str, str]):
    """``path`` as it was at ``BEFORE``, imported as ``name`` with its imports redirected by ``replace``."""
    import types

    source = subprocess.run(
        ["git", "show", f"{BEFORE}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    for old, new in replace.items():
        source = source.replace(old, new)
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile(source, f"{BEFORE}:{path}", "exec"), module.__dict__)
    return module


def _export_view(version: str):
    if version == "after":
        from commissioning.views.returns.listing import return_list_export

        return return_list_export
    _module_at("bench_before_exports", "vru/exports.py", {})
    _module_at("bench_before_return_selectors", "commissioning/selectors/returns.py", {})
    views = _module_at(
        "bench_before_return_views",
        "commissioning/views/returns/listing.py",
        {
            "from vru.exports import table_response": "from bench_before_exports import table_response",
            "from commissioning.selectors import returns as selectors": (
                "import bench_before_return_selectors as selectors"
            ),
        },
    )
    return views.return_list_export


def measure(version: str, fmt: str) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from commissioning.models import MonitoringReturn

    view = _export_view(version)
    user = get_user_model().objects.get(username=USERNAME)

    def get(**query):
        request = RequestFactory().get("/returns/export", {"format": fmt, **query})
        request.user = user
        response = view(request)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        response.close()
        return response, body

    get(status="accepted")  # no rows: imports openpyxl, fills caches
    before = peak_mb()
    start = time.monotonic()
    response, body = get()
    seconds = time.monotonic() - start
    growth = peak_mb() - before
    return {
        "version": version,
        "format": fmt,
        "returns": MonitoringReturn.objects.count(),
        "status": response.status_code,
        "streamed": response.streaming,
        "bytes": len(body),
        # A workbook carries the time it was written, so only a CSV can be compared byte for byte.
        "sha1": hashlib.sha1(body).hexdigest()[:10] if fmt == "csv" else "",
        "seconds": round(seconds, 2),
        "peak_rss_growth_mb": round(growth, 1),
    }


def run() -> None:
    print(f"{'code':6} {'format':6} {'status':>6} {'returns':>8} {'bytes':>11} {'seconds':>8} {'RSS +MB':>8} CSV sha1")
    for version in ("before", "after"):
        for fmt in ("csv", "xlsx"):
            out = subprocess.run(
                [sys.executable, __file__, "measure", version, fmt], check=True, capture_output=True, text=True
            ).stdout
            row = json.loads(out.strip().splitlines()[-1])
            print(
                f"{version:6} {row['format']:6} {row['status']:>6} {row['returns']:>8} {row['bytes']:>11,} "
                f"{row['seconds']:>8} {row['peak_rss_growth_mb']:>8} {row['sha1']}"
            )


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "seed":
        import django

        django.setup()
        seed(int(sys.argv[2]))
    elif command == "measure":
        print(json.dumps(measure(sys.argv[2], sys.argv[3])))
    else:
        run()
