from django.contrib import admin

from .models import Municipality, Region


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province_name"]
    search_fields = ["code", "name"]
    list_filter = ["province_name"]
    exclude = ["boundary"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "lead_municipality", "valid_from", "valid_until"]
    filter_horizontal = ["municipalities"]
    prepopulated_fields = {"slug": ["name"]}
