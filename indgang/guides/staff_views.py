"""Staff pages of the guides: the steps that no longer work (their service was
archived or lost its self-service link, or was deleted), each with a link to
edit its guide in the admin."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from indgang.core.permissions import Role, role_required

from . import selectors

READERS = (Role.MANAGER, Role.ADMINISTRATOR, Role.BACK_OFFICE, Role.FRONT_DESK, Role.CONTACT_CENTRE)


@require_safe
@role_required(*READERS)
def broken_steps(request):
    may_edit = request.user.is_staff and request.user.has_perm("guides.change_guide")
    rows = [
        {
            "guide": item.step.guide,
            "step": item.step,
            "reasons": item.reasons,
            "edit_url": reverse("admin:guides_guide_change", args=[item.step.guide_id])
            if may_edit
            else "",
        }
        for item in selectors.steps_broken()
    ]
    return render(request, "guides/staff/broken.html", {"rows": rows})
