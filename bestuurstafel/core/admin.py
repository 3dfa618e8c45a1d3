from django.contrib import admin

from .models import AuditEvent, OutboundEmail


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "target_label", "network"]
    list_filter = ["network", "action"]
    search_fields = ["actor_label", "target_label", "action"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "sent_at", "attempts"]
    search_fields = ["subject", "key"]
    readonly_fields = ["sent_at", "attempts", "last_error"]
