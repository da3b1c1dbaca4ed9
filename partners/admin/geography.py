"""The Django admin for London's reference geography: boroughs and the Met's Basic Command Units."""

from django.contrib import admin
from django.db.models import Count

from partners.models import BasicCommandUnit, Borough
from vru.admin import ReadOnlyTabularInline


@admin.register(Borough)
class BoroughAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "bcu"]
    list_select_related = ["bcu"]
    list_filter = ["bcu"]
    search_fields = ["name", "ons_code"]
    ordering = ["name"]


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
