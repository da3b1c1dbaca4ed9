"""Awards and declines through commissioning.services.awards: refused out of order or over the limits with
nothing saved, and never past a fund's total even when two managers award at the same moment."""

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from commissioning.models import Application, ApplicationStatus, Grant, MonitoringReturn, Tranche, TrancheCondition
from commissioning.selectors.ledger import fund_available, fund_ledger
from commissioning.services.awards import TrancheSpec, application_award, application_decline
from commissioning.tests.assessment.factories import application_at
from commissioning.tests.factories import FundFactory, recommended_application
from programmes.periods import FinancialQuarter

S = ApplicationStatus


def award(application, user, amount, **overrides):
    fields = {
        "application": application,
        "user": user,
        "amount": Decimal(amount),
        "objective": application.objectives.first(),
        "start_date": application.start_date,
        "end_date": application.end_date,
        **overrides,
    }
    return application_award(**fields)


def nothing_saved(application):
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED and application.decided_at is None
    assert not Grant.objects.filter(application=application).exists()
    assert not MonitoringReturn.objects.filter(grant__application=application).exists()
    assert not Tranche.objects.filter(grant__application=application).exists()


@pytest.mark.django_db
class TestRefusals:
    def test_over_the_request(self, manager_user):
        application = recommended_application(amount_requested=Decimal("40000.00"))
        with pytest.raises(ValidationError) as error:
            award(application, manager_user, "40000.01")
        assert error.value.message_dict["amount"] == ["The award cannot be more than the £40,000.00 requested."]
        nothing_saved(application)

    def test_over_what_is_left_in_the_fund(self, manager_user):
        fund = FundFactory(name="MOPAC safer schools", total=Decimal("30000.00"))
        application = recommended_application(round__fund=fund, amount_requested=Decimal("40000.00"))
        with pytest.raises(ValidationError) as error:
            award(application, manager_user, "30000.01")
        assert error.value.message_dict["amount"] == [
            "The award cannot be more than the £30,000.00 left in MOPAC safer schools, which has £30,000.00 in all."
        ]
        nothing_saved(application)

    def test_a_schedule_that_does_not_add_up(self, manager_user):
        application = recommended_application()
        tranches = [TrancheSpec(Decimal("1000.00"), date(2026, 4, 1), TrancheCondition.AGREEMENT_SIGNED)]
        with pytest.raises(ValidationError) as error:
            award(application, manager_user, "40000.00", tranches=tranches)
        assert "add up to £1,000.00, but the award is £40,000.00" in error.value.message_dict["tranches"][0]
        nothing_saved(application)

    def test_a_return_tranche_outside_the_grant(self, manager_user):
        application = recommended_application()
        tranches = [
            TrancheSpec(Decimal("20000.00"), date(2026, 4, 1), TrancheCondition.AGREEMENT_SIGNED),
            TrancheSpec(
                Decimal("20000.00"), date(2030, 4, 1), TrancheCondition.RETURN_ACCEPTED, FinancialQuarter(2030, 1)
            ),
        ]
        with pytest.raises(ValidationError, match="must name a quarter the grant runs in"):
            award(application, manager_user, "40000.00", tranches=tranches)
        nothing_saved(application)

    def test_missing_or_backwards_dates_and_a_foreign_objective(self, manager_user):
        from programmes.models import Objective

        application = recommended_application()
        with pytest.raises(ValidationError) as error:
            award(application, manager_user, "100.00", start_date=None, end_date=None)
        assert set(error.value.message_dict) == {"start_date", "end_date"}
        with pytest.raises(ValidationError) as error:
            award(application, manager_user, "100.00", end_date=date(2026, 3, 1))
        assert "same as or after the start date" in error.value.message_dict["end_date"][0]
        outside = Objective.objects.exclude(pk__in=application.objectives.values("pk")).first()
        with pytest.raises(ValidationError) as error:
            award(application, manager_user, "100.00", objective=outside)
        assert "objective" in error.value.message_dict
        nothing_saved(application)

    @pytest.mark.parametrize("status", [S.SUBMITTED, S.ELIGIBLE, S.ASSESSED, S.AWARDED, S.DECLINED, S.WITHDRAWN])
    def test_only_a_recommended_application_is_decided(self, manager_user, status):
        application = application_at(status)
        with pytest.raises(ValidationError, match="panel has recommended"):
            award(application, manager_user, "100.00")
        with pytest.raises(ValidationError, match="panel has recommended"):
            application_decline(application=application, user=manager_user, reasons="No.")
        application.refresh_from_db()
        assert application.status == status and not Grant.objects.filter(application=application).exists()

    def test_decline_needs_reasons(self, manager_user):
        application = recommended_application()
        with pytest.raises(ValidationError) as error:
            application_decline(application=application, user=manager_user, reasons="  ")
        assert error.value.message_dict["reasons"] == ["Enter the reasons, which the applicant will see."]
        nothing_saved(application)

    def test_decline_records_the_reasons_for_the_applicant(self, manager_user):
        application = recommended_application()
        application_decline(application=application, user=manager_user, reasons=" Too little evidence. ")
        application.refresh_from_db()
        assert (application.status, application.decision_reasons) == (S.DECLINED, "Too little evidence.")
        assert application.decided_by == manager_user

    def test_a_custom_schedule_is_kept(self, manager_user):
        application = recommended_application()
        tranches = [
            TrancheSpec(Decimal("30000.00"), date(2026, 4, 1), TrancheCondition.AGREEMENT_SIGNED),
            TrancheSpec(
                Decimal("10000.00"), date(2026, 10, 14), TrancheCondition.RETURN_ACCEPTED, FinancialQuarter(2026, 2)
            ),
        ]
        grant = award(application, manager_user, "40000.00", tranches=tranches, conditions="Share your policy.")
        rows = list(grant.tranches.values_list("number", "amount", "condition", "condition_return__quarter"))
        assert rows == [
            (1, Decimal("30000.00"), "agreement_signed", None),
            (2, Decimal("10000.00"), "return_accepted", 2),
        ]
        assert grant.conditions == "Share your policy."


