from typing import Any

from django.contrib import admin

from .models import FundingLine, ImportJob, Milestone, MonitorSettings, Project, ProjectPart


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the services (audited, and they bump the monitor's last change)."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(MonitorSettings)
class MonitorSettingsAdmin(ReadOnlyAdmin):
    list_display = ["network", "last_changed", "public_changed"]


class PartInline(admin.TabularInline):
    model = ProjectPart
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class FundingInline(admin.TabularInline):
    model = FundingLine
    extra = 0


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "status", "progress", "confidentiality", "updated_at"]
    list_filter = ["network", "status", "agreement", "confidentiality"]
    search_fields = ["title"]
    raw_id_fields = ["parent", "lead_organisation"]
    filter_horizontal = ["municipalities", "organisations"]
    inlines = [PartInline, MilestoneInline, FundingInline]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["filename", "network", "state", "created_at"]
    exclude = ["data"]
