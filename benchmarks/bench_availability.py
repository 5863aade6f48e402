"""Availability for 31 days: 20 desks, 40 services, 50,000 existing bookings.

Measured: GET /api/v1/availability/ for two services over 31 days, through
django.test.Client with a staff token (routing, authentication, query
serializer, selector, slot computation and JSON all included). Baseline: an
almost empty authenticated API call in the same run (GET /api/v1/authorities/
with one row), so the ratio compares across machines. Target: availability
p95 under 50 ms on PostgreSQL (issue 4).

The bookings lie from 300 days back to the end of the 60-day booking horizon,
none overlapping on a desk, about a third of each desk's open time taken, so
the 31 days asked for hold a realistic share (about 4,300). The clock is
frozen at Monday 23 November 2026 08:00 so runs compare.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.test import Client

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=CPH)
DESKS = 20
SERVICES = 40
BOOKINGS = 50_000
DAYS_BACK = 300
REQUESTS = 200
WARM_UP = 10
WEEKLY = {
    0: [("09:00", "15:00")],
    1: [("09:00", "15:00")],
    2: [("09:00", "12:00"), ("13:00", "15:00")],
    3: [("09:00", "18:00")],
    4: [("09:00", "13:00")],
    5: [("10:00", "13:00")],
}


def _catalogue():
    from indgang.booking.models import BookingPolicy
    from indgang.catalogue.models import (
        Authority,
        Desk,
        Location,
        OpeningHours,
        Service,
        SubjectArea,
    )

    rng = random.Random(4)
    authority = Authority.objects.create(name="Bench Kommune", is_municipality=True)
    area = SubjectArea.objects.create(name="Bench")
    services = Service.objects.bulk_create(
        Service(
            name=f"Ydelse {n:02d}",
            slug=f"ydelse-{n:02d}",
            subject_area=area,
            authority=authority,
            minutes_per_expedition=rng.choice([5, 10, 10, 15, 15, 20, 30]),
        )
        for n in range(SERVICES)
    )
    location = Location.objects.create(name="Borgerservice Bench", slug="borgerservice-bench")
    OpeningHours.objects.bulk_create(
        OpeningHours(
            location=location,
            weekday=weekday,
            opens=datetime.strptime(opens, "%H:%M").time(),
            closes=datetime.strptime(closes, "%H:%M").time(),
        )
        for weekday, spans in WEEKLY.items()
        for opens, closes in spans
    )
    BookingPolicy.objects.create(location=location, min_notice_minutes=60, horizon_days=60)
    desks = Desk.objects.bulk_create(Desk(location=location, number=n + 1) for n in range(DESKS))
    # Every desk handles the 10 everyday services (passport, driving licence, …)
    # and 15 of the other 30; the two services asked for are an everyday one
    # and a special one (ydelse-19) that 10 of the 20 desks handle.
    through = Desk.services.through
    links = []
    for i, desk in enumerate(desks):
        special = [services[10 + (i + k) % 30] for k in range(15)]
        links += [through(desk_id=desk.pk, service_id=s.pk) for s in services[:10] + special]
    through.objects.bulk_create(links)
    return location, services, desks


def _bookings(location, services, desks) -> int:
    """50,000 non-overlapping bookings per desk, bulk-inserted."""
    from indgang.booking.models import Booking
    from indgang.catalogue import hours
    from indgang.catalogue.selectors import location_schedule

    rng = random.Random(2026)
    schedule = location_schedule(location=location)
    today = NOW.date()
    rows: list[tuple] = []
    for offset in range(-DAYS_BACK, 61):
        day = today + timedelta(days=offset)
        for interval in hours.hours_on(schedule, day).intervals:
            for desk in desks:
                t = interval.start + timedelta(minutes=5 * rng.randrange(0, 4))
                while True:
                    service = rng.choice(services[:10])
                    length = timedelta(minutes=service.minutes_per_expedition)
                    if t + length > interval.end:
                        break
                    if rng.random() < 0.5:
                        rows.append((desk.pk, t, t + length, service.pk))
                    t += length + timedelta(minutes=5 * rng.randrange(0, 3))
    rng.shuffle(rows)
    rows = sorted(rows[:BOOKINGS], key=lambda r: r[1])
    alphabet = "ACDEFGHJKMNPQRTUVWXY34679"

    def code(n: int) -> str:
        digits = []
        for _ in range(6):
            n, r = divmod(n, len(alphabet))
            digits.append(alphabet[r])
        return "".join(digits)

    created = NOW - timedelta(days=DAYS_BACK + 10)
    with transaction.atomic():
        made = Booking.objects.bulk_create(
            (
                Booking(
                    code=code(n),
                    cancel_token=f"bench-{n}",
                    location=location,
                    desk_id=desk_id,
                    start=start,
                    end=end,
                    blocked_until=end,
                    name="Borger",
                    phone=f"+4520{n:06d}",
                    created_at=created,
                )
                for n, (desk_id, start, end, _service) in enumerate(rows)
            ),
            batch_size=5000,
        )
        through = Booking.services.through
        through.objects.bulk_create(
            (
                through(booking_id=b.pk, service_id=row[3])
                for b, row in zip(made, rows, strict=True)
            ),
            batch_size=5000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return len(made)


def _time(client: Client, url: str, headers: dict) -> float:
    start = time.perf_counter()
    response = client.get(url, **headers)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return elapsed


def _p(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1] * 1e3


def run() -> None:
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from indgang.accounts.models import User
    from indgang.booking.models import Booking
    from indgang.booking.selectors import desks_for_services
    from indgang.core import clock
    from indgang.core.permissions import Role

    with clock.frozen(at=NOW):
        build = time.perf_counter()
        location, services, desks = _catalogue()
        count = _bookings(location, services, desks)
        build = time.perf_counter() - build
        user = User.objects.create_user(username="bench", password="unused-bench-password")
        user.groups.add(Group.objects.get_or_create(name=Role.FRONT_DESK)[0])
        headers = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}
        client = Client()
        date_from: date = NOW.date()
        date_to = date_from + timedelta(days=30)
        wanted = f"{services[0].slug},{services[19].slug}"
        url = (
            f"/api/v1/availability/?services={wanted}&location={location.slug}"
            f"&date_from={date_from}&date_to={date_to}"
        )
        baseline_url = "/api/v1/authorities/"
        in_window = Booking.objects.filter(
            start__gte=NOW, start__lt=NOW + timedelta(days=31)
        ).count()
        capable = len(desks_for_services(location=location, services=[services[0], services[19]]))

        queries: list[str] = []

        def count_queries(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count_queries):
            answer = client.get(url, **headers)
        assert answer.status_code == 200, answer.content[:500]
        slots = len(answer.json()["slots"])

        for _ in range(WARM_UP):
            _time(client, url, headers)
            _time(client, baseline_url, headers)
        measured, baseline = [], []
        full_collections = gc.get_stats()[2]["collections"]
        for _ in range(REQUESTS):  # interleaved, so drift hits both alike
            measured.append(_time(client, url, headers))
            baseline.append(_time(client, baseline_url, headers))
        full_collections = gc.get_stats()[2]["collections"] - full_collections

    print(
        f"data: {connection.vendor}, {DESKS} desks, {SERVICES} services, "
        f"{count:,} bookings ({in_window:,} in the 31 days asked for), built in {build:.1f} s"
    )
    print(
        f"availability answer: 2 services, {capable} capable desks, {slots:,} slots, "
        f"{len(queries)} queries"
    )
    print(
        f"baseline GET /api/v1/authorities/ (token): p50 {_p(baseline, 50):6.1f} ms   "
        f"p95 {_p(baseline, 95):6.1f} ms   (n={REQUESTS})"
    )
    print(
        f"measured GET /api/v1/availability/ 31 days: p50 {_p(measured, 50):6.1f} ms   "
        f"p95 {_p(measured, 95):6.1f} ms   (n={REQUESTS})"
    )
    print(
        f"ratio availability/baseline: p50 {_p(measured, 50) / _p(baseline, 50):.1f}   "
        f"p95 {_p(measured, 95) / _p(baseline, 95):.1f}   "
        f"(target: availability p95 < 50 ms: {'met' if _p(measured, 95) < 50 else 'MISSED'})"
    )
    print(
        f"tail: availability p99 {_p(measured, 99):.1f} ms, max {max(measured) * 1e3:.1f} ms; "
        f"{full_collections} full garbage collections during the {2 * REQUESTS} requests "
        "(docs/performance.md)"
    )
