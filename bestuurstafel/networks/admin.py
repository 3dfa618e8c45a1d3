from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from . import services
from .models import Body, BodyMembership, Invitation, Membership, Network, Organisation, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["network", "organisation", "deputy"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region", "parent", "is_listed"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    filter_horizontal = ["municipalities"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "sector", "joined_on", "left_on"]
    list_filter = ["network", "sector"]
    search_fields = ["name"]
    filter_horizontal = ["municipalities"]

    # Through the service: audited, and the network's version moves (a project's lead goes).
    def delete_model(self, request: HttpRequest, obj: Organisation) -> None:
        services.organisation_delete(actor=request.user, organisation=obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Organisation, Any]) -> None:
        for organisation in queryset.select_related("network"):
            services.organisation_delete(actor=request.user, organisation=organisation)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "job_title", "user"]
    search_fields = ["given_name", "family_name", "email"]
    inlines = [MembershipInline]
    raw_id_fields = ["user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "network", "organisation", "role", "start_date", "end_date"]
    list_filter = ["network", "role"]
    search_fields = ["person__family_name", "organisation__name"]
    autocomplete_fields = ["person", "network", "organisation", "deputy"]


class BodyMembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "kind", "municipality", "parent"]
    list_filter = ["network", "kind"]
    search_fields = ["name"]
    inlines = [BodyMembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "network",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["network"]
    exclude = ["token_hash"]
    readonly_fields = ["accepted_at", "person"]
