"""Demo data for the Partnership Reference Group; see vru/demo/seed.py for the conventions.

Fictional members from the partner organisations made by ``vru.demo.organisations``,
three meetings (two held, with minutes and decisions, and one to come), papers
that are real small PDF, Word and Excel files made here, the recommendations of
seed 003 §2.1, an action log and two task-and-finish groups. Everything goes
through ``partners.services.prg``; a record already there (found by its name or
title) is left alone, so a second run creates and changes nothing.
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import Workbook

from partners.models import Attendance, Decision, Meeting, Organisation, Paper, PrgAction, PrgMember
from partners.models import TaskAndFinishGroup as Group
from partners.services import prg as services

# --- Small real files ---------------------------------------------------------------


def _pdf_text(text: str) -> str:
    ascii_text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "£": "GBP "}))
    ascii_text = ascii_text.encode("ascii", "replace").decode("ascii")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def sample_pdf(title: str, lines: list[str] = ()) -> bytes:
    """A one-page PDF with a title and a few lines of text, with a correct cross-reference table."""
    stream_lines = [f"BT /F1 16 Tf 72 770 Td ({_pdf_text(title)}) Tj ET"]
    for index, line in enumerate(lines):
        stream_lines.append(f"BT /F1 11 Tf 72 {740 - 16 * index} Td ({_pdf_text(line)}) Tj ET")
    stream = "\n".join(stream_lines).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sample_docx(title: str, paragraphs: list[str] = ()) -> bytes:
    """A Word document with the three parts Word needs: content types, relationships and the body."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>' for text in [title, *paragraphs]
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def sample_xlsx(title: str, rows: list[tuple] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Summary"
    sheet.append([title])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- The demo's PRG -------------------------------------------------------------------


@dataclass(frozen=True)
class DemoMember:
    name: str
    role: str
    job_title: str
    organisation: str | None = None
    started_days_ago: int = 420
    ended_days_ago: int | None = None
    username: str | None = None


MEMBERS = [
    DemoMember("Dr Helen Marsh", "chair", "Chair of the Partnership Reference Group"),
    DemoMember("Detective Superintendent Paul Granger", "member", "Violent crime lead", "Metropolitan Police Service"),
    DemoMember("Dr Amara Osei", "member", "Consultant in public health", "NHS London"),
    DemoMember("Janet Holloway", "member", "Assistant chief officer", "London Probation Service"),
    DemoMember("Ravi Chandran", "member", "Community safety manager", "Lambeth Community Safety Partnership"),
    DemoMember("Bernadette Kelly", "member", "Chief executive", "Southside Youth Trust"),
    DemoMember("Marcus Campbell", "member", "Independent member", username="prg"),
    DemoMember("Pastor Samuel Adeyemi", "community", "Community representative, south London faith forum"),
    DemoMember("Jordan Ellis", "young_people", "Representative of the young people's advisory panel"),
    DemoMember("Claire Donovan", "observer", "Observer from a government department"),
    DemoMember(
        "Geoffrey Pratt",
        "member",
        "Former violent crime lead",
        "Metropolitan Police Service",
        started_days_ago=700,
        ended_days_ago=100,
    ),
]


@dataclass(frozen=True)
class DemoDecision:
    outcome: str
    minute: str


@dataclass(frozen=True)
class DemoRecommendation:
    kind: str
    text: str
    decision: DemoDecision | None = None


@dataclass(frozen=True)
class DemoPaper:
    title: str
    kind: str  # pdf, docx or xlsx
    agenda_item: int
    lines: list[str]
    recommendations: list[DemoRecommendation] = field(default_factory=list)


@dataclass(frozen=True)
class DemoAction:
    action: str
    owner: str
    due_in_days: int  # from the meeting
    status: str
    notes: str = ""


@dataclass(frozen=True)
class DemoMeeting:
    title: str
    days_from_today: int
    place: str
    agenda: list[tuple[str, str]]
    papers: list[DemoPaper]
    minutes: str = ""
    actions: list[DemoAction] = field(default_factory=list)


SEED_003_RECOMMENDATIONS = [
    DemoRecommendation(
        "note", "Note the context.", DemoDecision("agreed", "The group noted the context of rising violence.")
    ),
    DemoRecommendation(
        "confirm",
        "Confirm support for the approach & principles.",
        DemoDecision("agreed", "Members confirmed support for the public health approach and its principles."),
    ),
    DemoRecommendation(
        "agree",
        "Agree the objectives & key areas of work to be developed further.",
        DemoDecision(
            "agreed_with_changes",
            "Agreed, with the objective on schools to name exclusions explicitly.",
        ),
    ),
    DemoRecommendation(
        "note",
        "Note the governance and engagement activity, specifically to support the community engagement "
        "strategy and the way forward for the Partnership Reference Group.",
        DemoDecision("agreed", "Noted; the community engagement strategy returns to the next meeting."),
    ),
    DemoRecommendation(
        "note",
        "Note the resources and finances.",
        DemoDecision("deferred", "Deferred to the next meeting, when the budget for the year is confirmed."),
    ),
]

MEETINGS = [
    DemoMeeting(
        title="The VRU's approach and work programme",
        days_from_today=-150,
        place="City Hall, Committee Room 4",
        agenda=[
            ("Welcome and apologies", "Chair"),
            ("The VRU's approach, objectives and work programme", "VRU Director"),
            ("Community involvement proposal", "VRU Head of Partnerships"),
            ("Any other business", "Chair"),
        ],
        papers=[
            DemoPaper(
                "Violence Reduction Unit: approach, objectives and work programme",
                "pdf",
                2,
                [
                    "The Unit has developed three strategic aims.",
                    "This report sets out the approach and principles, the objectives and the work programme.",
                ],
                SEED_003_RECOMMENDATIONS,
            ),
            DemoPaper(
                "Community involvement proposal",
                "docx",
                3,
                [
                    "The Reference Group was first envisaged as a temporary working group.",
                    "This paper recommends it continues as a quarterly meeting with a wider membership.",
                ],
                [
                    DemoRecommendation(
                        "agree",
                        "Agree that the Reference Group continues as a quarterly meeting, with a wider membership "
                        "and redefined terms of reference.",
                        DemoDecision("agreed", "Agreed unanimously; terms of reference to be redrafted."),
                    )
                ],
            ),
        ],
        minutes=(
            "The chair welcomed members to the group's first quarterly meeting.\n\n"
            "The VRU Director presented the approach, objectives and work programme. Members supported the "
            "public health approach and asked that the schools objective names exclusions.\n\n"
            "Members agreed the community involvement proposal."
        ),
        actions=[
            DemoAction(
                "Circulate the redefined terms of reference to members.", "VRU Head of Partnerships", 30, "done"
            ),
            DemoAction(
                "Bring the community engagement strategy to the group.",
                "VRU Head of Partnerships",
                110,
                "open",
                "Drafting with the community representatives.",
            ),
            DemoAction("Invite health roundtable members to a joint session.", "Dr Amara Osei", 60, "cancelled"),
        ],
    ),
    DemoMeeting(
        title="Quarterly meeting: performance and budget",
        days_from_today=-60,
        place="City Hall, Committee Room 2",
        agenda=[
            ("Welcome, apologies and minutes of the last meeting", "Chair"),
            ("Performance framework and budget", "VRU Head of Finance"),
            ("Keeping young people in education", "Bernadette Kelly"),
        ],
        papers=[
            DemoPaper(
                "Performance framework and budget 2019-20",
                "xlsx",
                2,
                [],
                [
                    DemoRecommendation(
                        "note",
                        "Note the budget of £6.8 million for 2019-20, most of it spent on direct services.",
                        DemoDecision("agreed", "Noted."),
                    ),
                    DemoRecommendation(
                        "agree",
                        "Agree to set up a time-limited task and finish group on keeping young people in education.",
                        DemoDecision("agreed_with_changes", "Agreed, with the group to report back within six months."),
                    ),
                ],
            ),
        ],
        minutes=(
            "Members noted the budget and the performance framework.\n\n"
            "Members agreed to set up a task and finish group on keeping young people in education."
        ),
        actions=[
            DemoAction(
                "Share exclusions data by borough with the task and finish group.",
                "VRU Head of Analysis",
                55,
                "in_progress",
            ),
            DemoAction(
                "Set up the task and finish group on keeping young people in education.",
                "Bernadette Kelly",
                80,
                "open",
            ),
            DemoAction("Publish the performance framework.", "VRU Head of Analysis", 30, "done"),
        ],
    ),
    DemoMeeting(
        title="Quarterly meeting: community engagement",
        days_from_today=30,
        place="City Hall, Committee Room 4",
        agenda=[
            ("Welcome and apologies", "Chair"),
            ("Community engagement strategy", "VRU Head of Partnerships"),
            ("Task and finish group: first findings", "Bernadette Kelly"),
        ],
        papers=[
            DemoPaper(
                "Community engagement strategy",
                "pdf",
                2,
                ["How the VRU will involve communities and young people in design and delivery."],
                [
                    DemoRecommendation("agree", "Agree the community engagement strategy."),
                    DemoRecommendation("note", "Note the plans for involving young people in design and delivery."),
                ],
            ),
        ],
    ),
]

GROUPS = [
    (
        "Keeping young people in education",
        "Look at exclusions and alternative provision, and recommend what the VRU should fund.",
        -50,
        120,
        ["Bernadette Kelly", "Ravi Chandran", "Jordan Ellis"],
    ),
    (
        "Health roundtable follow-up",
        "Take forward the health roundtable's proposals with senior health partners.",
        -200,
        -90,
        ["Dr Amara Osei", "Dr Helen Marsh"],
    ),
]

ATTENDANCE_PATTERN = ["present", "present", "apologies", "present", "absent", "present"]


def seed(users: dict, today: date) -> int:
    """Add what is missing and return how many records were created; never change what is there."""
    staff = users["staff"]
    created = 0
    members, count = _ensure_members(users, today, staff)
    created += count
    for spec in MEETINGS:
        created += _ensure_meeting(spec, members, today, staff)
    created += _ensure_groups(members, today, staff)
    return created


def _ensure_members(users, today, staff) -> tuple[dict, int]:
    existing = {member.name: member for member in PrgMember.objects.filter(name__in=[m.name for m in MEMBERS])}
    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(name__in={m.organisation for m in MEMBERS if m.organisation})
    }
    created = 0
    for spec in MEMBERS:
        if spec.name in existing:
            continue
        existing[spec.name] = services.prg_member_save(
            user=staff,
            name=spec.name,
            role=spec.role,
            job_title=spec.job_title,
            organisation=organisations.get(spec.organisation),
            account=users.get(spec.username) if spec.username else None,
            term_start=today - timedelta(days=spec.started_days_ago),
            term_end=None if spec.ended_days_ago is None else today - timedelta(days=spec.ended_days_ago),
        )
        created += 1
    return existing, created


