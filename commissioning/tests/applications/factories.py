"""Factories for the application tests: wards, and applications walked through the real services, so a test
starts from data the pages themselves would have written.

``complete_application()`` fills in every section and marks it complete, ready to submit;
``submitted_application()`` submits it.
"""

from datetime import date
from decimal import Decimal

import factory

from commissioning.models import AgeBand, Application, BudgetCategory, FundingRound
from commissioning.services import applications as services
from commissioning.tests.factories import FundingRoundFactory
from partners.models import Borough, Organisation, Ward
from partners.tests.factories import OrganisationFactory, partner_of


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward

    name = factory.Sequence(lambda n: f"Ward {n:03d}")
    ons_code = factory.Sequence(lambda n: f"E05{n + 100000:06d}")
    borough = factory.LazyFunction(lambda: Borough.objects.get(name="Lambeth"))


def borough(name: str) -> Borough:
    return Borough.objects.get(name=name)


def applicant_organisation(name=None, boroughs=("Lambeth",), **fields) -> Organisation:
    """An organisation with an address, a postcode and the boroughs it serves, as an applicant's record has."""
    if name is not None:
        fields["name"] = name
    organisation = OrganisationFactory(
        address=fields.pop("address", "1 Kennington Road\nLondon"),
        postcode=fields.pop("postcode", "SE11 5QY"),
        **fields,
    )
    organisation.boroughs_served.set(Borough.objects.filter(name__in=boroughs))
    return organisation


def draft_application(*, round: FundingRound | None = None, organisation=None, user=None, at=None) -> Application:
    """Started through the service; ``at`` is when, for a round whose dates are fixed rather than around today."""
    round = round or FundingRoundFactory()
    organisation = organisation or applicant_organisation()
    user = user or partner_of(organisation)
    return services.application_start(round=round, organisation=organisation, user=user, at=at)


def fill_in(application: Application, user, *, amount=Decimal("40000.00"), complete=True) -> Application:
    """Every section answered (and marked complete unless ``complete=False``), as an applicant would."""
    round = application.round
    services.application_organisation_save(
        application=application,
        user=user,
        mark_complete=complete,
        contact_name="Sam Lee",
        contact_role="Project manager",
        contact_email="sam@example.org",
        contact_phone="020 7946 0000",
    )
    services.application_project_save(
        application=application,
        user=user,
        mark_complete=complete,
        project_title="Evening detached youth work",
        project_summary="Youth workers meet young people in parks and estates in the evenings.",
        project_description="Two youth workers, four evenings a week, in the places young people meet.",
        start_date=date(2027, 4, 1),
        end_date=date(2028, 3, 31),
    )
    services.application_area_save(
        application=application, user=user, mark_complete=complete, boroughs=[borough("Lambeth")], wards=[]
    )
    services.application_objectives_save(
        application=application, user=user, mark_complete=complete, objectives=list(round.objectives.all()[:1])
    )
    services.application_budget_save(
        application=application,
        user=user,
        mark_complete=complete,
        rows=[
            services.BudgetRow(BudgetCategory.STAFF, "Two part-time youth workers", amount - Decimal("1000.00")),
            services.BudgetRow(BudgetCategory.EVALUATION, "Independent evaluation", Decimal("1000.00")),
        ],
    )
    services.application_reach_save(
        application=application,
        user=user,
        mark_complete=complete,
        counts={AgeBand.AGED_10_14: 40, AgeBand.AGED_15_17: 60},
    )
    services.application_answers_save(
        application=application,
        user=user,
        mark_complete=complete,
        answers={question.pk: "Young people sit on the steering group." for question in round.questions.all()},
    )
    return Application.objects.get(pk=application.pk)


def complete_application(**kwargs) -> Application:
    application = draft_application(**kwargs)
    return fill_in(application, application.created_by)


def submitted_application(**kwargs) -> Application:
    application = complete_application(**kwargs)
    return services.application_submit(application=application, user=application.created_by)


def with_status(application: Application, status: str, **fields) -> Application:
    """Move an application on as the assessment part would (those services are not this part's to test)."""
    Application.objects.filter(pk=application.pk).update(status=status, **fields)
    return Application.objects.get(pk=application.pk)
