"""Factories shared by the commissioning tests.

``recommended_application()`` and ``awarded_grant()`` walk an application through the
real services' states, so a test can start wherever it needs to.
"""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from commissioning.models import (
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    Criterion,
    Fund,
    FundingRound,
    GeographyLevel,
    RoundQuestion,
)
from commissioning.services.awards import application_award
from partners.tests.factories import OrganisationFactory
from programmes.models import Objective
from vru.tests.factories import UserFactory


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    name = factory.Sequence(lambda n: f"Fund {n:03d}")
    source = "MOPAC"
    financial_year = 2026
    total = Decimal("1000000.00")


class FundingRoundFactory(factory.django.DjangoModelFactory):
    """An open, published round with three criteria (50/30/20) and two questions."""

    class Meta:
        model = FundingRound
        skip_postgeneration_save = True

    fund = factory.SubFactory(FundFactory)
    title = factory.Sequence(lambda n: f"Funding round {n:03d}")
    summary = "Grants for local projects that keep young people safe."
    geography_level = GeographyLevel.BOROUGH
    budget_envelope = Decimal("500000.00")
    minimum_request = Decimal("5000.00")
    maximum_request = Decimal("100000.00")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))
    guidance = "Read the criteria.\n\nApply before the closing time."
    is_published = True

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create:
            self.objectives.set(extracted if extracted is not None else Objective.objects.filter(number__in=[5, 6]))

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if create and extracted is None:
            for order, (title, weight) in enumerate([("Need", 50), ("Evidence", 30), ("Value for money", 20)]):
                Criterion.objects.create(round=self, order=order, title=title, weight=weight)

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if create and extracted is None:
            RoundQuestion.objects.create(round=self, order=0, text="How will young people shape the project?")
            RoundQuestion.objects.create(round=self, order=1, text="Who are your partners?", required=False)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft application with its project filled in and one budget line."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    round = factory.SubFactory(FundingRoundFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"APP-T{n:05d}")
    created_by = factory.SubFactory(UserFactory, role="partner")
    contact_name = "Sam Lee"
    contact_email = "sam@example.org"
    project_title = factory.Sequence(lambda n: f"Project {n:03d}")
    project_summary = "Detached youth work in the evenings."
    project_description = "Youth workers meet young people where they are."
    start_date = date(2026, 4, 1)
    end_date = date(2027, 3, 31)
    amount_requested = Decimal("40000.00")

    @factory.post_generation
    def budget(self, create, extracted, **kwargs):
        if create and extracted is None:
            BudgetLine.objects.create(
                application=self,
                category=BudgetCategory.STAFF,
                description="Two youth workers",
                amount=self.amount_requested,
            )

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create:
            self.objectives.set(extracted if extracted is not None else self.round.objectives.all())


def recommended_application(**kwargs) -> Application:
    """An application submitted, found eligible, assessed and recommended by the panel."""
    application = ApplicationFactory(**kwargs)
    application.status = ApplicationStatus.RECOMMENDED
    application.submitted_at = timezone.now()
    application.save()
    return application


def awarded_grant(*, manager=None, amount=None, **kwargs):
    """A grant awarded through ``application_award``, with the default payment schedule."""
    application = recommended_application(**kwargs)
    manager = manager or UserFactory(role="manager")
    return application_award(
        application=application,
        user=manager,
        amount=amount or application.amount_requested,
        objective=application.objectives.first(),
        start_date=application.start_date,
        end_date=application.end_date,
    )
