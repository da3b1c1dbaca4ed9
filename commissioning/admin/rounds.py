"""Admin for funds (with what they set aside for each objective) and funding rounds (with their criteria and
questions).

Staff use the pages, which go through ``commissioning.services.rounds``; the
admin is for correcting records. A fund, its total and its allocations are saved
by the same fund services as the pages and the API (``fund_create``,
``fund_update``, ``fund_allocations_set``), so its total covers what it has
awarded, allocated and offered, checked with the fund's row locked as an award
locks it; a round's requests sit within its envelope and fund; criteria weights
add up to 100; criteria and questions are fixed once applications are submitted.
Every change keeps django-simple-history's "History" page.
"""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from commissioning.models import Criterion, Fund, FundAllocation, FundingRound, RoundQuestion
from commissioning.selectors.rounds import received, round_has_submissions
from commissioning.services import rounds as services
from vru.validators import check_bounds


def _kept_forms(formset):
    """The inline's rows that will be saved: filled in, and not marked for deletion."""
    return [
        form for form in formset.forms if getattr(form, "cleaned_data", None) and not formset._should_delete_form(form)
    ]


# --- Funds ------------------------------------------------------------------------------------------


class FundAllocationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        allocated = sum((form.cleaned_data.get("amount") or Decimal("0") for form in _kept_forms(self)), Decimal("0"))
        if self.instance.total is not None and allocated > self.instance.total:
            raise ValidationError(
                f"The allocations add up to {services.pounds(allocated)}, which is more than the fund's total of "
                f"{services.pounds(self.instance.total)}."
            )


class FundAllocationInline(admin.TabularInline):
    model = FundAllocation
    formset = FundAllocationFormSet
    fields = ["objective", "amount"]
    extra = 0


class FundAdminForm(forms.ModelForm):
    class Meta:
        model = Fund
        fields = list(services.FUND_FIELDS)

    def clean(self):
        cleaned = super().clean()
        total = cleaned.get("total")
        if total is None:
            return cleaned
        try:
            check_bounds(amounts={"total": total})
            if total < 0:
                raise ValidationError({"total": "The total cannot be less than £0."})
            if self.instance.pk:
                # Locked until the admin's save commits, as the award service locks it, so an award
                # made meanwhile cannot slip under the new total.
                fund = Fund.objects.select_for_update().get(pk=self.instance.pk)
                fund.total = total
                # The allocations inline checks the allocations as they are being changed.
                services.check_fund_total(fund, allocations=False)
        except ValidationError as error:
            self.add_error("total", error.message_dict.get("total", error.messages))
        return cleaned


@admin.register(Fund)
class FundAdmin(SimpleHistoryAdmin):
    form = FundAdminForm
    list_display = ["name", "source", "year", "total", "round_count"]
    list_filter = ["financial_year", "source"]
    search_fields = ["name", "source", "description"]
    ordering = ["-financial_year", "name"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [FundAllocationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(round_total=Count("rounds"))

    def save_model(self, request, obj, form, change):
        # Saved through the fund services, as the pages and the API save it (see save_related).
        fields = {name: form.cleaned_data[name] for name in services.FUND_FIELDS}
        if not change:
            vars(obj).update(vars(services.fund_create(user=request.user, **fields)))

    def save_related(self, request, form, formsets, change):
        fund = form.instance
        fields = {name: form.cleaned_data[name] for name in services.FUND_FIELDS}
        allocations = [
            (row.cleaned_data["objective"], row.cleaned_data["amount"])
            for formset in formsets
            if formset.model is FundAllocation
            for row in _kept_forms(formset)
        ]

        def set_total():
            if change:
                services.fund_update(fund=fund, user=request.user, **fields)

        def set_allocations():
            services.fund_allocations_set(fund=fund, user=request.user, allocations=allocations)

        # Whichever order keeps the allocations within the total at every step (both were checked above).
        lowering = change and fields["total"] < Fund.objects.get(pk=fund.pk).total
        for step in (set_allocations, set_total) if lowering else (set_total, set_allocations):
            step()
        for formset in formsets:
            # The admin's change message reads what the formset saved; the service saved it instead.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @admin.display(description="Financial year", ordering="financial_year")
    def year(self, fund):
        return fund.year_label

    @admin.display(description="Rounds", ordering="round_total")
    def round_count(self, fund):
        return fund.round_total


# --- Funding rounds -----------------------------------------------------------------------------------


class LockedOnceSubmittedFormSet(forms.BaseInlineFormSet):
    """Criteria and questions change as a whole, and not at all once applications have been submitted."""

    locked_message = ""

    def clean(self):
        super().clean()
        if self.instance.pk and self.has_changed() and round_has_submissions(self.instance):
            raise ValidationError(self.locked_message)


class CriterionFormSet(LockedOnceSubmittedFormSet):
    locked_message = services.CRITERIA_LOCKED

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = _kept_forms(self)
        total = sum(form.cleaned_data.get("weight") or 0 for form in kept)
        if (kept or self.instance.is_published) and total != services.TOTAL_WEIGHT:
            raise ValidationError(services.weights_message(total))


class QuestionFormSet(LockedOnceSubmittedFormSet):
    locked_message = services.QUESTIONS_LOCKED


class CriterionInline(admin.TabularInline):
    model = Criterion
    formset = CriterionFormSet
    fields = ["order", "title", "description", "weight"]
    extra = 0


class RoundQuestionInline(admin.TabularInline):
    model = RoundQuestion
    formset = QuestionFormSet
    fields = ["order", "text", "hint", "word_limit", "required"]
    extra = 0


class FundingRoundAdminForm(forms.ModelForm):
    class Meta:
        model = FundingRound
        fields = [*services.ROUND_FIELDS, *services.ROUND_M2M_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        funding_round = FundingRound(pk=self.instance.pk, **{name: cleaned.get(name) for name in services.ROUND_FIELDS})
        previous = FundingRound.objects.filter(pk=self.instance.pk).values_list("fund_id", flat=True).first()
        objectives = list(cleaned.get("objectives") or [])
        try:
            services.check_round(funding_round, previous_fund_id=previous)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        if cleaned.get("is_published") and not objectives and "objectives" not in self.errors:
            self.add_error("objectives", "Choose at least one objective: a round cannot be published without one.")
        return cleaned


@admin.register(FundingRound)
class FundingRoundAdmin(SimpleHistoryAdmin):
    form = FundingRoundAdminForm
    list_display = ["title", "fund", "is_published", "opens_at", "closes_at", "budget_envelope", "received_count"]
    list_select_related = ["fund"]
    list_filter = ["fund", "is_published", "geography_level"]
    search_fields = ["title", "summary", "guidance", "fund__name"]
    date_hierarchy = "closes_at"
    filter_horizontal = ["objectives", "priority_areas"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CriterionInline, RoundQuestionInline]
    fieldsets = [
        (None, {"fields": ["fund", "title", "summary", "is_published"]}),
        ("What it funds", {"fields": ["objectives", "priority_areas", "geography_level"]}),
        ("Money", {"fields": ["budget_envelope", "minimum_request", "maximum_request"]}),
        ("Dates (London time)", {"fields": ["opens_at", "closes_at"]}),
        ("Guidance", {"fields": ["guidance"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(received_total=Count("applications", filter=received("applications__")))
        )

    @admin.display(description="Applications received", ordering="received_total")
    def received_count(self, funding_round):
        return funding_round.received_total
