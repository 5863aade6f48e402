"""Danish admin for the contact centre: presence read-only (staff set their own
on the inbox page), staff phone hours, and callback tasks (status changes go
through the inbox so the notes keep the history; here for overview and
reassignment)."""

from django.contrib import admin

from indgang.core.admin import ReadOnlyAdmin

from .models import CallbackTask, StaffPhoneHours, StaffPresence


@admin.register(StaffPresence)
class StaffPresenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "status", "note", "updated_at"]
    list_filter = ["status", "user__department"]
    list_select_related = ["user"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]


@admin.register(StaffPhoneHours)
class StaffPhoneHoursAdmin(admin.ModelAdmin):
    list_display = ["user", "weekday", "opens", "closes"]
    list_filter = ["weekday", "user__department"]
    list_select_related = ["user"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    autocomplete_fields = ["user"]


@admin.register(CallbackTask)
class CallbackTaskAdmin(admin.ModelAdmin):
    list_display = ["deadline", "department", "status", "assignee", "service", "created_at"]
    list_filter = ["status", "department"]
    list_select_related = ["department", "assignee", "service"]
    date_hierarchy = "deadline"
    search_fields = ["question"]
    fields = [
        "department",
        "service",
        "subject_area",
        "channel",
        "citizen_name",
        "citizen_phone",
        "question",
        "notes",
        "deadline",
        "assignee",
        "status",
        "created_by",
        "created_at",
        "updated_at",
        "closed_at",
        "anonymised_at",
    ]
    readonly_fields = [
        "status",
        "channel",
        "question",
        "notes",
        "created_by",
        "created_at",
        "updated_at",
        "closed_at",
        "anonymised_at",
    ]
    autocomplete_fields = ["assignee"]
