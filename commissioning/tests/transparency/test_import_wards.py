"""``manage.py import_wards``: London's wards from the ONS lookup, all or nothing, idempotent."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from commissioning.tests.transparency.factories import WardFactory, grant_in
from partners.models import Borough, Ward

pytestmark = pytest.mark.django_db

SAMPLE = settings.BASE_DIR / "docs" / "sample-ons-ward-lookup-2024.csv"
HEADER = "WD24CD,WD24NM,WD24NMW,LAD24CD,LAD24NM,LAD24NMW,ObjectId"


def lookup(tmp_path, *rows, header=HEADER, name="lookup.csv", bom=True) -> Path:
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + "\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run(path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_wards", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path) -> tuple[str, str]:
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_wards", str(path), stdout=StringIO(), stderr=err)
    return str(caught.value), err.getvalue()


def wards() -> list[tuple[str, str, str]]:
    return list(Ward.objects.order_by("ons_code").values_list("ons_code", "name", "borough__name"))


def test_the_sample_imports_london_and_skips_the_rest():
    out, _err = run(SAMPLE)
    assert "7 new, 0 renamed or moved, 0 unchanged; 1 rows outside London skipped." in out
    assert wards() == [
        ("E05009323", "Canary Wharf", "Tower Hamlets"),
        ("E05009335", "Weavers", "Tower Hamlets"),
        ("E05011095", "Borough & Bankside", "Southwark"),
        ("E05011103", "Goose Green", "Southwark"),
        ("E05011110", "Peckham", "Southwark"),
        ("E05014085", "Brixton Acre Lane", "Lambeth"),
        ("E05014111", "Stockwell West & Larkhall", "Lambeth"),
    ]


def test_importing_again_changes_nothing():
    run(SAMPLE)
    before = list(Ward.objects.order_by("pk").values_list("pk", "ons_code", "name", "borough_id"))
    out, _err = run(SAMPLE)
    assert "0 new, 0 renamed or moved, 7 unchanged" in out
    assert list(Ward.objects.order_by("pk").values_list("pk", "ons_code", "name", "borough_id")) == before


def test_a_newer_file_renames_a_ward_and_keeps_its_row(tmp_path):
    run(SAMPLE)
    ward = Ward.objects.get(ons_code="E05011110")
    out, _err = run(lookup(tmp_path, "E05011110,Peckham Central,,E09000028,Southwark,,1"))
    assert "0 new, 1 renamed or moved, 0 unchanged" in out
    ward.refresh_from_db()
    assert ward.name == "Peckham Central"
    assert Ward.objects.count() == 7  # wards the file does not list are left alone


def test_two_wards_may_swap_names(tmp_path):
    lambeth = "E09000022,Lambeth,,"
    run(lookup(tmp_path, f"E05000001,North,,{lambeth}1", f"E05000002,South,,{lambeth}2"))
    run(lookup(tmp_path, f"E05000001,South,,{lambeth}1", f"E05000002,North,,{lambeth}2"))
    assert wards() == [("E05000001", "South", "Lambeth"), ("E05000002", "North", "Lambeth")]


def test_any_years_columns_are_read(tmp_path):
    path = lookup(tmp_path, "E05000003,Vauxhall,E09000022,Lambeth", header="WD19CD,WD19NM,LAD19CD,LAD19NM", bom=False)
    run(path)
    assert wards() == [("E05000003", "Vauxhall", "Lambeth")]


def test_bad_rows_are_reported_by_number_and_nothing_is_imported(tmp_path):
    path = lookup(
        tmp_path,
        "E05014085,Brixton Acre Lane,,E09000022,Lambeth,,1",
        "E0501408,Short code,,E09000022,Lambeth,,2",
        "E05014086,,,E09000022,Lambeth,,3",
        "E05014087,Nowhere,,E09000099,Atlantis,,4",
        "E05014088,No borough,,,,,5",
        "E05014085,Brixton Hill,,E09000022,Lambeth,,6",
        "E05014089,Brixton Acre Lane,,E09000022,Lambeth,,7",
        "W05000001,Cardiff ward,,W06000015,Cardiff,,8",
        f"E05014090,{'x' * 101},,E09000022,Lambeth,,9",
    )
    message, err = refused(path)
    assert message == f"Nothing was imported: 7 problems in {path}."
    assert err.splitlines() == [
        "Row 3: 'E0501408' is not an ONS ward code (E05 and six digits).",
        "Row 4: the ward name is missing.",
        "Row 5: no London borough has the code E09000099.",
        "Row 6: the local authority code (LAD24CD) is missing.",
        "Row 7: ward E05014085 is also on row 2, with another name or borough.",
        "Row 8: Lambeth already has a ward called Brixton Acre Lane, on row 2.",
        "Row 10: the ward name is longer than 100 characters.",
    ]
    assert not Ward.objects.exists()


def test_a_name_taken_by_a_ward_the_file_does_not_list_is_refused(tmp_path):
    lambeth = Borough.objects.get(name="Lambeth")
    old = WardFactory(name="Brixton Acre Lane", ons_code="E05000416", borough=lambeth)
    _message, err = refused(lookup(tmp_path, "E05014085,Brixton Acre Lane,,E09000022,Lambeth,,1"))
    assert err.strip() == (
        "Row 2: Lambeth already has a ward called Brixton Acre Lane, with the code E05000416. Codes change when "
        "ward boundaries are redrawn: rename or remove the old ward in the admin, then import again."
    )
    assert wards() == [(old.ons_code, old.name, "Lambeth")]


@pytest.mark.parametrize(
    "header, problem",
    [
        ("WD24NM,LAD24CD", "The file has no ward code column, such as WD24CD."),
        ("WD24CD,LAD24CD", "The file has no ward name column, such as WD24NM."),
        ("WD24CD,WD24NM,LAD24NM", "The file has no local authority code column, such as LAD24CD."),
        (
            "WD23CD,WD24CD,WD24NM,LAD24CD",
            "The file has more than one ward code column (WD23CD, WD24CD): use the lookup for one year's boundaries.",
        ),
        (
            "WD23CD,WD24NM,LAD24CD",
            "The ward code column WD23CD and the ward name column WD24NM are of different years.",
        ),
    ],
)
def test_a_file_without_the_lookups_columns_is_refused(tmp_path, header, problem):
    _message, err = refused(lookup(tmp_path, header=header))
    assert err.strip() == problem


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    _message, err = refused(path)
    assert "The file is empty" in err


def test_a_missing_file_or_one_not_in_utf8_is_refused(tmp_path):
    assert refused(tmp_path / "nowhere.csv")[0] == f"There is no file at {tmp_path / 'nowhere.csv'}."
    latin = tmp_path / "latin.csv"
    latin.write_bytes(f"{HEADER}\nE05000001,Caf\xe9,,E09000022,Lambeth,,1\n".encode("latin-1"))
    assert "is not UTF-8 text" in refused(latin)[0]
    assert not Ward.objects.exists()


def test_a_ward_an_application_names_is_never_deleted_by_an_import(tmp_path):
    lambeth = Borough.objects.get(name="Lambeth")
    ward = WardFactory(name="Old ward", ons_code="E05000417", borough=lambeth)
    grant = grant_in(wards=[ward])
    run(SAMPLE)
    assert list(grant.application.wards.all()) == [ward]
