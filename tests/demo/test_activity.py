"""The demo's two years of calls, contacts, self-service and mail counts.

The seed runs here at a small scale (`scale=`) so the tests stay quick; the
patterns and the idempotency do not depend on the scale.
"""

import functools
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum
from rest_framework.authtoken.models import Token

from indgang.accounts.models import User
from indgang.catalogue.hours import holiday_name
from indgang.catalogue.models import Channel, Outcome, Service
from indgang.contacts.models import (
    Call,
    CallResult,
    CallTally,
    Contact,
    ContactTally,
    Line,
    MailCount,
    MailKind,
    Point,
    SelfServiceCount,
)
from indgang.contacts.tally import tallies_rebuild
from indgang.core import clock
from indgang.core.permissions import Role, has_role
from indgang.demo import activity, data
from indgang.demo.activity import demo_activity_seed
from indgang.demo.services import demo_seed
from indgang.reports.selectors import citizen_service_report
from tests.conftest import CPH, local

SCALE = 0.05
NOW = local(2026, 11, 23, 9, 0)  # a Monday
TODAY = NOW.date()


def seed(*, at=NOW, scale=SCALE):
    with clock.frozen(at=at):
        return demo_activity_seed(scale=scale)


@pytest.fixture
def catalogue(db):
    with clock.frozen(at=NOW):
        demo_seed(password="korrekt-hest-batteri-haefteklamme")


@pytest.fixture
def seeded(catalogue):
    return seed()


def tallies() -> tuple[list, list]:
    fields = ("day", "line", "result", "subject_area_id", "wait_bucket", "calls", "wait_seconds")
    calls = sorted(CallTally.objects.filter(calls__gt=0).values_list(*fields))
    contact_fields = ("day", "channel", "point", "outcome", "subject_area_id", "contacts")
    contacts = sorted(ContactTally.objects.filter(contacts__gt=0).values_list(*contact_fields))
    return calls, contacts


def local_days(queryset, field: str) -> set[date]:
    return {value.astimezone(CPH).date() for value in queryset.values_list(field, flat=True)}


def test_from_first_january_last_year_up_to_yesterday(seeded):
    assert (seeded.first_day, seeded.last_day) == (date(2025, 1, 1), date(2026, 11, 22))
    call_days = local_days(Call.objects.all(), "arrived_at")
    contact_days = local_days(Contact.objects.all(), "occurred_at")
    assert min(call_days) >= date(2025, 1, 1) and max(call_days) == date(2026, 11, 20)  # Friday
    assert min(contact_days) >= date(2025, 1, 1)
    assert max(contact_days) >= date(2026, 11, 21)  # Saturday; e-mail may come on Sunday
    assert not Call.objects.filter(arrived_at__gte=local(2026, 11, 23)).exists()
    assert not Contact.objects.filter(occurred_at__gte=local(2026, 11, 23)).exists()
    assert not Call.objects.exclude(source=activity.SOURCE).exists()
    assert not Contact.objects.exclude(source=activity.SOURCE).exists()


def test_every_working_day_has_calls_and_none_come_on_sundays_or_holidays(seeded):
    call_days = local_days(Call.objects.filter(line=Line.MAIN), "arrived_at")
    day, working_days = date(2025, 1, 1), set()
    while day < TODAY:
        if day.weekday() < 5 and holiday_name(day) is None:
            working_days.add(day)
        day += timedelta(days=1)
    assert call_days == working_days


def test_calls_come_in_the_phone_hours_and_most_on_monday_morning(seeded):
    hours = {call.arrived_at.astimezone(CPH).hour for call in Call.objects.filter(line=Line.MAIN)}
    assert min(hours) == 9 and max(hours) == 16  # Thursday 9–17
    main = Call.objects.filter(line=Line.MAIN)
    per_weekday = {
        row["arrived_at__iso_week_day"]: row["n"]
        for row in main.values("arrived_at__iso_week_day").annotate(n=Count("pk"))
    }
    assert max(per_weekday, key=per_weekday.get) == 1  # Monday
    assert set(per_weekday) == {1, 2, 3, 4, 5}


