"""The audit trail in the admin: read-only for everyone, superusers included."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from indgang.core.admin import ReadOnlyAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_username", "action", "target_type", "target_repr", "ip_address")
    list_filter = ("action", "at")
    date_hierarchy = "at"
    # Failed logins have no actor; the username that was tried is in `extra`.
    search_fields = ("actor_username", "extra__username", "target_repr")
    search_help_text = _("Søg på brugernavn eller post.")
    list_select_related = ("target_type",)
    fields = (
        "at",
        "actor",
        "actor_username",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "ip_address",
        "extra",
    )
    readonly_fields = fields
    actions = None
    show_full_result_count = False  # the trail grows large; skip the extra COUNT(*)
