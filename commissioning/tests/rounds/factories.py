"""Factories for the funds and rounds tests, on top of the shared commissioning ones."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from commissioning.models import Answer, ApplicationStatus, FundAllocation
from commissioning.tests.factories import ApplicationFactory, FundFactory, FundingRoundFactory
from programmes.models import Objective

LONDON = ZoneInfo("Europe/London")


def london(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def days_from_now(days: float) -> datetime:
    return timezone.now() + timedelta(days=days)


class FundAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundAllocation

    fund = factory.SubFactory(FundFactory)
    objective = factory.Iterator(Objective.objects.order_by("number"))
    amount = Decimal("10000.00")


def draft_round(**kwargs):
    """An unpublished round with no criteria and no questions: how a new round starts."""
    return FundingRoundFactory(is_published=False, criteria=[], questions=[], **kwargs)


def upcoming_round(**kwargs):
    """A published round that opens in ten days."""
    return FundingRoundFactory(**{"opens_at": days_from_now(10), "closes_at": days_from_now(40), **kwargs})


def closed_round(**kwargs):
    """A published round that closed yesterday."""
    return FundingRoundFactory(**{"opens_at": days_from_now(-60), "closes_at": days_from_now(-1), **kwargs})


def submitted_application(**kwargs):
    """An application that has been submitted to its round."""
    application = ApplicationFactory(**kwargs)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save()
    return application


def answered_draft(funding_round, question):
    """A draft application that has answered ``question``."""
    application = ApplicationFactory(round=funding_round)
    Answer.objects.create(application=application, question=question, text="We work with young people.")
    return application
