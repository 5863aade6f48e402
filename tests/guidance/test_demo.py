"""The demo's caseworker calendars and plan, seeded twice without duplicates."""

from __future__ import annotations

import pytest

from indgang.booking.models import StaffCalendar, StaffMeeting
from indgang.core import clock
from indgang.demo.guidance import PLAN_TITLE, demo_guidance_seed
from indgang.demo.services import demo_seed
from indgang.guidance import selectors
from indgang.guidance.models import GuidancePlan
from tests.conftest import local


@pytest.mark.django_db
def test_demo_guidance_seed_is_idempotent():
    with clock.frozen(at=local(2026, 11, 23, 8, 0)):
        demo_seed(password="demo-Kode-2026")
        first = demo_guidance_seed(password="demo-Kode-2026")
        again = demo_guidance_seed(password="demo-Kode-2026")
        assert (first.calendars, first.plans, first.actions, first.meetings) == (2, 1, 3, 2)
        assert (again.calendars, again.plans, again.actions, again.meetings) == (0, 0, 0, 0)
        assert StaffCalendar.objects.count() == 2
        plan = GuidancePlan.objects.get(title=PLAN_TITLE)
        departments = set(
            StaffMeeting.objects.filter(reference=f"guidance.plan:{plan.pk}").values_list(
                "calendar__department__slug", flat=True
            )
        )
        assert departments == {"social-og-sundhed", "boliganvisningen"}
        assert selectors.actions_overdue(plan=plan).count() == 1
