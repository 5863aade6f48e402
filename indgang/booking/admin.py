"""Danish admin for booking: rules per location, durations per location, closed
desks, and the bookings themselves (read-mostly: no adding, editing or deleting
here; cancelling goes through `booking_cancel`, so the citizen is told); the
caseworkers' meeting calendars with their hours and absences, and the meetings
booked in them (read-mostly too)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from indgang.core import clock
from indgang.core.phone import phone_display

from .errors import BookingInThePast, BookingNotActive
from .models import (
    Booking,
    BookingPolicy,
    BookingStatus,
    DeskClosure,
    ServiceDuration,
    StaffCalendar,
    StaffCalendarAbsence,
    StaffCalendarHours,
    StaffMeeting,
)
from .services import booking_cancel, staff_meeting_cancel


@admin.register(BookingPolicy)
class BookingPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "location",
        "is_bookable",
        "slot_step_minutes",
        "buffer_minutes",
        "horizon_days",
        "min_notice_minutes",
        "max_bookings_per_phone_per_day",
        "reminder_hours_before",
    ]
    list_filter = ["is_bookable"]
    list_select_related = ["location"]
    autocomplete_fields = ["location"]


@admin.register(ServiceDuration)
class ServiceDurationAdmin(admin.ModelAdmin):
    list_display = ["service", "location", "minutes"]
    list_filter = ["location"]
    list_select_related = ["service", "location"]
    search_fields = ["service__name", "location__name"]
    autocomplete_fields = ["location", "service"]


@admin.register(DeskClosure)
class DeskClosureAdmin(admin.ModelAdmin):
    list_display = ["desk", "starts_at", "ends_at", "reason"]
    list_filter = ["desk__location"]
    list_select_related = ["desk__location"]
    date_hierarchy = "starts_at"
    search_fields = ["reason"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "start",
        "location",
        "desk_number",
        "service_names",
        "status",
        "channel",
        "created_at",
    ]
    list_filter = ["status", "channel", "location", "start"]
    list_select_related = ["location", "desk"]
    search_fields = ["=code"]
    search_help_text = _("Søg på bookingkoden.")
    date_hierarchy = "start"
    ordering = ["-start"]
    show_full_result_count = False
    fields = [
        "code",
        "status",
        "location",
        "desk",
        "service_names",
        "start",
        "end",
        "blocked_until",
        "channel",
        "language",
        "name",
        "phone_shown",
        "email",
        "created_at",
        "created_by",
        "cancelled_at",
        "anonymised_at",
    ]
    readonly_fields = fields
    actions = ["cancel_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("services")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Personal data goes by retention (bookings_anonymise_old), never in bulk here.
        return False

    @admin.display(description=_("skranke"), ordering="desk__number")
    def desk_number(self, obj: Booking):
        return obj.desk.number

    @admin.display(description=_("ydelser"))
    def service_names(self, obj: Booking) -> str:
        return ", ".join(s.name for s in obj.services.all())

    @admin.display(description=_("telefon"))
    def phone_shown(self, obj: Booking) -> str:
        return phone_display(obj.phone) if obj.phone else ""

    @admin.action(
        description=_("Aflys de valgte tider (borgeren får besked)"), permissions=["change"]
    )
    def cancel_selected(self, request, queryset):
        cancelled = 0
        for booking in queryset.filter(status=BookingStatus.BOOKED):
            try:
                booking_cancel(booking=booking, by=request.user)
            except BookingNotActive:
                continue
            cancelled += 1
        self.message_user(
            request,
            ngettext("%(count)d tid er aflyst.", "%(count)d tider er aflyst.", cancelled)
            % {"count": cancelled},
            messages.SUCCESS,
        )


# --- Caseworkers' meeting calendars ---------------------------------------------


class StaffCalendarHoursInline(admin.TabularInline):
    model = StaffCalendarHours
    extra = 0
    fields = ["weekday", "opens", "closes"]


class StaffCalendarAbsenceInline(admin.TabularInline):
    model = StaffCalendarAbsence
    extra = 0
    fields = ["starts_at", "ends_at", "reason"]

    def get_queryset(self, request):
        # Past absences change nothing; only coming and current ones are shown.
        return super().get_queryset(request).filter(ends_at__gt=clock.now())


@admin.register(StaffCalendar)
class StaffCalendarAdmin(admin.ModelAdmin):
    list_display = [
        "user_name",
        "department",
        "meeting_minutes",
        "slot_step_minutes",
        "buffer_minutes",
        "horizon_days",
        "is_active",
    ]
    list_filter = ["is_active", "department"]
    list_select_related = ["user", "department"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "department__name"]
    autocomplete_fields = ["user", "department", "location"]
    fieldsets = [
        (None, {"fields": ["user", "department", "is_active"]}),
        (_("Møderne"), {"fields": ["meeting_minutes", "location", "place"]}),
        (
            _("Regler for booking"),
            {
                "fields": [
                    "slot_step_minutes",
                    "buffer_minutes",
                    "min_notice_minutes",
                    "horizon_days",
                    "reminder_hours_before",
                ]
            },
        ),
    ]
    inlines = [StaffCalendarHoursInline, StaffCalendarAbsenceInline]

    @admin.display(description=_("medarbejder"), ordering="user__first_name")
    def user_name(self, obj: StaffCalendar) -> str:
        return obj.user.get_full_name() or obj.user.get_username()


@admin.register(StaffCalendarAbsence)
class StaffCalendarAbsenceAdmin(admin.ModelAdmin):
    list_display = ["calendar", "starts_at", "ends_at", "reason"]
    list_filter = ["calendar__department"]
    list_select_related = ["calendar__user", "calendar__department"]
    date_hierarchy = "starts_at"
    search_fields = ["calendar__user__first_name", "calendar__user__last_name", "reason"]
    autocomplete_fields = ["calendar"]


@admin.register(StaffMeeting)
class StaffMeetingAdmin(admin.ModelAdmin):
    """Read-mostly: meetings are booked from guidance plans; cancelling goes
    through `staff_meeting_cancel` (the plan tells the citizen)."""

    list_display = ["start", "caseworker", "department", "topic", "status", "reference"]
    list_filter = ["status", "calendar__department", "start"]
    list_select_related = ["calendar__user", "calendar__department"]
    search_fields = [
        "=reference",
        "topic",
        "calendar__user__first_name",
        "calendar__user__last_name",
    ]
    search_help_text = _("Søg på emne, sagsbehandler eller reference.")
    date_hierarchy = "start"
    ordering = ["-start"]
    show_full_result_count = False
    fields = [
        "calendar",
        "status",
        "start",
        "end",
        "blocked_until",
        "topic",
        "reference",
        "language",
        "name",
        "phone_shown",
        "email",
        "created_at",
        "created_by",
        "cancelled_at",
        "anonymised_at",
    ]
    readonly_fields = fields
    actions = ["cancel_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Personal data goes by retention (staff_meetings_anonymise_old).
        return False

    @admin.display(description=_("sagsbehandler"), ordering="calendar__user__first_name")
    def caseworker(self, obj: StaffMeeting) -> str:
        user = obj.calendar.user
        return user.get_full_name() or user.get_username()

    @admin.display(description=_("afdeling"), ordering="calendar__department__name")
    def department(self, obj: StaffMeeting) -> str:
        return str(obj.calendar.department)

    @admin.display(description=_("telefon"))
    def phone_shown(self, obj: StaffMeeting) -> str:
        return phone_display(obj.phone) if obj.phone else ""

    @admin.action(
        description=_("Aflys de valgte møder (borgeren får ikke besked herfra)"),
        permissions=["change"],
    )
    def cancel_selected(self, request, queryset):
        cancelled = 0
        for meeting in queryset.filter(status=BookingStatus.BOOKED):
            try:
                staff_meeting_cancel(meeting=meeting, by=request.user)
            except (BookingNotActive, BookingInThePast):
                continue
            cancelled += 1
        self.message_user(
            request,
            ngettext("%(count)d møde er aflyst.", "%(count)d møder er aflyst.", cancelled)
            % {"count": cancelled},
            messages.SUCCESS,
        )
