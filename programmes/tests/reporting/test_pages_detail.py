"""A report's page: who may read it, its sections, exact figures for VRU staff and suppressed ones for PRG
members, the period switcher with its previous and next links, and the map's figure chosen by GET."""

import re

import pytest
from django.urls import reverse

from programmes.tests.reporting.sample_snapshot import ROLES, client_for, expect, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(db):
    return {slug: make_report(slug) for slug in ("2025-Q1", "2025-Q2", "2025-Q3", "2025-04", "2024-25")}


def cell_after(body: str, header: str) -> str:
    """The first table cell after the row header ``header``."""
    match = re.search(re.escape(header) + r"</th>\s*<td[^>]*>(.*?)</td>", body, re.S)
    assert match, f"no row {header!r}"
    return match[1].strip()


def summary_value(body: str, key: str, start: str) -> str:
    """The value of the summary row ``key`` in the first summary list after ``start``."""
    section = body[body.index(start) :]
    match = re.search(
        r'<dt class="govuk-summary-list__key">'
        + re.escape(key)
        + r'</dt>\s*<dd class="govuk-summary-list__value">(.*?)</dd>',
        section,
        re.S,
    )
    assert match, f"no summary row {key!r}"
    return match[1].strip()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_a_report(personas, reports, role):
    response = client_for(personas, role).get(reports["2025-Q2"].get_absolute_url())

    assert response.status_code == expect(200, 200, 403)[role]


@pytest.mark.parametrize("path", ["quarter/2030-Q1/", "month/2025-Q1/", "weekly/2025-Q1/"])
def test_a_report_that_does_not_exist_is_404(personas, reports, path):
    assert client_for(personas, "staff").get(f"/reports/{path}").status_code == 404


def test_the_page_shows_every_section_with_charts_and_their_tables(personas, reports):
    body = client_for(personas, "staff").get(reports["2025-Q2"].get_absolute_url()).content.decode()

    assert '<h1 class="govuk-heading-l">2025-26 Q2 (July to September 2025)</h1>' in body
    assert "Quarterly performance report" in body
    assert "Built on " in body
    for heading in (
        "1. Summary by aim",
        "2. Objectives and their indicators",
        "3. Indicators' RAG by quarter",
        "4. Budget",
        "5. Young people reached",
        "6. Population indicators",
        "7. Map of London",
    ):
        assert heading in body
    svgs = re.findall(r'<svg[^>]*role="img"', body)
    # the RAG grid, the reach map, a trend and bars for each of 3 population figures that apply, the chosen map
    assert len(svgs) == 1 + 1 + 2 * 4 + 1
    assert body.count("Show the figures as a table") == len(svgs)
    assert "Aim 1: Stabilising and reducing violence across London" in body
    assert "Objective 8: Changing the message around violence" in body
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in body
    assert '<strong class="govuk-tag govuk-tag--green">2 green</strong>' in body
    assert "Counts of people from 1 to 7" not in body  # VRU staff see exact figures


def test_vru_staff_see_exact_counts_of_people(personas, reports):
    body = client_for(personas, "staff").get(reports["2025-Q1"].get_absolute_url()).content.decode()

    objective_1 = "Objective 1: Supporting individuals to be more resilient"
    assert summary_value(body, "Young people reached", f">{objective_1}</h4>") == "3"
    assert summary_value(body, "Young people reached", ">Objective 5: Keeping schools safe") == "12"
    indicator = re.search(r"Young people mentored.*?</tr>", body, re.S)[0]
    assert re.findall(r'govuk-table__cell--numeric">([^<]*)</td>', indicator) == ["12", "3", "25%"]
    camden = re.search(r">Camden</th>(.*?)</tr>", body, re.S)[1]
    assert re.findall(r">([^<]*)</td>", camden) == ["3", "12", "0", "0", "0", "15"]


