"""Guidance plans in the Danish admin: read the plans for support; the CPR
number is never shown here (the plan page reveals it through the audited
selector). Plans are run from /personale/vejledning/."""

from django.contrib import admin

from .models import GuidancePlan, PlanAction, PlanMeeting


class PlanActionInline(admin.TabularInline):
    model = PlanAction
    extra = 0
    fields = ("title", "department", "assignee", "deadline", "status", "done_at")
    readonly_fields = ("done_at",)
    autocomplete_fields = ()


class PlanMeetingInline(admin.TabularInline):
    model = PlanMeeting
    extra = 0
    fields = ("meeting", "action", "notified_at", "contact")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(GuidancePlan)
class GuidancePlanAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "owner", "opened_at", "closed_at")
    list_filter = ("status",)
    search_fields = ("title",)
    date_hierarchy = "opened_at"
    exclude = ("cpr",)
    readonly_fields = ("opened_by", "opened_at", "closed_at", "anonymised_at", "status")
    inlines = [PlanActionInline, PlanMeetingInline]