def test_calls_are_answered_abandoned_and_resolved_in_plausible_shares(seeded):
    report = citizen_service_report(year=2025)
    switchboard = report["switchboard"]
    assert 5 <= switchboard["abandoned_pct"] <= 10
    assert switchboard["answered_wait"]["within_10s"] > switchboard["answered_wait"]["over_60s"]
    centre = report["contact_centre"]
    assert 70 <= centre["service_level_pct"] <= 90
    assert centre["abandoned_after_20s_pct"] < 8
    fcr = centre["first_contact_resolution_pct"]
    assert 33 <= fcr["year"] <= 45
    later = citizen_service_report(year=2026)["contact_centre"]["first_contact_resolution_pct"]
    assert later["year"] > fcr["year"]  # rising over time
    assert centre["futile_calls"] > 0 and centre["returned_calls"] > 0
    results = set(Call.objects.values_list("result", flat=True))
    assert results == set(CallResult.values)
    assert Call.objects.filter(line=Line.DEPARTMENT).exists()
    transferred = Call.objects.filter(result=CallResult.TRANSFERRED, line=Line.MAIN)
    assert not transferred.filter(transferred_to__isnull=True).exists()


def test_july_and_december_are_quiet(seeded):
    per_day = {
        row["day__month"]: row["n"] / row["days"]
        for row in CallTally.objects.filter(day__year=2025, line=Line.MAIN)
        .values("day__month")
        .annotate(n=Sum("calls"), days=Count("day", distinct=True))
    }
    assert per_day[7] < 0.75 * per_day[6]
    assert per_day[12] < 0.9 * per_day[11]


def test_the_report_year_has_every_quarter_and_section(seeded):
    report = citizen_service_report(year=2025)
    assert all(q["incoming"] > 0 for q in report["switchboard"]["by_quarter"])
    assert all(n > 0 for n in report["personal"]["expeditions"]["by_quarter"])
    assert all(
        x is not None
        for x in report["contact_centre"]["first_contact_resolution_pct"]["by_quarter"]
    )
    personal = report["personal"]
    assert personal["saturday"] > 0
    assert personal["information_desk"] > 0 and personal["cash_desk"] > 0
    assert personal["co_service"] > 0
    channels = report["channels"]["year"]
    for channel in Channel.values:
        assert channels[channel] > 0, channel
    mandatory = Service.objects.filter(mandatory_self_service=True).values_list("slug", flat=True)
    for slug in mandatory:
        figures = report["self_service"][slug]
        assert all(pct is not None for pct in figures["by_quarter"]), slug
    assert report["digital_mail"]["secure"] > report["digital_mail"]["plain"] > 0
    assert report["digital_mail"]["forwarded_to"]
    assert report["phone_by_subject_area"]
    # The year before has no data, the year after compares with it.
    assert report["personal"]["expeditions"]["change_pct"] is None
    assert citizen_service_report(year=2026)["personal"]["expeditions"]["change_pct"] is not None


def test_personal_contacts_follow_the_opening_hours(seeded):
    personal = Contact.objects.filter(channel=Channel.PERSONAL)
    assert set(personal.values_list("point", flat=True)) == {
        Point.DESK,
        Point.CO_SERVICE,
        Point.INFORMATION,
        Point.CASH,
    }
    library = personal.filter(location__slug=data.LIBRARY)
    weekdays = {c.occurred_at.astimezone(CPH).weekday() for c in library}
    assert weekdays == {1, 3, 5}  # Tuesday, Thursday, Saturday
    days = local_days(personal, "occurred_at")
    assert date(2025, 12, 25) not in days and date(2026, 6, 5) not in days  # holidays
    assert not any(day.weekday() == 6 for day in days)
    assert not personal.filter(Q(location__isnull=True) | Q(subject_area__isnull=True)).exists()
    assert personal.filter(point=Point.CO_SERVICE).exclude(outcome=Outcome.CO_SERVED).count() == 0


def test_self_service_counts_every_whole_month_and_digitisation_rises(seeded):
    with_link = Service.objects.exclude(self_service_url="")
    months = 12 + 10  # 2025 and January–October 2026 (November is not over)
    assert SelfServiceCount.objects.count() == with_link.count() * months
    assert SelfServiceCount.objects.order_by("-period_end").first().period_end == date(2026, 10, 31)

    def digitisation(start: date) -> float:
        counts = SelfServiceCount.objects.filter(
            service__mandatory_self_service=True, period_start=start
        ).aggregate(digital=Sum("digital"), manual=Sum("manual"))
        return counts["digital"] / (counts["digital"] + counts["manual"]) * 100

    assert 70 <= digitisation(date(2025, 1, 1)) <= 80
    assert 82 <= digitisation(date(2026, 10, 1)) <= 92


def test_mail_counts_every_whole_month_by_kind_and_subject_area(seeded):
    assert MailCount.objects.values("period_start").distinct().count() == 22
    assert set(MailCount.objects.values_list("kind", flat=True)) == set(MailKind.values)
    assert MailCount.objects.filter(forwarded_to__isnull=False).exists()
    assert not MailCount.objects.filter(subject_area__isnull=True).exists()