def _award_in_thread(application, user, barrier, results, index, hold_seconds):
    try:
        barrier.wait(timeout=10)
        try:
            with transaction.atomic():
                results[index] = award(application, user, "60000.00")
                # Keep the fund's row locked a moment, so the other award is sure to arrive meanwhile.
                time.sleep(hold_seconds)
        except ValidationError as error:
            results[index] = error
    finally:
        connections.close_all()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_managers_awarding_at_the_same_moment_cannot_take_a_fund_past_its_total(manager_user, admin_user):
    fund = FundFactory(total=Decimal("100000.00"))
    first = recommended_application(round__fund=fund, amount_requested=Decimal("60000.00"))
    # Two rounds of the one fund, so that nothing but the fund's own lock stands between the awards.
    second = recommended_application(round__fund=fund, amount_requested=Decimal("60000.00"))
    assert first.round_id != second.round_id
    barrier = threading.Barrier(2)
    results = [None, None]
    threads = [
        threading.Thread(target=_award_in_thread, args=(app, user, barrier, results, i, 1.0))
        for i, (app, user) in enumerate([(first, manager_user), (second, admin_user)])
    ]
    for thread in threads:
        thread.start()
    # While one award holds the fund's lock, the other waits for it: PostgreSQL shows a lock not granted.
    waited = False
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not waited:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            waited = cursor.fetchone()[0] > 0
        time.sleep(0.02)
    for thread in threads:
        thread.join(timeout=30)

    assert waited, "the two awards never overlapped"
    grants = list(Grant.objects.filter(fund=fund))
    assert len(grants) == 1
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(refused) == 1
    assert "£40,000.00 left" in refused[0].message_dict["amount"][0]
    ledger = fund_ledger().get(pk=fund.pk)
    assert ledger.awarded == Decimal("60000.00") <= fund.total
    assert fund_available(fund) == Decimal("40000.00")
    statuses = Application.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    assert sorted(statuses) == [S.AWARDED, S.RECOMMENDED]


@pytest.mark.django_db
def test_the_decision_is_in_the_change_history_whoever_calls_the_service(manager_user):
    """No request here (as from the API with a token, or a task): the history still says who decided."""
    grant = award(recommended_application(), manager_user, "40000.00")
    assert grant.history.get().history_user == manager_user
    assert grant.application.history.first().history_user == manager_user
    assert {row.history_user for row in Tranche.history.filter(grant_id=grant.pk)} == {manager_user}
    assert Tranche.history.filter(grant_id=grant.pk).count() == 4
    assert {row.history_user for row in MonitoringReturn.history.filter(grant_id=grant.pk)} == {manager_user}
    declined = recommended_application()
    application_decline(application=declined, user=manager_user, reasons="No.")
    assert declined.history.first().history_user == manager_user