def test_prg_members_see_small_counts_suppressed_and_money_exact(personas, reports):
    body = client_for(personas, "prg").get(reports["2025-Q1"].get_absolute_url()).content.decode()

    assert (
        '<div class="govuk-inset-text">Counts of people from 1 to 7 are shown as *, others rounded to the '
        "nearest 5. Money is not rounded.</div>"
    ) in body
    assert summary_value(body, "Young people reached", ">Objective 1: Supporting individuals") == "*"
    assert summary_value(body, "Young people reached", ">Objective 5: Keeping schools safe") == "10"
    indicator = re.search(r"Young people mentored.*?</tr>", body, re.S)[0]
    assert re.findall(r'govuk-table__cell--numeric">([^<]*)</td>', indicator) == ["10", "*", "–"]
    camden = re.search(r">Camden</th>(.*?)</tr>", body, re.S)[1]
    assert re.findall(r">([^<]*)</td>", camden) == ["*", "10", "0", "0", "0", "15"]
    # Money is never rounded.
    assert cell_after(body, 'VRU core budget <span class="govuk-body-s">(2025-26)</span>') == "£6,800,000.00"
    all_funds = re.search(r">All funds</th>(.*?)</tr>", body, re.S)[1]
    assert re.findall(r"<strong>([^<]*)</strong>", all_funds) == ["£7,800,000.00", "£1,234.56", "£999.99"]
    assert "£30,000.50 awarded" in body
    # Figures that are not about people are untouched.
    assert "41.5" in body


def test_a_report_of_a_month_says_quarterly_figures_are_not_in_it(personas, reports):
    body = client_for(personas, "staff").get(reports["2025-04"].get_absolute_url()).content.decode()

    assert "This figure is published for each quarter, so a monthly report does not include it." in body
    assert "No financial quarter had ended by the end of this period" in body


def test_demo_population_figures_are_labelled(personas, reports):
    body = client_for(personas, "prg").get(reports["2025-Q1"].get_absolute_url()).content.decode()

    assert body.count("Demo data — not real figures") == 1  # only homicides are demo figures in the sample
    homicides = body[body.index(">Homicides</h3>") :]
    assert homicides.index("Demo data — not real figures") < homicides.index("</section>")
    assert "Some population figures in this report are demo data, not real figures." in body


def test_population_tables_give_the_change_only_where_both_years_have_a_figure(personas, reports):
    body = client_for(personas, "staff").get(reports["2025-Q1"].get_absolute_url()).content.decode()

    knife = body[body.index(">Knife crime with injury victims under 25</h3>") :]
    camden = re.search(r">Camden</th>(.*?)</tr>", knife[knife.index("by borough, 2025-26 Q1") :], re.S)[1]
    westminster = re.search(r">Westminster</th>(.*?)</tr>", knife, re.S)[1]
    assert re.findall(r">([^<]*)</td>", camden) == ["6", "8", "-2"]
    assert re.findall(r">([^<]*)</td>", westminster) == ["33", "–", "–"]
    assert summary_value(knife, "Change", "London, a year before") == "-59"


def test_the_switcher_lists_every_report_by_kind_with_this_one_chosen(personas, reports):
    body = client_for(personas, "prg").get(reports["2025-Q2"].get_absolute_url()).content.decode()

    switcher = body[body.index(f'action="{reverse("programmes:report-switch")}"') :]
    switcher = switcher[: switcher.index("</form>")]
    groups = re.findall(r'<optgroup label="([^"]+)">', switcher)
    assert groups == ["Quarterly", "Monthly", "Financial year"]
    assert '<option value="quarter/2025-Q2" selected>2025-26 Q2 (July to September 2025)</option>' in switcher
    assert switcher.count("<option") == 5


def test_previous_and_next_go_to_the_neighbouring_reports_of_the_same_kind(personas, reports):
    client = client_for(personas, "staff")

    middle = client.get(reports["2025-Q2"].get_absolute_url()).content.decode()
    first = client.get(reports["2025-Q1"].get_absolute_url()).content.decode()
    only_year = client.get(reports["2024-25"].get_absolute_url()).content.decode()

    assert 'href="/reports/quarter/2025-Q1/" rel="prev"' in middle
    assert 'href="/reports/quarter/2025-Q3/" rel="next"' in middle
    assert 'rel="prev"' not in first and 'href="/reports/quarter/2025-Q2/" rel="next"' in first
    assert "govuk-pagination" not in only_year


