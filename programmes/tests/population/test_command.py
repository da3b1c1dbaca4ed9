"""``manage.py import_population_indicators FILE [--demo]``: what it prints, its exit status, and that a bad
file imports nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connections

from programmes.models import ImportStatus, PopulationFigure, PopulationImport
from programmes.tests.population.conftest import KNIFE, LAMBETH, SOUTHWARK, csv_text

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR) / "docs" / "sample-population-indicators.csv"


def call(*args):
    out, err = StringIO(), StringIO()
    call_command("import_population_indicators", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_sample_file_imports_and_a_second_run_changes_nothing(indicators):
    rows = len(SAMPLE.read_text().splitlines()) - 1

    out, err = call(str(SAMPLE))

    assert out == f"Imported {SAMPLE}: {rows} created, 0 updated, 0 unchanged.\n"
    assert err == ""
    assert PopulationFigure.objects.filter(is_demo=False).count() == rows
    upload = PopulationImport.objects.get()
    assert (upload.file_name, upload.uploaded_by, upload.status) == (SAMPLE.name, None, ImportStatus.DONE)

    out, _ = call(str(SAMPLE))

    assert out == f"Imported {SAMPLE}: 0 created, 0 updated, {rows} unchanged.\n"


def test_demo_marks_the_figures_as_demo(indicators, tmp_path):
    path = tmp_path / "demo.csv"
    path.write_text(csv_text((KNIFE, LAMBETH, "2025-04", "3")))

    call(str(path), "--demo")

    assert PopulationFigure.objects.get().is_demo
    assert PopulationImport.objects.get().is_demo


def test_every_bad_row_goes_to_stderr_and_nothing_is_imported(indicators, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(
        csv_text(
            (KNIFE, LAMBETH, "2025-04", "3"),
            (KNIFE, LAMBETH, "2025-05", "3"),
            (KNIFE, LAMBETH, "2025-06", "3"),
            (KNIFE, "E09000099", "2025-04", "3"),
            (KNIFE, SOUTHWARK, "2025-04", "-3"),
            (KNIFE, LAMBETH, "2025-04", "4"),
        )
    )
    err = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("import_population_indicators", str(path), stdout=StringIO(), stderr=err)

    assert str(caught.value) == f"Nothing was imported from {path}: correct the rows above and run the command again."
    assert err.getvalue().splitlines() == [
        "Row 5, borough_code: 'E09000099' is not a London borough's ONS code.",
        "Row 6, value: -3 is negative: a figure cannot be less than 0.",
        "Row 7: This row repeats row 2: the same indicator, borough and period.",
    ]
    assert not PopulationFigure.objects.exists()
    assert PopulationImport.objects.get().status == ImportStatus.FAILED


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("figures.txt", b"a", "The selected file must be a CSV file"),
        ("figures.csv", b"", "The selected file is empty."),
        ("figures.csv", "indicator\nCôte".encode("latin-1"), "The selected file is not UTF-8 text"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_the_reason(indicators, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)

    with pytest.raises(CommandError) as caught:
        call(str(path))

    assert str(caught.value).startswith(f"{path}: {message}")
    assert str(caught.value).endswith("Nothing was imported.")
    assert not PopulationImport.objects.exists()


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        call(str(tmp_path / "nowhere.csv"))
    with pytest.raises(CommandError, match="is a folder, not a CSV file"):
        call(str(tmp_path))


def test_the_command_exits_with_status_1_and_the_problems_on_stderr(indicators, tmp_path, capsys, monkeypatch):
    """As a shell runs it: through manage.py's own argument handling."""
    # run_from_argv closes the connections when it ends, which would close the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    path = tmp_path / "figures.csv"
    path.write_text(csv_text((KNIFE, "E09000099", "2025-04", "3")))

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_population_indicators", str(path)]).execute()

    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "Row 2, borough_code: 'E09000099' is not a London borough's ONS code." in err
    assert f"CommandError: Nothing was imported from {path}" in err
    assert not PopulationFigure.objects.exists()
