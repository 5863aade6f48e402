"""Danish admin for digital mail: the triage rules (managers keep them) and a
read-only overview of the mails (they are handled in the inbox, /personale/post/)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from indgang.core.admin import ReadOnlyAdmin

from .models import Mail, MailRule


@admin.register(MailRule)
class MailRuleAdmin(admin.ModelAdmin):
    list_display = ["position", "words", "subject_area", "department", "service", "active"]
    list_display_links = ["words"]
    list_editable = ["position", "active"]
    list_filter = ["active", "subject_area", "department"]
    list_select_related = ["subject_area", "department", "service"]
    search_fields = ["words"]
    autocomplete_fields = ["service"]
    ordering = ["position", "pk"]


@admin.register(Mail)
class MailAdmin(ReadOnlyAdmin):
    # No sender or text here: they are read on the mail's page in the inbox.
    list_display = [
        "received_at",
        "kind",
        "source",
        "subject_area",
        "department",
        "deadline",
        "status",
        "forwarded_to",
        "anonymised",
    ]
    list_filter = ["status", "kind", "source", "department", "subject_area"]
    list_select_related = ["subject_area", "department", "forwarded_to"]
    date_hierarchy = "received_at"
    fields = [
        "message_id",
        "kind",
        "source",
        "received_at",
        "subject_area",
        "department",
        "service",
        "suggestion",
        "deadline",
        "status",
        "handled_at",
        "handled_by",
        "forwarded_to",
        "callback",
        "anonymised_at",
    ]

    @admin.display(boolean=True, description=_("anonymiseret"))
    def anonymised(self, obj: Mail) -> bool:
        return obj.anonymised_at is not None
