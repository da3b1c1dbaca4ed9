from datetime import date
from decimal import Decimal

import factory

from programmes.models import Indicator, IndicatorValue, Milestone, Objective, Programme, ProgrammeStatus, Rag
from vru.tests.factories import UserFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme under objective 5 unless ``objectives`` says otherwise."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Programme {n:03d}")
    description = "Work with schools and partners."
    lead_officer = factory.SubFactory(UserFactory, role="staff")
    status = ProgrammeStatus.ACTIVE
    start_date = date(2025, 4, 1)
    end_date = date(2027, 3, 31)
    budget = Decimal("100000.00")
    target_cohort = "Young people aged 10 to 24"

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create:
            self.objectives.set(extracted or [Objective.objects.get(number=5)])

    @factory.post_generation
    def boroughs(self, create, extracted, **kwargs):
        if create and extracted:
            self.boroughs.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = date(2025, 9, 30)
    owner = factory.SelfAttribute("programme.lead_officer")
    rag = Rag.GREEN


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Young people reached {n}")
    unit = "young people"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    financial_year = 2025
    quarter = 1
    target = Decimal("100")
    actual = Decimal("90")
