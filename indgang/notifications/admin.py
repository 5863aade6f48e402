"""The message ledger in the Danish admin: read-only, text hidden, recipient masked."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from indgang.core.admin import ReadOnlyAdmin

from .models import Message, kind_label
from .selectors import recipient_mask


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = (
        "pk",
        "kind_display",
        "channel",
        "masked_recipient",
        "reference",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    )
    list_filter = ("status", "kind", "channel")
    search_fields = ("reference", "idempotency_key")
    search_help_text = _("Søg på reference eller idempotensnøgle.")
    date_hierarchy = "created_at"
    # The text and the full recipient are personal data: not shown here.
    fields = (
        "kind",
        "channel",
        "masked_recipient",
        "subject",
        "reference",
        "idempotency_key",
        "status",
        "attempts",
        "max_attempts",
        "next_attempt_at",
        "lease_expires_at",
        "leased_by",
        "last_error",
        "created_at",
        "sent_at",
        "provider_message_id",
    )
    readonly_fields = fields
    actions = None
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")

    @admin.display(description=_("type"), ordering="kind")
    def kind_display(self, obj: Message) -> str:
        return kind_label(obj.kind)

    @admin.display(description=_("modtager"))
    def masked_recipient(self, obj: Message) -> str:
        return recipient_mask(channel=obj.channel, recipient=obj.recipient)
