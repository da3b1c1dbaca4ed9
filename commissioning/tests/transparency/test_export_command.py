"""``manage.py export_360giving``: the same package as the download, validated on request."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from commissioning.models import Grant
from commissioning.tests.transparency.factories import charity_grant, council_grant

pytestmark = pytest.mark.django_db


def export(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("export_360giving", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_writes_every_grant_and_validates_it(tmp_path):
    grants = [charity_grant(boroughs=["Lambeth"]), council_grant("Croydon", boroughs=["Croydon"])]
    target = tmp_path / "grants.json"
    _out, err = export("--validate", "--output", str(target), "--site-url", "https://vru.example.org/anything")
    assert "The package is valid 360Giving data." in err
    assert "Wrote 2 grants to" in err
    package = json.loads(target.read_text())
    assert {grant["id"] for grant in package["grants"]} == {grant.identifier for grant in grants}
    assert package["grants"][0]["url"].startswith("https://vru.example.org/grants/")


def test_writes_to_standard_output_without_links():
    charity_grant()
    out, _err = export()
    record = json.loads(out)["grants"][0]
    assert record["recipientOrganization"][0]["id"] == "GB-CHC-1187654"
    assert "url" not in record


def test_an_invalid_package_is_reported_and_not_written(tmp_path):
    grant = charity_grant()
    Grant.objects.filter(pk=grant.pk).update(identifier="londonvru-APP-1")
    target = tmp_path / "grants.json"
    err = StringIO()
    with pytest.raises(CommandError, match=r"not valid 360Giving data \(1 problems\); nothing was written"):
        call_command("export_360giving", "--validate", "--output", str(target), stdout=StringIO(), stderr=err)
    assert "grants/0/id: 'londonvru-APP-1' does not start with a 360Giving prefix (360G-)." in err.getvalue()
    assert not target.exists()


def test_no_grants_is_not_a_valid_package():
    with pytest.raises(CommandError, match="not valid 360Giving data"):
        export("--validate")


def test_a_bad_site_url_or_schema_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="--site-url must be an address"):
        export("--site-url", "vru.example.org")
    charity_grant()
    with pytest.raises(CommandError, match="schema was not found"):
        export("--validate", "--schema-dir", str(tmp_path))