def test_the_switcher_takes_you_to_the_chosen_report(personas, reports):
    client = client_for(personas, "prg")
    switch = reverse("programmes:report-switch")

    chosen = client.get(switch, {"report": "month/2025-04"})
    unknown = client.get(switch, {"report": "month/2031-04"})

    assert chosen.status_code == 302 and chosen["Location"] == "/reports/month/2025-04/"
    assert unknown.status_code == 302 and unknown["Location"] == reverse("programmes:report-list")
    assert client_for(personas, "partner").get(switch, {"report": "month/2025-04"}).status_code == 403


def test_compare_with_offers_this_report_against_the_one_before(personas, reports):
    body = client_for(personas, "staff").get(reports["2025-Q2"].get_absolute_url()).content.decode()

    assert 'href="/reports/compare/?b=quarter/2025-Q2&amp;a=quarter/2025-Q1">Compare with another report</a>' in body


def test_the_map_is_coloured_by_the_first_population_figure_unless_asked(personas, reports):
    client = client_for(personas, "staff")
    url = reports["2025-Q1"].get_absolute_url()

    default = client.get(url).content.decode()
    reach = client.get(url, {"map": "reach"}).content.decode()

    map_default = default[default.index('id="map"') :]
    assert '<option value="homicides" selected>Homicides</option>' in map_default
    assert '<h3 class="govuk-heading-m">Homicides, 2025-26 Q1</h3>' in map_default
    map_reach = reach[reach.index('id="map"') :]
    assert '<option value="reach" selected>Young people reached</option>' in map_reach
    assert '<h3 class="govuk-heading-m">Young people reached, 2025-26 Q1</h3>' in map_reach
    assert cell_after(map_reach[map_reach.index("Young people reached, 2025-26 Q1, by borough") :], ">Hackney") == "49"
    assert 'action="/reports/quarter/2025-Q1/#map"' in default


def test_an_unknown_map_figure_is_an_error_and_the_default_is_drawn(personas, reports):
    response = client_for(personas, "staff").get(reports["2025-Q1"].get_absolute_url(), {"map": "nonsense"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert body.count("Choose a figure from the list") == 2
    assert '<h3 class="govuk-heading-m">Homicides, 2025-26 Q1</h3>' in body


def test_text_from_the_snapshot_is_escaped(personas, reports):
    body = client_for(personas, "staff").get(reports["2025-Q1"].get_absolute_url()).content.decode()

    assert "Programme &lt;Alpha&gt;" in body
    assert "Programme <Alpha>" not in body


def test_a_report_built_from_the_database_reads_the_same_way(personas):
    """The pages read what the real builder writes (the fixed data set of the figures tests): Alpha's
    "Young people mentored" in 2025-26 Q1 was 98 against 120, and Croydon's reach was 12 aged 15 to 17 and 3
    aged 18 to 24."""
    from programmes.reporting.figures import build_snapshot
    from programmes.reporting.periods import ReportPeriod
    from programmes.tests.reporting.fixtures import build_report_data

    build_report_data()
    period = ReportPeriod.parse("2025-Q1")
    report = make_report("2025-Q1", data=build_snapshot(period, today=period.end.replace(day=31, month=7)))

    staff = client_for(personas, "staff").get(report.get_absolute_url()).content.decode()
    prg = client_for(personas, "prg").get(report.get_absolute_url()).content.decode()

    mentored = re.compile(r"Young people mentored.*?</tr>", re.S)
    numbers = re.compile(r'govuk-table__cell--numeric">([^<]*)</td>')
    assert numbers.findall(mentored.search(staff)[0]) == ["120", "98", "81.7%"]
    assert numbers.findall(mentored.search(prg)[0]) == ["120", "100", "–"]
    croydon = re.compile(r">Croydon</th>(.*?)</tr>", re.S)
    assert re.findall(r">([^<]*)</td>", croydon.search(staff)[1]) == ["0", "0", "12", "3", "0", "15"]
    assert re.findall(r">([^<]*)</td>", croydon.search(prg)[1]) == ["0", "0", "10", "*", "0", "15"]
