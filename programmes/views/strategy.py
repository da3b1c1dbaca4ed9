from django.http import Http404
from django.shortcuts import render

from programmes import selectors
from programmes.models import Objective
from programmes.permissions import can_view_programmes
from programmes.views.tables import PROGRAMME_COLUMNS


def dashboard(request):
    show_programmes = can_view_programmes(request.user)
    return render(
        request,
        "programmes/dashboard.html",
        {"dashboard": selectors.dashboard(include_programmes=show_programmes), "show_programmes": show_programmes},
    )


def objective_detail(request, number: int):
    try:
        objective = selectors.objective_detail(number=number)
    except Objective.DoesNotExist:
        raise Http404("No such objective.") from None
    show_programmes = can_view_programmes(request.user)
    programmes = list(selectors.objective_programmes(objective=objective)) if show_programmes else []
    return render(
        request,
        "programmes/objective_detail.html",
        {
            "objective": objective,
            "programmes": programmes,
            "show_programmes": show_programmes,
            "table_columns": PROGRAMME_COLUMNS,
        },
    )
