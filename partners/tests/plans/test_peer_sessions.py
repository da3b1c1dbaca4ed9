"""Peer-to-peer sessions: VRU staff list them and record one; at least two boroughs take part."""

import pytest
from django.urls import reverse

from partners.models import Borough, PeerSession
from partners.tests.plans.test_theme_page import summary_links

pytestmark = pytest.mark.django_db

URL = reverse("partners:peer-sessions")


def boroughs(*names):
    return list(Borough.objects.filter(name__in=names).values_list("pk", flat=True))


def test_staff_record_a_session_and_see_it_listed(staff_client, staff_user):
    data = {
        "date": "2026-06-18",
        "title": "Weapons sweeps and test purchases: what worked",
        "boroughs": boroughs("Lambeth", "Southwark", "Croydon"),
        "notes": "Lambeth shared its sweep rota with Safer Schools officers.",
    }

    response = staff_client.post(URL, data)

    assert response.url == URL
    session = PeerSession.objects.get()
    assert session.recorded_by == staff_user
    assert sorted(b.name for b in session.boroughs.all()) == ["Croydon", "Lambeth", "Southwark"]
    page = staff_client.get(URL).content.decode()
    assert "Peer session “Weapons sweeps and test purchases: what worked” recorded." in page
    assert "18 Jun 2026" in page
    assert "Croydon, Lambeth, Southwark" in page


def test_bad_input_is_refused_beside_each_field(staff_client):
    response = staff_client.post(URL, {"date": "31/02/2026", "title": "", "boroughs": boroughs("Lambeth")})

    assert summary_links(response.content.decode()) == [
        ("#id_date", "Enter the date as a real date."),
        ("#id_title", "Enter the session&#x27;s title."),
        ("#id_boroughs_0", "Choose at least two boroughs taking part."),
    ]
    assert not PeerSession.objects.exists()


def test_partners_cannot_see_or_record_sessions(partner_client):
    assert partner_client.get(URL).status_code == 403
    assert partner_client.post(URL, {"title": "x"}).status_code == 403
    assert not PeerSession.objects.exists()
