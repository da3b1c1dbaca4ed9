"""Factories for borough plans: a plan of a borough's Community Safety Partnership and its parts.

``BoroughPlanFactory(borough_name="Croydon")`` makes the borough's partnership too
(or give ``organisation``, a partnership) and a section for every theme.
``ready_plan()`` fills every section in, as a partnership would before submitting.
"""

from datetime import date

import factory
from django.utils import timezone

from partners.models import (
    ActionUpdate,
    AssessmentDecision,
    Borough,
    BoroughPlan,
    GovernanceAnswer,
    GovernanceStandard,
    Organisation,
    PlanAction,
    PlanAssessment,
    PlanSection,
    PlanStatus,
    PlanTheme,
    Rating,
)
from partners.services.plans import plan_reference
from partners.tests.factories import CspFactory
from programmes.models import Rag
from programmes.periods import financial_year_of
from vru.tests.factories import UserFactory


def this_year() -> int:
    return financial_year_of(timezone.localdate())


def borough(name: str) -> Borough:
    return Borough.objects.get(name=name)


def csp_of(name: str) -> Organisation:
    """The borough's Community Safety Partnership, made once."""
    found = Organisation.objects.filter(csp_borough__name=name).first()
    return found or CspFactory(csp_borough=borough(name))


def theme(number: int) -> PlanTheme:
    return PlanTheme.objects.get(number=number)


class BoroughPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoroughPlan
        skip_postgeneration_save = True

    class Params:
        borough_name = "Lambeth"

    organisation = factory.LazyAttribute(lambda o: csp_of(o.borough_name))
    borough = factory.LazyAttribute(lambda o: o.organisation.csp_borough)
    financial_year = factory.LazyFunction(this_year)
    status = PlanStatus.DRAFT
    reference = factory.LazyAttribute(lambda o: plan_reference(o.borough, o.financial_year))

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        """A section for every theme; ``sections=True`` marks them all complete."""
        if create:
            for item in PlanTheme.objects.all():
                PlanSection.objects.get_or_create(plan=self, theme=item, defaults={"completed": bool(extracted)})


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(BoroughPlanFactory)
    theme = factory.LazyFunction(lambda: theme(3))
    order = factory.Sequence(int)
    action = factory.Sequence(lambda n: f"Weapons sweep {n} with Safer Schools officers around secondary schools")
    outcome = "Fewer knives found on school routes by the summer term"
    lead = "Community safety manager"
    lead_organisations = "Council; Metropolitan Police"
    start_date = factory.LazyAttribute(lambda o: date(o.plan.financial_year, 4, 1))
    end_date = factory.LazyAttribute(lambda o: date(o.plan.financial_year + 1, 3, 31))
    rag = Rag.GREEN


class GovernanceAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernanceAnswer

    plan = factory.SubFactory(BoroughPlanFactory)
    standard = factory.Iterator(GovernanceStandard.objects.all())
    met = GovernanceAnswer.Met.YES
    evidence = "Agreed by the Community Safety Partnership board in March."


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(PlanActionFactory)
    financial_year = factory.LazyAttribute(lambda o: o.action.plan.financial_year)
    quarter = 1
    rag = Rag.AMBER
    progress = "Two sweeps done; a third planned after half term."
    updated_by = factory.SubFactory(UserFactory, role="partner")


class PlanAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAssessment

    plan = factory.SubFactory(BoroughPlanFactory)
    assessor = factory.SubFactory(UserFactory, role="staff")
    overall_rating = Rating.GOOD
    feedback = "A clear plan built on the borough's problem profile."
    decision = AssessmentDecision.ACCEPT
    completed_at = factory.LazyFunction(timezone.now)


def ready_plan(**kwargs) -> BoroughPlan:
    """A plan every section of which is done: an action in every theme, every standard answered."""
    plan = BoroughPlanFactory(sections=True, governance_completed=True, **kwargs)
    for item in PlanTheme.objects.all():
        PlanActionFactory(plan=plan, theme=item, action=f"{item.title}: first action")
    for standard in GovernanceStandard.objects.all():
        GovernanceAnswerFactory(plan=plan, standard=standard)
    return plan
