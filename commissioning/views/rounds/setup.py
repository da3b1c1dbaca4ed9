"""A round's criteria and questions: each a list of rows saved as a whole, with "Add another" that needs no
JavaScript."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commissioning.forms.rounds import (
    ADD_ANOTHER,
    CriteriaFormSet,
    QuestionsFormSet,
    criteria_initial,
    questions_initial,
)
from commissioning.selectors import rounds as selectors
from commissioning.services import rounds as services
from commissioning.views.rounds.access import commissioning_required, error_links_of


def _rows_page(
    request,
    pk: int,
    *,
    formset_class,
    prefix: str,
    initial_of,
    blank_row: dict,
    save,
    locked_attr: str,
    locked_message: str,
    template: str,
):
    page = selectors.round_page(pk)
    funding_round = page.funding_round
    context = {"page": page, "funding_round": funding_round, "add_another": ADD_ANOTHER}
    if getattr(page, locked_attr):
        # Read only: say why, and refuse a form posted from a page opened before the first submission.
        links = [(f"#{prefix}", locked_message)] if request.method == "POST" else []
        return render(request, template, {**context, "locked": True, "error_links": links})
    if request.method == "POST" and ADD_ANOTHER in request.POST:
        # What was typed comes back unchecked, with one more empty row; nothing is saved.
        typed = formset_class(request.POST, prefix=prefix)
        formset = formset_class(prefix=prefix, initial=[*typed.typed_rows(), dict(blank_row)])
    elif request.method == "POST":
        formset = formset_class(request.POST, prefix=prefix)
        if formset.is_valid():
            try:
                save(funding_round=funding_round, user=request.user, rows=formset.rows())
            except ValidationError as error:
                formset.show_service_errors(error.messages)
            else:
                messages.success(request, f"{prefix.title()} of “{funding_round.title}” saved.")
                return redirect(f"{funding_round.get_absolute_url()}#{prefix}")
    else:
        formset = formset_class(prefix=prefix, initial=initial_of(list(getattr(funding_round, prefix).all())))
    return render(
        request, template, {**context, "formset": formset, "locked": False, "error_links": error_links_of(formset)}
    )


@commissioning_required
def round_criteria(request, pk: int):
    return _rows_page(
        request,
        pk,
        formset_class=CriteriaFormSet,
        prefix="criteria",
        initial_of=criteria_initial,
        blank_row={},
        save=lambda *, funding_round, user, rows: services.round_criteria_set(
            funding_round=funding_round, user=user, criteria=rows
        ),
        locked_attr="criteria_locked",
        locked_message=services.CRITERIA_LOCKED,
        template="commissioning/rounds/round_criteria.html",
    )


@commissioning_required
def round_questions(request, pk: int):
    return _rows_page(
        request,
        pk,
        formset_class=QuestionsFormSet,
        prefix="questions",
        initial_of=questions_initial,
        blank_row={"required": True},
        save=lambda *, funding_round, user, rows: services.round_questions_set(
            funding_round=funding_round, user=user, questions=rows
        ),
        locked_attr="questions_locked",
        locked_message=services.QUESTIONS_LOCKED,
        template="commissioning/rounds/round_questions.html",
    )
