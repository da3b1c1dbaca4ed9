"""A small set of records behind every API endpoint, so the schemathesis run reads real rows.

One of each: a programme with a milestone and an indicator, organisation A (Lambeth's
Community Safety Partnership, for which the partner persona acts) with a plan and an
action, the PRG's member, meeting, paper, recommendation with its decision, action and
group, a fund and an open round, a draft application, an assessed application and a grant
with its tranches and returns, a report with its request, and population figures with an
import. Made through the tests' factories and the services they use.
"""

from datetime import date
from decimal import Decimal

from commissioning.models import ApplicationStatus, Assessment
from commissioning.tests.factories import ApplicationFactory, FundingRoundFactory, awarded_grant
from partners.models import Borough, Membership, MembershipRole
from partners.tests.plans.factories import BoroughPlanFactory, PlanActionFactory, csp_of
from partners.tests.prg.factories import (
    DecisionFactory,
    PaperFactory,
    PrgActionFactory,
    PrgMemberFactory,
    TaskAndFinishGroupFactory,
)
from programmes.models import PopulationFigure, PopulationImport, PopulationIndicator, ReportRequest
from programmes.models.reports import RequestStatus
from programmes.tests.factories import IndicatorValueFactory, MilestoneFactory
from programmes.tests.reporting.sample_snapshot import make_report


def seed_api(personas: dict) -> None:
    """Make the records, with the personas in their roles (the partner acting for organisation A)."""
    staff, manager, partner = personas["staff"], personas["manager"], personas["partner"]

    milestone = MilestoneFactory(programme__lead_officer=staff, owner=staff)
    IndicatorValueFactory(indicator__programme=milestone.programme)

    organisation = csp_of("Lambeth")
    Membership.objects.create(user=partner, organisation=organisation, role=MembershipRole.ADMIN)
    PlanActionFactory(plan=BoroughPlanFactory(organisation=organisation))

    member = PrgMemberFactory(organisation=organisation)
    decision = DecisionFactory(recommendation__paper=PaperFactory(uploaded_by=staff), recorded_by=staff)
    meeting = decision.recommendation.paper.meeting
    PrgActionFactory(meeting=meeting)
    TaskAndFinishGroupFactory(members=[member])

    funding_round = FundingRoundFactory()
    ApplicationFactory(round=funding_round, organisation=organisation, created_by=partner)
    # One live application per round and organisation: the assessed one and the grant have rounds of their own.
    assessed = ApplicationFactory(
        round=FundingRoundFactory(fund=funding_round.fund), organisation=organisation, created_by=partner
    )
    assessed.status = ApplicationStatus.ELIGIBLE
    assessed.save()
    Assessment.objects.create(application=assessed, assessor=staff, assigned_by=manager)
    awarded_grant(
        manager=manager,
        round=FundingRoundFactory(fund=funding_round.fund),
        organisation=organisation,
        created_by=partner,
    )

    report = make_report("2025-Q1")
    ReportRequest.objects.create(
        kind=report.kind,
        period_start=report.period_start,
        report=report,
        source=ReportRequest.Source.STAFF,
        requested_by=staff,
        status=RequestStatus.DONE,
    )

    indicator = PopulationIndicator.objects.order_by("pk").first()
    upload = PopulationImport.objects.create(file_name="figures.csv", content="", uploaded_by=staff)
    PopulationFigure.objects.create(
        indicator=indicator,
        borough=Borough.objects.get(name="Lambeth"),
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        value=Decimal("12"),
        source_import=upload,
    )
