"""The Django admin for London's reference geography: boroughs, their wards and the Met's Basic Command Units."""

from django.contrib import admin
from django.db.models import Count

from partners.models import BasicCommandUnit, Borough, Ward
from vru.admin import ReadOnlyTabularInline


@admin.register(Borough)
class BoroughAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "lae_code", "bcu", "ward_count"]
    list_select_related = ["bcu"]
    list_filter = ["bcu"]
    search_fields = ["name", "ons_code", "lae_code"]
    ordering = ["name"]
    fields = ["name", "ons_code", "lae_code", "bcu"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(ward_count=Count("wards", distinct=True))

    @admin.display(description="Wards", ordering="ward_count")
    def ward_count(self, obj):
        return obj.ward_count


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    """Wards come from the ONS lookup (``manage.py import_wards``); the admin corrects or retires one."""

    list_display = ["name", "ons_code", "borough"]
    list_select_related = ["borough"]
    list_filter = ["borough"]
    search_fields = ["name", "ons_code", "borough__name"]
    ordering = ["borough__name", "name"]

    # A ward named by an application stays: deleting it would silently drop it from that
    # application, and from its grant's published places.
    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.applications.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class BoroughReadOnlyInline(ReadOnlyTabularInline):
    """The boroughs a BCU covers; a borough's BCU is changed on the borough."""

    model = Borough
    fields = ["name", "ons_code"]
    readonly_fields = ["name", "ons_code"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BasicCommandUnit)
class BasicCommandUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "borough_count"]
    list_display_links = ["code", "name"]
    search_fields = ["code", "name", "boroughs__name"]
    ordering = ["code"]
    inlines = [BoroughReadOnlyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(borough_count=Count("boroughs", distinct=True))

    @admin.display(description="Boroughs", ordering="borough_count")
    def borough_count(self, obj):
        return obj.borough_count
