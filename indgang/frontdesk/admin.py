"""Danish admin for the front desk: kiosk rules per location, and tickets and
expeditions read-only (they are written by the services only; "no-show" goes
through `ticket_no_show`, so live screens are told)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from indgang.core.admin import ReadOnlyAdmin

from .errors import TicketNotActive
from .models import Expedition, KioskPolicy, Ticket
from .services import ticket_no_show


@admin.register(KioskPolicy)
class KioskPolicyAdmin(admin.ModelAdmin):
    list_display = ["location", "early_minutes", "late_minutes", "booked_prefix", "walk_in_prefix"]
    list_select_related = ["location"]
    autocomplete_fields = ["location"]


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "day",
        "location",
        "kind",
        "status",
        "urgent",
        "due_at",
        "arrived_at",
        "called_at",
        "desk",
        "call_count",
    ]
    list_filter = ["location", "status", "kind", "urgent", "day"]
    list_select_related = ["location", "desk__location"]
    date_hierarchy = "day"
    search_fields = ["number", "booking__code"]
    exclude = ["phone", "email"]  # personal data: not shown in lists or detail
    actions = ["mark_no_show"]

    @admin.action(description=_("Markér som udeblevet"))
    def mark_no_show(self, request, queryset):
        done = 0
        for ticket in queryset:
            try:
                ticket_no_show(ticket=ticket, by=request.user)
                done += 1
            except TicketNotActive:
                continue
        self.message_user(
            request,
            ngettext(
                "%(count)d kønummer er markeret som udeblevet.",
                "%(count)d kønumre er markeret som udeblevet.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


@admin.register(Expedition)
class ExpeditionAdmin(ReadOnlyAdmin):
    list_display = [
        "occurred_at",
        "location",
        "point",
        "desk",
        "subject_area",
        "service",
        "outcome",
        "co_service",
        "wait_seconds",
        "handling_seconds",
    ]
    list_filter = ["location", "point", "outcome", "co_service"]
    list_select_related = ["location", "desk__location", "subject_area", "service"]
    date_hierarchy = "occurred_at"