def _ensure_meeting(spec: DemoMeeting, members: dict, today: date, staff) -> int:
    meeting = Meeting.objects.filter(title=spec.title).first()
    created = 0
    if meeting is None:
        day = today + timedelta(days=spec.days_from_today)
        meeting = services.meeting_save(
            user=staff,
            title=spec.title,
            starts_at=timezone.make_aware(datetime.combine(day, time(14, 0))),
            place=spec.place,
            minutes=spec.minutes,
            agenda=[services.AgendaRow(title=title, presenter=presenter) for title, presenter in spec.agenda],
        )
        created += 1 + len(spec.agenda)
        if spec.days_from_today < 0:
            created += _record_attendance(meeting, staff)
    items = {item.order: item for item in meeting.agenda_items.all()}
    for paper_spec in spec.papers:
        created += _ensure_paper(paper_spec, meeting, items, staff)
    meeting_day = timezone.localdate(meeting.starts_at)
    for action in spec.actions:
        if PrgAction.objects.filter(meeting=meeting, action=action.action).exists():
            continue
        services.prg_action_save(
            user=staff,
            meeting=meeting,
            action=action.action,
            owner=action.owner,
            due_date=meeting_day + timedelta(days=action.due_in_days),
            status=action.status,
            notes=action.notes,
        )
        created += 1
    return created