def test_the_tallies_match_the_rows(seeded):
    kept = tallies()
    tallies_rebuild()
    assert tallies() == kept


def test_second_run_adds_nothing(seeded):
    before = (
        Call.objects.count(),
        Contact.objects.count(),
        SelfServiceCount.objects.count(),
        MailCount.objects.count(),
        tallies(),
    )
    again = seed()
    assert not again.changed
    assert (again.first_day, again.last_day) == (None, None)
    after = (
        Call.objects.count(),
        Contact.objects.count(),
        SelfServiceCount.objects.count(),
        MailCount.objects.count(),
        tallies(),
    )
    assert after == before


def test_a_later_run_adds_only_the_new_days_and_they_are_the_same_as_in_one_run(catalogue):
    def rows():
        calls = sorted(
            Call.objects.values_list("call_id", "arrived_at", "answered_at", "ended_at", "result")
        )
        contacts = sorted(
            Contact.objects.values_list("external_id", "occurred_at", "channel", "outcome")
        )
        counts = sorted(
            SelfServiceCount.objects.values_list("service_id", "period_start", "digital", "manual")
        )
        mail = sorted(
            MailCount.objects.values_list("period_start", "kind", "subject_area_id", "count")
        )
        return calls, contacts, counts, mail, tallies()

    first = seed(at=local(2025, 3, 10, 9, 0), scale=SCALE)
    later = seed(at=local(2025, 4, 2, 9, 0), scale=SCALE)
    assert (first.first_day, first.last_day) == (date(2024, 1, 1), date(2025, 3, 9))
    # From the day after the last stored record (a quiet Sunday may be looked at again).
    assert date(2025, 3, 9) <= later.first_day <= date(2025, 3, 10)
    assert later.last_day == date(2025, 4, 1)
    assert later.calls and later.contacts and later.self_service_counts and later.mail_counts
    in_two_runs = rows()
    for model in (Call, Contact, SelfServiceCount, MailCount, CallTally, ContactTally):
        model.objects.all().delete()
    seed(at=local(2025, 4, 2, 9, 0), scale=SCALE)
    assert rows() == in_two_runs


def test_without_the_catalogue_nothing_is_added(db):
    assert not seed().changed
    assert not Call.objects.exists()


def test_integration_user_has_a_token_and_cannot_log_in(catalogue):
    user = User.objects.get(username="telefoni")
    assert has_role(user, Role.INTEGRATION)
    assert not user.has_usable_password()
    assert not user.is_staff
    assert user.has_perm("contacts.add_call")
    token = Token.objects.get(user=user)
    with clock.frozen(at=NOW):
        again = demo_seed()
    assert again.integration.token is None and not again.integration.created
    assert Token.objects.get(user=user).key == token.key


def test_the_push_api_accepts_the_demo_token(catalogue, client):
    token = Token.objects.get(user__username="telefoni")
    response = client.post(
        "/api/v1/calls/",
        {
            "call_id": "demo-api-1",
            "line": "main",
            "arrived_at": "2026-11-23T09:00:00+01:00",
            "answered_at": "2026-11-23T09:00:08+01:00",
            "ended_at": "2026-11-23T09:03:00+01:00",
            "result": "resolved",
            "subject_area": "pas",
            "transferred_to": "",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code in (200, 201), response.content
    assert Call.objects.filter(call_id="demo-api-1").exists()


@pytest.fixture
def small_command(monkeypatch):
    from indgang.demo.management.commands import seed_demo

    monkeypatch.setattr(
        seed_demo, "demo_activity_seed", functools.partial(demo_activity_seed, scale=SCALE)
    )


def test_command_adds_the_activity_and_shows_the_token_once(db, small_command):
    out = StringIO()
    with clock.frozen(at=NOW):
        call_command("seed_demo", stdout=out)
    output = out.getvalue()
    token = Token.objects.get(user__username="telefoni").key
    assert token in output
    assert "Aktivitet tilføjet (2025-01-01–2026-11-22)" in output
    assert f"{Call.objects.count()} opkald" in output

    out = StringIO()
    with clock.frozen(at=NOW):
        call_command("seed_demo", stdout=out)
    output = out.getvalue()
    assert token not in output
    assert "drf_create_token -r telefoni" in output
    assert "Ingen ny aktivitet" in output


def test_command_can_leave_the_activity_out(db, small_command):
    with clock.frozen(at=NOW):
        call_command("seed_demo", no_activity=True, stdout=StringIO())
    assert not Call.objects.exists() and not Contact.objects.exists()
