"""The PRG action log's filters: shared by the page and the API."""

import django_filters
from django import forms
from django.utils import timezone

from partners.models import ActionStatus, Meeting, PrgAction, PrgMember, Recommendation
from vru.forms import GovukFilterForm


def _owner_choices():
    owners = PrgAction.objects.order_by("owner").values_list("owner", flat=True).distinct()
    return [(owner, owner) for owner in owners]


class PrgActionFilter(django_filters.FilterSet):
    """Owner, status and meeting match exactly (an owner is one of those in the log); ``overdue`` keeps only
    outstanding actions past their due date."""

    owner = django_filters.ChoiceFilter(choices=_owner_choices, label="Owner", empty_label="Anyone")
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, label="Status", empty_label="Any status")
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.all(), label="Meeting", empty_label="Any meeting"
    )
    overdue = django_filters.BooleanFilter(
        method="only_overdue",
        label="Overdue only",
        widget=forms.CheckboxInput,
        help_text="Open or in progress, and past the due date.",
    )
    sort = django_filters.OrderingFilter(
        fields=(("due_date", "due"), ("owner", "owner"), ("status", "status")),
        field_labels={"due_date": "Due date", "owner": "Owner", "status": "Status"},
        label="Sort by",
    )

    class Meta:
        model = PrgAction
        form = GovukFilterForm
        fields = ["owner", "status", "meeting", "overdue"]

    def __init__(self, *args, today=None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(*args, **kwargs)

    def only_overdue(self, queryset, name, value):
        # Unticked means "every action", not "only those on time".
        return queryset.overdue(today=self.today) if value else queryset


class PrgMemberFilter(django_filters.FilterSet):
    """``current=true`` keeps members whose term includes today; ``false`` those whose term has ended or not begun."""

    current = django_filters.BooleanFilter(method="by_current", label="Current members")

    class Meta:
        model = PrgMember
        fields = ["role", "organisation", "current"]

    def by_current(self, queryset, name, value):
        current = PrgMember.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


class RecommendationFilter(django_filters.FilterSet):
    meeting = django_filters.ModelChoiceFilter(field_name="paper__meeting", queryset=Meeting.objects.all())
    decided = django_filters.BooleanFilter(
        field_name="decision", lookup_expr="isnull", exclude=True, label="Has a decision"
    )

    class Meta:
        model = Recommendation
        fields = ["paper", "meeting", "kind", "decided"]
