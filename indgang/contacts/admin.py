"""Danish admin for the contact registry: calls and contacts read-only (they
are written through the services, which keep the daily tallies in step);
self-service counts and digital mail counts are kept here by managers (the
report reads them directly, so an edit here is counted at once)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from indgang.core import clock
from indgang.core.admin import ReadOnlyAdmin

from .models import Call, Contact, MailCount, SelfServiceCount

SOURCE_MAX_LENGTH = SelfServiceCount._meta.get_field("source").max_length


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = [
        "call_id",
        "line",
        "arrived_at",
        "result",
        "wait_seconds",
        "talk_seconds",
        "subject_area",
        "transferred_to",
        "source",
    ]
    list_filter = ["line", "result", "subject_area"]
    list_select_related = ["subject_area", "transferred_to"]
    date_hierarchy = "arrived_at"
    search_fields = ["call_id"]
    # Millions of rows: no exact count on every filtered page.
    show_full_result_count = False


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = [
        "occurred_at",
        "channel",
        "point",
        "location",
        "subject_area",
        "service",
        "outcome",
        "wait_seconds",
        "handling_seconds",
        "source",
    ]
    list_filter = ["channel", "point", "outcome", "subject_area", "location"]
    list_select_related = ["location", "subject_area", "service"]
    date_hierarchy = "occurred_at"
    search_fields = ["external_id"]
    show_full_result_count = False


@admin.register(SelfServiceCount)
class SelfServiceCountAdmin(admin.ModelAdmin):
    list_display = ["service", "period_start", "period_end", "digital", "manual", "source"]
    list_filter = ["service__subject_area"]
    list_select_related = ["service"]
    date_hierarchy = "period_start"
    search_fields = ["service__name", "service__slug"]
    autocomplete_fields = ["service"]
    readonly_fields = ["source", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.source = f"admin:{request.user.get_username()}"[:SOURCE_MAX_LENGTH]
        obj.updated_at = clock.now()
        super().save_model(request, obj, form, change)


@admin.register(MailCount)
class MailCountAdmin(admin.ModelAdmin):
    list_display = ["period_start", "period_end", "kind", "subject_area", "forwarded_to", "count"]
    list_filter = ["kind", "subject_area", "forwarded_to"]
    list_select_related = ["subject_area", "forwarded_to"]
    date_hierarchy = "period_start"
    fieldsets = [
        (None, {"fields": ["period_start", "period_end", "kind", "count"]}),
        (_("Fordeling"), {"fields": ["subject_area", "forwarded_to"]}),
    ]
