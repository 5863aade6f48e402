"""The staff page of messages that failed or are still on their way."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from indgang.core.permissions import Role, role_required

from .errors import MessageNotRetryable
from .models import OPEN_STATUSES, Message, MessageStatus, kind_label
from .selectors import messages_for_staff, recipient_mask
from .services import message_retry

STAFF_ROLES = (Role.MANAGER, Role.ADMINISTRATOR, Role.FRONT_DESK)
PAGE_SIZE = 50


@never_cache
@role_required(*STAFF_ROLES)
def message_list(request):
    """Failed, waiting and sending messages (or one status: ?status=failed)."""
    chosen = request.GET.get("status", "")
    statuses = [chosen] if chosen in MessageStatus.values else list(OPEN_STATUSES)
    page = Paginator(messages_for_staff(statuses=statuses), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    rows = [
        {
            "message": message,
            "kind": kind_label(message.kind),
            "recipient": recipient_mask(channel=message.channel, recipient=message.recipient),
            "retryable": message.status in (MessageStatus.FAILED, MessageStatus.PENDING),
        }
        for message in page
    ]
    context = {
        "rows": rows,
        "page": page,
        "chosen": chosen if chosen in MessageStatus.values else "",
        "status_choices": MessageStatus.choices,
    }
    return render(request, "notifications/message_list.html", context)


@require_POST
@role_required(*STAFF_ROLES)
def message_retry_view(request, pk: int):
    message = get_object_or_404(Message, pk=pk)
    try:
        message_retry(message_id=message.pk, by=request.user, request=request)
    except MessageNotRetryable as exc:
        flash.error(request, exc.message)
    else:
        flash.success(
            request,
            _("Beskeden %(id)s sendes igen om lidt.") % {"id": message.pk},
        )
    back = reverse("notifications:list")
    shown = request.POST.get("status", "")
    if shown in MessageStatus.values:  # back to the same filter; nothing else is followed
        back = f"{back}?{urlencode({'status': shown})}"
    return redirect(back)
