"""The PRG in a real browser: staff add a paper, a recommendation and its decision; a PRG member reads it all."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Decision, Paper
from partners.tests.prg.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PrgActionFactory,
    PrgMemberFactory,
    days_from_today,
    local_datetime,
)
from vru.demo.prg import sample_pdf
from vru.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "vru-demo-2026"


def person(username, role, first_name, last_name):
    user = UserFactory(username=username, first_name=first_name, last_name=last_name, role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(page, live_server, username, check):
    page.goto(f"{live_server.url}/accounts/login/")
    check(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Each role lands on its own part of the service: staff on the dashboard, PRG members on the PRG's page.
    expect(page.get_by_role("navigation", name="Menu").locator("[aria-current]")).to_be_visible()
    check(page)


def test_staff_record_a_decision_and_a_prg_member_reads_it(live_server, page, axe, tmp_path):
    person("staff", "staff", "Daniel", "Reid")
    prg = person("prg", "prg", "Marcus", "Campbell")
    PrgMemberFactory(name="Marcus Campbell", user=prg, organisation=None)
    meeting = MeetingFactory(
        title="The VRU's approach and work programme", starts_at=local_datetime(days_from_today(-14))
    )
    AgendaItemFactory(meeting=meeting, order=2, title="Approach, objectives and work programme")
    PrgActionFactory(
        meeting=meeting,
        action="Bring the community engagement strategy to the group.",
        owner="VRU Head of Partnerships",
        due_date=days_from_today(-3),
    )
    PrgActionFactory(meeting=meeting, action="Publish the performance framework.", due_date=days_from_today(20))
    not_a_pdf = tmp_path / "approach.pdf"
    not_a_pdf.write_text("Only text, whatever the name says.")
    real_pdf = tmp_path / "approach-final.pdf"
    real_pdf.write_bytes(sample_pdf("Approach, objectives and work programme", ["Note the context."]))
    visited = []

    def check(page):
        axe(page)
        visited.append(page.url)

    # Staff: the meeting, a paper (a refused file first), a recommendation and its decision.
    sign_in(page, live_server, "staff", check)
    page.goto(f"{live_server.url}/partners/prg/")
    expect(page.get_by_role("heading", name="Partnership Reference Group", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name="The VRU's approach and work programme").first.click()
    expect(page.get_by_role("heading", name="The VRU's approach and work programme", level=1)).to_be_visible()
    check(page)
    page.get_by_role("button", name="Add a paper").click()
    check(page)
    page.get_by_label("Title").fill("Approach, objectives and work programme")
    page.get_by_label("Agenda item").select_option(label="2. Approach, objectives and work programme")
    page.get_by_label("File").set_input_files(str(not_a_pdf))
    page.get_by_role("button", name="Upload the paper").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The selected file must be a PDF, Word document (DOCX) or Excel spreadsheet")
    check(page)
    assert not Paper.objects.exists()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("File")).to_be_focused()
    page.get_by_label("File").set_input_files(str(real_pdf))
    page.get_by_role("button", name="Upload the paper").click()
    expect(page.get_by_text("Paper “Approach, objectives and work programme” added.")).to_be_visible()
    check(page)

    page.get_by_role("link", name=re.compile(r"^Add a recommendation")).click()
    check(page)
    page.get_by_label("Agree").check()
    page.get_by_label("Recommendation", exact=True).fill(
        "Agree the objectives & key areas of work to be developed further."
    )
    page.get_by_role("button", name="Save the recommendation").click()
    expect(page.get_by_text("Recommendation saved.")).to_be_visible()
    check(page)

    page.get_by_role("link", name=re.compile(r"^Record the decision")).click()
    check(page)
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the decision the group took.")
    check(page)
    page.get_by_label("Agreed with changes").check()
    page.get_by_label("Minute").fill("Agreed, with the schools objective naming exclusions.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    paper_card = page.locator("section.govuk-summary-card", has_text="Approach, objectives and work programme")
    expect(paper_card).to_contain_text("Agreed with changes")
    expect(paper_card).to_contain_text("Agreed, with the schools objective naming exclusions.")
    expect(page.locator("#history ~ table").first).to_contain_text("Daniel Reid")
    check(page)
    assert Decision.objects.get().recorded_by.username == "staff"

    page.get_by_role("button", name="Sign out").click()

    # The PRG member: reads the meeting, downloads the paper, sees the overdue action, changes nothing.
    sign_in(page, live_server, "prg", check)
    expect(page).to_have_url(f"{live_server.url}/partners/prg/")
    page.get_by_role("link", name="The VRU's approach and work programme").first.click()
    check(page)
    main = page.locator("main")
    expect(main).to_contain_text("Agree the objectives & key areas of work to be developed further.")
    expect(main).to_contain_text("Agreed with changes")
    for role in ("link", "button"):
        expect(main.get_by_role(role, name=re.compile(r"^(Record|Change|Add|Remove|Edit|Upload)"))).to_have_count(0)

    with page.expect_download() as download_info:
        main.get_by_role("link", name=re.compile(r"^Download “Approach, objectives and work programme”")).click()
    download = download_info.value
    assert download.suggested_filename == "approach-objectives-and-work-programme.pdf"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read().startswith(b"%PDF-")

    page.goto(f"{live_server.url}/partners/prg/actions/")
    expect(page.get_by_role("heading", name="Action log")).to_be_visible()
    check(page)
    first_row = page.locator("table.govuk-table tbody tr").first
    expect(first_row).to_contain_text("Bring the community engagement strategy to the group.")
    expect(first_row.locator(".govuk-tag--red")).to_have_text("Overdue")
    expect(page.locator("main").get_by_role("button", name="Add an action")).to_have_count(0)
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text("1 action.")
    check(page)
    page.get_by_role("link", name="Bring the community engagement strategy to the group.").click()
    expect(page.get_by_role("heading", name="Bring the community engagement strategy to the group.")).to_be_visible()
    expect(page.locator("main").get_by_role("button", name="Change the action")).to_have_count(0)
    check(page)
    assert len(visited) >= 12


def test_every_other_prg_page_passes_axe(live_server, page, axe):
    from partners.tests.prg.factories import DecisionFactory, PaperFactory, TaskAndFinishGroupFactory

    person("staff", "staff", "Daniel", "Reid")
    member = PrgMemberFactory(name="Dr Helen Marsh", role="chair")
    PrgMemberFactory(name="Geoffrey Pratt", term_start=days_from_today(-900), term_end=days_from_today(-100))
    meeting = MeetingFactory(title="Quarterly meeting", starts_at=local_datetime(days_from_today(-7)))
    AgendaItemFactory(meeting=meeting, order=1, title="Welcome")
    paper = PaperFactory(meeting=meeting, title="Budget", kind="xlsx")
    decision = DecisionFactory(recommendation__paper=paper)
    action = PrgActionFactory(meeting=meeting, due_date=days_from_today(-1))
    group = TaskAndFinishGroupFactory(members=[member])
    TaskAndFinishGroupFactory(name="Finished group", start_date=days_from_today(-90), end_date=days_from_today(-2))
    sign_in(page, live_server, "staff", axe)

    paths = [
        "/partners/prg/meetings/",
        "/partners/prg/members/",
        "/partners/prg/members/new/",
        f"/partners/prg/members/{member.pk}/edit/",
        "/partners/prg/meetings/new/",
        f"/partners/prg/meetings/{meeting.pk}/",
        f"/partners/prg/meetings/{meeting.pk}/edit/",
        f"/partners/prg/meetings/{meeting.pk}/attendance/",
        f"/partners/prg/papers/{paper.pk}/edit/",
        f"/partners/prg/papers/{paper.pk}/delete/",
        f"/partners/prg/papers/{paper.pk}/recommendations/new/",
        f"/partners/prg/recommendations/{decision.recommendation_id}/edit/",
        f"/partners/prg/recommendations/{decision.recommendation_id}/decision/",
        f"/partners/prg/actions/{action.pk}/edit/",
        "/partners/prg/actions/new/",
        "/partners/prg/actions/?status=lost",
        "/partners/prg/groups/",
        "/partners/prg/groups/new/",
        f"/partners/prg/groups/{group.pk}/edit/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        axe(page)

    # Pages showing their errors: a member whose term ends before it starts, a paper that is refused.
    page.goto(f"{live_server.url}/partners/prg/members/new/")
    page.get_by_label("Name").fill("Janet Holloway")
    page.get_by_label("Start of term").fill("2026-04-01")
    page.get_by_label("End of term (optional)").fill("2026-03-01")
    page.get_by_role("button", name="Save the member").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The end of the term must be the same as")
    axe(page)
    page.goto(f"{live_server.url}/partners/prg/papers/{paper.pk}/delete/")
    page.get_by_role("button", name="Remove the paper").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Decisions are recorded on this paper")
    axe(page)
