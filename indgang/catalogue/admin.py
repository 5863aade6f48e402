"""Danish admin for the service catalogue, locations, desks and phone hours."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Authority,
    Closure,
    Department,
    Desk,
    ExtraOpening,
    Location,
    OpeningHours,
    PhoneHours,
    Service,
    ServiceChannel,
    SubjectArea,
)
from .services import service_archive


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_municipality", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PhoneHoursInline(admin.TabularInline):
    model = PhoneHours
    extra = 0


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "phone", "email"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PhoneHoursInline]


@admin.register(SubjectArea)
class SubjectAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class ServiceChannelInline(admin.TabularInline):
    model = ServiceChannel
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "subject_area",
        "authority",
        "mandatory_self_service",
        "needs_personal_attendance",
        "minutes_per_expedition",
        "fee",
        "is_archived",
    ]
    list_filter = [
        "subject_area",
        "authority",
        "mandatory_self_service",
        "needs_personal_attendance",
        "is_archived",
        "channels__channel",
    ]
    search_fields = ["name", "name_en", "keywords", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["subject_area", "authority"]
    autocomplete_fields = ["subject_area", "authority", "department"]
    inlines = [ServiceChannelInline]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "subject_area", "authority", "department"]}),
        (_("Beskrivelse"), {"fields": ["description", "description_en", "keywords"]}),
        (
            _("Kanalpolitik"),
            {
                "fields": [
                    "mandatory_self_service",
                    "self_service_url",
                    "needs_personal_attendance",
                    "minutes_per_expedition",
                    "fee",
                ]
            },
        ),
        (_("Status"), {"fields": ["is_archived"]}),
    ]
    actions = ["archive", "unarchive"]

    @admin.action(description=_("Arkivér valgte ydelser"))
    def archive(self, request, queryset):
        service_archive(services=queryset, archived=True)

    @admin.action(description=_("Genåbn valgte ydelser"))
    def unarchive(self, request, queryset):
        service_archive(services=queryset, archived=False)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


class ExtraOpeningInline(admin.TabularInline):
    model = ExtraOpening
    extra = 0


class DeskInline(admin.TabularInline):
    model = Desk
    extra = 0
    filter_horizontal = ["services"]
    show_change_link = True


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "address", "phone", "closed_on_public_holidays", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "street", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, ClosureInline, ExtraOpeningInline]


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "location", "number", "name", "is_active"]
    list_filter = ["location", "is_active"]
    filter_horizontal = ["services"]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["location", "starts_on", "ends_on", "from_time", "to_time", "reason"]
    list_filter = ["location"]
    date_hierarchy = "starts_on"
