from django.contrib import admin


class ReadOnlyTabularInline(admin.TabularInline):
    """A list of related rows to look at and follow; they are changed on their own pages."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