def _record_attendance(meeting: Meeting, staff) -> int:
    members = list(services.attendance_members(meeting).order_by("name"))
    if Attendance.objects.filter(meeting=meeting).exists() or not members:
        return 0
    statuses = {member.pk: ATTENDANCE_PATTERN[index % len(ATTENDANCE_PATTERN)] for index, member in enumerate(members)}
    services.attendance_record(user=staff, meeting=meeting, statuses=statuses)
    return len(statuses)


def _paper_file(spec: DemoPaper) -> ContentFile:
    if spec.kind == "pdf":
        content, extension = sample_pdf(spec.title, spec.lines), "pdf"
    elif spec.kind == "docx":
        content, extension = sample_docx(spec.title, spec.lines), "docx"
    else:
        rows = [("Line", "Budget (£)"), ("Direct services", 6_000_000), ("Unit running costs", 800_000)]
        content, extension = sample_xlsx(spec.title, rows), "xlsx"
    return ContentFile(content, name=f"paper.{extension}")


def _ensure_paper(spec: DemoPaper, meeting: Meeting, items: dict, staff) -> int:
    created = 0
    paper = Paper.objects.filter(meeting=meeting, title=spec.title).first()
    if paper is None:
        paper = services.paper_upload(
            user=staff,
            meeting=meeting,
            title=spec.title,
            file=_paper_file(spec),
            agenda_item=items.get(spec.agenda_item),
        )
        created += 1
    known = {rec.text: rec for rec in paper.recommendations.all()}
    decided = set(Decision.objects.filter(recommendation__paper=paper).values_list("recommendation_id", flat=True))
    for rec_spec in spec.recommendations:
        recommendation = known.get(rec_spec.text)
        if recommendation is None:
            recommendation = services.recommendation_save(
                user=staff, paper=paper, kind=rec_spec.kind, text=rec_spec.text
            )
            created += 1
        if rec_spec.decision and recommendation.pk not in decided and meeting.starts_at <= timezone.now():
            services.decision_record(
                user=staff,
                recommendation=recommendation,
                outcome=rec_spec.decision.outcome,
                minute=rec_spec.decision.minute,
            )
            created += 1
    return created


def _ensure_groups(members: dict, today: date, staff) -> int:
    existing = set(Group.objects.filter(name__in=[spec[0] for spec in GROUPS]).values_list("name", flat=True))
    created = 0
    for name, remit, start_offset, end_offset, member_names in GROUPS:
        if name in existing:
            continue
        services.task_group_save(
            user=staff,
            name=name,
            remit=remit,
            start_date=today + timedelta(days=start_offset),
            end_date=today + timedelta(days=end_offset),
            members=[members[member_name] for member_name in member_names if member_name in members],
        )
        created += 1
    return created
