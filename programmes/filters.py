import django_filters
from django.db.models import Q
from django_filters.fields import ModelChoiceField

from partners.models import Borough
from programmes.models import InterventionType, Objective, PriorityArea, Programme, ProgrammeStatus
from vru.forms import GovukFilterForm
from vru.roles import user_display_name, vru_users


class UserChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return user_display_name(obj)


class UserChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = UserChoiceField


class ProgrammeFilter(django_filters.FilterSet):
    """The programme list's filters: shared by the page, its CSV export and the API."""

    q = django_filters.CharFilter(method="search", label="Search")
    objective = django_filters.ModelChoiceFilter(
        field_name="objectives", queryset=Objective.objects.all(), label="Objective", empty_label="All objectives"
    )
    priority_area = django_filters.ModelChoiceFilter(
        field_name="priority_areas",
        queryset=PriorityArea.objects.all(),
        label="Priority area",
        empty_label="All priority areas",
    )
    status = django_filters.ChoiceFilter(choices=ProgrammeStatus.choices, label="Status", empty_label="Any status")
    borough = django_filters.ModelChoiceFilter(
        field_name="boroughs", queryset=Borough.objects.all(), label="Borough", empty_label="All boroughs"
    )
    lead_officer = UserChoiceFilter(queryset=vru_users(), label="Lead officer", empty_label="Anyone")
    intervention_type = django_filters.ModelChoiceFilter(
        field_name="intervention_types",
        queryset=InterventionType.objects.all(),
        label="Intervention type",
        empty_label="Any type",
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("status", "status"),
            ("start_date", "start"),
            ("end_date", "end"),
            ("budget", "budget"),
        ),
        field_labels={
            "title": "Title",
            "status": "Status",
            "start_date": "Start",
            "end_date": "End",
            "budget": "Budget",
        },
        label="Sort by",
    )

    class Meta:
        model = Programme
        form = GovukFilterForm
        fields = ["q", "objective", "priority_area", "status", "borough", "lead_officer", "intervention_type"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(target_cohort__icontains=value)
        )
