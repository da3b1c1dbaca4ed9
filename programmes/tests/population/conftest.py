"""Shared pieces of the population tests: the four indicators the migrations load, a fixed "today", CSV
text built from rows, and a signed-in client for each role."""

from datetime import date

import pytest
from django.test import Client

from programmes.models import PopulationIndicator

TODAY = date(2025, 11, 15)
KNIFE = "knife-crime-injury-victims-u25"
HOMICIDES = "homicides"
ADMISSIONS = "hospital-admissions-sharp-object"  # the quarterly one
VAP = "violence-against-the-person"
LAMBETH, SOUTHWARK, HACKNEY = "E09000022", "E09000028", "E09000012"
ROLES = ["admin", "staff", "manager", "prg", "partner", "anonymous"]
VRU = ("admin", "staff", "manager")


def csv_text(*rows, header="indicator,borough_code,period,value") -> str:
    """A file's text: the header, then each row (a tuple of cells or a ready-made line)."""
    lines = [header] if header is not None else []
    lines += [row if isinstance(row, str) else ",".join(str(cell) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def expect(vru, prg, partner, anonymous=302) -> dict:
    return {**dict.fromkeys(VRU, vru), "prg": prg, "partner": partner, "anonymous": anonymous}


@pytest.fixture
def indicators(db):
    return {indicator.code: indicator for indicator in PopulationIndicator.objects.all()}


@pytest.fixture
def people(personas):
    return {**personas, "anonymous": None}
