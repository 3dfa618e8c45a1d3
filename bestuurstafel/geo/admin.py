from typing import Any

from django.contrib import admin
from django.db import transaction

from . import services
from .models import Municipality, Region


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province_name"]
    search_fields = ["code", "name"]
    list_filter = ["province_name"]
    exclude = ["boundary"]

    # A name or label point changed by hand changes the monitor's map and pages as an import
    # does: readers that show the geography follow ``geo.Revision``. The admin's change and
    # delete views run in a transaction already; the "delete selected" action does not.
    def save_model(self, request: Any, obj: Municipality, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.geography_changed()

    def delete_model(self, request: Any, obj: Municipality) -> None:
        super().delete_model(request, obj)
        services.geography_changed()

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            services.geography_changed()


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "lead_municipality", "valid_from", "valid_until"]
    filter_horizontal = ["municipalities"]
    prepopulated_fields = {"slug": ["name"]}
