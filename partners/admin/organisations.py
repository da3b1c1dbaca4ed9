"""The Django admin for partner organisations, the people who act for them and invitations.

Organisations and memberships keep django-simple-history's "History" page. An
invitation added here is sent as on the organisation's page, through the same
service, so it gets a token and its email; its token hash is never shown in the
list and cannot be changed.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from partners.models import Invitation, Membership, Organisation
from partners.services import organisations as services
from vru.roles import user_display_name


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "type", "csp_borough", "charity_number", "company_number", "people"]
    list_select_related = ["csp_borough"]
    list_filter = ["type", ("csp_borough", admin.EmptyFieldListFilter), "boroughs_served__bcu"]
    search_fields = ["name", "charity_number", "company_number"]
    ordering = ["name"]
    filter_horizontal = ["boroughs_served"]
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "type", "csp_borough"]}),
        ("Registration", {"fields": ["charity_number", "company_number"]}),
        ("Where", {"fields": ["boroughs_served", "address", "postcode", "website"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        # distinct: the BCU filter joins the boroughs served, so a count per row must not multiply.
        return super().get_queryset(request).annotate(people_count=Count("memberships", distinct=True))

    @admin.display(description="People", ordering="people_count")
    def people(self, obj):
        return obj.people_count


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "email", "organisation", "role", "created_at"]
    list_display_links = ["person"]
    list_select_related = ["user", "organisation"]
    list_filter = ["role", "organisation__type"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name", "organisation__name"]
    ordering = ["organisation__name", "user__last_name", "user__first_name"]
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["created_at"]

    @admin.display(description="Person", ordering="user__last_name")
    def person(self, obj):
        return user_display_name(obj.user)

    @admin.display(description="Email", ordering="user__email")
    def email(self, obj):
        return obj.user.email


class InvitationAdminForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["organisation", "email", "first_name", "last_name", "role"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if error := services.existing_account_error(email):
            raise forms.ValidationError(error.message_dict["email"])
        return email


class InvitationStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("pending", "Waiting, link works"), ("expired", "Expired"), ("accepted", "Accepted")]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.usable()
        if self.value() == "expired":
            return queryset.filter(accepted_at__isnull=True).exclude(pk__in=queryset.usable().values("pk"))
        if self.value() == "accepted":
            return queryset.filter(accepted_at__isnull=False)
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationAdminForm
    list_display = ["email", "name", "organisation", "role", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["organisation", "invited_by"]
    list_filter = [InvitationStatusFilter, "role"]
    search_fields = ["email", "first_name", "last_name", "organisation__name"]
    ordering = ["-created_at"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "created_at"
    readonly_fields = ["token_hash", "invited_by", "created_at", "expires_at", "accepted_at", "user"]

    @admin.display(description="Name", ordering="last_name")
    def name(self, obj):
        return f"{obj.first_name} {obj.last_name}"

    def get_fields(self, request, obj=None):
        if obj is None:
            return InvitationAdminForm.Meta.fields
        return [*InvitationAdminForm.Meta.fields, *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # Once sent, an invitation is a record: to change it, cancel it (delete) and send another.
        if obj is None:
            return []
        return [*InvitationAdminForm.Meta.fields, *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            return
        sent = services.invitation_send(
            organisation=obj.organisation,
            user=request.user,
            email=obj.email,
            first_name=obj.first_name,
            last_name=obj.last_name,
            role=obj.role,
            link_for=lambda token: request.build_absolute_uri(reverse("partners:invitation-accept", args=[token])),
        )
        # The admin goes on to log and link to ``obj``: make it the row the service saved.
        for field in Invitation._meta.concrete_fields:
            setattr(obj, field.attname, getattr(sent, field.attname))
        obj._state.adding = False
