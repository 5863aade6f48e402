"""Front-desk measures: on-time buckets, no-show rate, walk-in waiting,
expeditions per point, and the manager page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from indgang.core import clock
from indgang.core.permissions import Role
from indgang.frontdesk.measures import (
    frontdesk_measures,
    median,
    percentile,
    served_on_time_bucket,
)
from indgang.frontdesk.models import Expedition, Point, Ticket, TicketKind, TicketStatus
from tests.catalogue.factories import LocationFactory
from tests.conftest import local

DUE = local(2026, 11, 24, 10, 0)
DAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("late", "bucket"),
    [
        (timedelta(minutes=-5), "before"),
        (timedelta(seconds=-1), "before"),
        (timedelta(0), "on_time"),
        (timedelta(seconds=59), "on_time"),
        (timedelta(minutes=1), "late_1_10"),
        (timedelta(minutes=10), "late_1_10"),
        (timedelta(minutes=10, seconds=1), "late_over_10"),
        (timedelta(hours=2), "late_over_10"),
    ],
)
def test_on_time_bucket_boundaries(late, bucket):
    assert served_on_time_bucket(due_at=DUE, called_at=DUE + late) == bucket


def test_median_and_nearest_rank_percentile():
    assert median([]) is None and percentile([], 90) is None
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 2, 3]) == 2.5
    values = list(range(1, 11))  # 1..10
    assert percentile(values, 90) == 9
    assert percentile(values, 100) == 10
    assert percentile([7], 90) == 7


_numbers = iter(range(1, 10_000))


def ticket(
    location,
    *,
    kind=TicketKind.BOOKED,
    due_at=DUE,
    arrived_at=None,
    called_at=None,
    status=TicketStatus.SERVED,
    day=DAY,
):
    return Ticket.objects.create(
        location=location,
        day=day,
        number=f"A{next(_numbers):03d}",
        kind=kind,
        due_at=due_at,
        arrived_at=arrived_at or due_at - timedelta(minutes=5),
        called_at=called_at,
        status=status,
    )


@pytest.fixture
def dataset(db):
    """One location on 24 Nov: 4 booked calls (one in each bucket), 1 booked
    no-show, 3 walk-ins waiting 5, 10 and 30 minutes, and expeditions at two
    points. Another location's data must not count."""
    here, elsewhere = LocationFactory(), LocationFactory()
    for minutes in (-3, 0.5, 5, 15):
        ticket(here, called_at=DUE + timedelta(minutes=minutes))
    ticket(here, status=TicketStatus.NO_SHOW)
    ticket(
        here,
        status=TicketStatus.WAITING,
        day=DAY + timedelta(days=1),
        due_at=DUE + timedelta(days=1),
    )
    for wait in (5, 10, 30):
        arrived = local(2026, 11, 24, 11, 0)
        ticket(
            here,
            kind=TicketKind.WALK_IN,
            due_at=arrived,
            arrived_at=arrived,
            called_at=arrived + timedelta(minutes=wait),
        )
    for point in (Point.DESK, Point.DESK, Point.DESK, Point.INFORMATION):
        Expedition.objects.create(location=here, point=point, occurred_at=DUE)
    # Outside the period (next day, local time) and at another location:
    Expedition.objects.create(location=here, occurred_at=local(2026, 11, 25, 0, 30))
    ticket(elsewhere, called_at=DUE + timedelta(minutes=30), status=TicketStatus.NO_SHOW)
    Expedition.objects.create(location=elsewhere, occurred_at=DUE)
    return here, elsewhere


def test_measures_of_one_location(dataset):
    here, _elsewhere = dataset
    result = frontdesk_measures(location=here, date_from=DAY, date_to=DAY)

    buckets = {row["bucket"]: (row["count"], row["share"]) for row in result["on_time"]["buckets"]}
    assert buckets == {
        "before": (1, 0.25),
        "on_time": (1, 0.25),
        "late_1_10": (1, 0.25),
        "late_over_10": (1, 0.25),
    }
    assert result["on_time"]["total"] == 4
    assert result["on_time"]["on_time_share"] == 0.5
    assert result["no_show"] == {"served": 4, "no_show": 1, "rate": 0.2}
    assert result["walk_in_wait"] == {"count": 3, "median_minutes": 10, "p90_minutes": 30}
    points = {row["point"]: row["count"] for row in result["points"]["rows"]}
    assert points["desk"] == 3 and points["information"] == 1
    assert result["points"]["total"] == 4
    assert [day["day"] for day in result["per_day"]] == [DAY]


def test_measures_of_all_locations_and_empty_days(dataset):
    result = frontdesk_measures(date_from=DAY, date_to=DAY + timedelta(days=1))
    assert result["on_time"]["total"] == 5
    assert result["no_show"]["no_show"] == 2
    assert result["points"]["total"] == 6  # 4 + the next day's + elsewhere
    next_day = result["per_day"][1]
    assert next_day["total"] == 0 and next_day["on_time_share"] is None


def test_measures_with_no_data_have_no_shares(db):
    result = frontdesk_measures(date_from=DAY, date_to=DAY)
    assert result["on_time"]["on_time_share"] is None
    assert result["no_show"]["rate"] is None
    assert result["walk_in_wait"]["median_minutes"] is None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.MANAGER, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.FRONT_DESK, 403),
        (Role.CONTACT_CENTRE, 403),
    ],
)
def test_measures_page_is_for_managers(client, make_staff, role, status):
    client.force_login(make_staff(role))
    assert client.get(reverse("survey:measures")).status_code == status


def test_measures_page_needs_login(client, db):
    response = client.get(reverse("survey:measures"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_measures_page_shows_table_and_chart(client, make_staff, dataset):
    here, _elsewhere = dataset
    client.force_login(make_staff(Role.MANAGER))
    with clock.frozen(at=local(2026, 11, 26, 12, 0)):
        response = client.get(
            reverse("survey:measures"),
            {"date_from": "2026-11-24", "date_to": "2026-11-24", "location": here.pk},
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-bucket="late_over_10"' in html
    assert "<svg" in html and "50 %" in html  # the day's on-time share
    assert "20 % udeblev" in html
    assert "Median 10 min." in html


def test_measures_page_defaults_to_last_30_days_and_rejects_a_reversed_period(
    client, make_staff, db
):
    client.force_login(make_staff(Role.MANAGER))
    with clock.frozen(at=local(2026, 11, 26, 12, 0)):
        response = client.get(reverse("survey:measures"))
        assert response.context["measures"]["date_from"] == date(2026, 10, 28)
        assert response.context["measures"]["date_to"] == date(2026, 11, 26)
        bad = client.get(
            reverse("survey:measures"), {"date_from": "2026-11-24", "date_to": "2026-11-01"}
        )
    assert bad.status_code == 200
    assert bad.context["measures"] is None
    assert "Til-datoen skal ligge efter fra-datoen." in bad.content.decode()
