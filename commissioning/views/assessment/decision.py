"""A manager's decision on a recommended application: award a grant with its payment schedule, or decline.

Both choices are on one page, each its own form, so it works without JavaScript. The payment
schedule starts as ``awards.default_schedule`` and is a formset: "Add another payment" and
"Work out the payments again" post the page back as typed, without saving anything.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from commissioning.forms.assessment import AwardForm, DeclineForm, TrancheFormSet, schedule_initial
from commissioning.models import ApplicationStatus
from commissioning.permissions import can_decide, can_see_scores, is_conflicted
from commissioning.selectors.assessment import assessment_summary
from commissioning.selectors.ledger import fund_available
from commissioning.services import awards
from commissioning.views.assessment.access import application_for_staff, conflicted, london_day, refused
from programmes.periods import FinancialQuarter
from vru.access import error_links_of
from vru.roles import user_display_name

AWARD, DECLINE, ADD_PAYMENT, RECALCULATE = "award", "decline", "add-payment", "recalculate"
AWARD_FIELDS = {"amount", "objective", "start_date", "end_date", "conditions", "programme", "reasons"}


def _quarters(form, application) -> list[FinancialQuarter]:
    """The quarters the grant would run in: from the dates typed when they are sound, else the application's."""
    start, end = application.start_date, application.end_date
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start_date"], form.cleaned_data["end_date"]
    if not (start and end) or end < start:
        return []
    return FinancialQuarter.between(start, end)


def _initial_award(application, available) -> dict:
    amount = min(application.amount_requested, max(available, 0))
    return {
        "amount": amount,
        "objective": application.objectives.order_by("number").first(),
        "start_date": application.start_date,
        "end_date": application.end_date,
    }


def _schedule(amount, start, end) -> list[dict]:
    if not (amount and amount > 0 and start and end and end >= start):
        return []
    return schedule_initial(awards.default_schedule(amount, start, end))


def _as_typed(form, application, available) -> AwardForm:
    """The award form unbound with what was typed, so that adding a payment shows no errors yet."""
    initial = {name: form[name].value() for name in form.fields}
    return AwardForm(initial=initial, application=application, available=available)


def _decided_refusal(request, application):
    if application.status in (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED):
        heading = "This application has been decided"
        message = f"It was {application.get_status_display().lower()}"
        if application.decided_at:
            message += f" on {london_day(application.decided_at)}"
        if application.decided_by:
            message += f" by {user_display_name(application.decided_by)}"
        message += "."
    else:
        heading = "This application is not ready for a decision"
        message = (
            "A manager decides once the panel has recommended; this application is "
            f"“{application.get_status_display().lower()}”."
        )
    return refused(request, application=application, heading=heading, message=message)


def application_decide(request, pk: int):
    application = application_for_staff(request, pk)
    if not can_decide(request.user):
        raise PermissionDenied
    if is_conflicted(request.user, application):
        return conflicted(request, application)
    if application.status != ApplicationStatus.RECOMMENDED:
        return _decided_refusal(request, application)
    fund = application.round.fund
    available = fund_available(fund)
    outcome = request.POST.get("outcome") if request.method == "POST" else None

    posted_award = outcome in (AWARD, ADD_PAYMENT, RECALCULATE)
    award_form = AwardForm(request.POST if posted_award else None, application=application, available=available)
    if not award_form.is_bound:
        award_form.initial = _initial_award(application, available)
    decline_form = DeclineForm(request.POST if outcome == DECLINE else None)
    quarters = _quarters(award_form, application)
    tranches = TrancheFormSet(request.POST if posted_award else None, prefix="tranches", quarters=quarters)
    if not tranches.is_bound:
        initial = award_form.initial
        tranches = TrancheFormSet(
            prefix="tranches",
            quarters=quarters,
            initial=_schedule(initial["amount"], initial["start_date"], initial["end_date"]),
        )

    if outcome == ADD_PAYMENT:
        tranches = tranches.as_typed(extra_row=True)
        award_form = _as_typed(award_form, application, available)
    elif outcome == RECALCULATE:
        if award_form.is_valid():
            data = award_form.cleaned_data
            tranches = TrancheFormSet(
                prefix="tranches",
                quarters=quarters,
                initial=_schedule(data["amount"], data["start_date"], data["end_date"]),
            )
            award_form = _as_typed(award_form, application, available)
        else:
            tranches = tranches.as_typed()
    elif outcome == AWARD and award_form.is_valid() and tranches.is_valid():
        data = award_form.cleaned_data
        try:
            grant = awards.application_award(
                application=application,
                user=request.user,
                amount=data["amount"],
                objective=data["objective"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                conditions=data["conditions"].strip(),
                tranches=tranches.specs(),
                programme=data["programme"],
                reasons=data["reasons"].strip(),
            )
        except ValidationError as error:
            _show_award_errors(error, award_form, tranches)
        else:
            messages.success(
                request, f"{application.reference} is awarded {_pounds(grant.amount)}: grant {grant.identifier}."
            )
            return redirect(grant)
    elif outcome == DECLINE and decline_form.is_valid():
        try:
            awards.application_decline(
                application=application, user=request.user, reasons=decline_form.cleaned_data["reasons"]
            )
        except ValidationError as error:
            decline_form.show_errors(error)
        else:
            messages.success(request, f"{application.reference} is declined. The applicant can see your reasons.")
            return redirect(application)

    if outcome == AWARD:
        links = error_links_of(award_form) + (tranches.error_links() if tranches.is_bound else [])
    else:
        links = error_links_of(decline_form)
    summary = assessment_summary(application) if can_see_scores(request.user, application) else None
    return render(
        request,
        "commissioning/assessment/decide.html",
        {
            "application": application,
            "round": application.round,
            "fund": fund,
            "available": available,
            "summary": summary,
            "award_form": award_form,
            "tranches": tranches,
            "quarters": quarters,
            "decline_form": decline_form,
            "error_links": links,
        },
    )


def _pounds(amount) -> str:
    return f"£{amount:,.2f}"


def _show_award_errors(error: ValidationError, form, tranches) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages_ in error.message_dict.items():
        if name in AWARD_FIELDS:
            form.add_error(name, messages_)
        elif name == "tranches":
            tranches.problems.extend(messages_)
        else:
            form.add_error(None, messages_)
