"""The forecast: counts by local half hour, the method on hand-made data
(level, season, trend and their guards, holidays, the intraday profile) and
the MAPE of last year's forecasts, computed by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from indgang.catalogue.models import Channel
from indgang.contacts.models import Point
from indgang.contacts.records import CallRecord, ContactRecord
from indgang.contacts.services import calls_store, contacts_store
from indgang.frontdesk.models import Expedition, Ticket, TicketKind
from indgang.planning import forecast as fc
from tests.catalogue.factories import LocationFactory
from tests.conftest import CPH, local

MON, TUE, WED, THU, FRI = range(5)


def weeks(first_monday: date, n: int, per_weekday: dict[int, int]) -> dict[date, int]:
    """Daily totals: the same count on each weekday for `n` weeks."""
    return {
        first_monday + timedelta(days=7 * k + wd): count
        for k in range(n)
        for wd, count in per_weekday.items()
    }


def store_calls(times: list[datetime]) -> None:
    calls_store(
        records=[
            CallRecord(
                call_id=f"c{i}",
                line="main",
                arrived_at=at,
                answered_at=at + timedelta(seconds=10),
                ended_at=at + timedelta(seconds=130),
                result="resolved",
            )
            for i, at in enumerate(t.astimezone(UTC) for t in times)  # keeps `fold`
        ],
        source="test",
    )


# --- The method on hand-made daily totals ---------------------------------------

ORDINARY = {MON: 120, TUE: 100, WED: 90, THU: 95, FRI: 70}
JAN_5 = date(2026, 1, 5)  # a Monday; 8 weeks from it end on Sunday 1 March
MAR_2 = date(2026, 3, 2)


def test_eight_identical_weeks_forecast_the_same_week_again():
    totals = weeks(JAN_5, 8, ORDINARY)
    days = fc.daily_forecast(
        totals, MAR_2, MAR_2 + timedelta(days=6), as_of=MAR_2, data_start=JAN_5
    )
    assert list(days.values()) == [120, 100, 90, 95, 70, 0, 0]


def test_holidays_forecast_zero_and_do_not_pull_the_level_down():
    # Easter 2026: skærtorsdag 2 April, langfredag 3 April, 2. påskedag 6 April.
    totals = weeks(JAN_5, 14, ORDINARY)
    for holiday in (date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 6)):
        totals[holiday] = 0
    easter_week = fc.daily_forecast(
        totals, date(2026, 3, 30), date(2026, 4, 5), as_of=date(2026, 3, 30), data_start=JAN_5
    )
    assert list(easter_week.values()) == [120, 100, 90, 0, 0, 0, 0]
    # Two weeks later the base weeks hold the three closed days: they are left out.
    after = fc.daily_forecast(
        totals, date(2026, 4, 13), date(2026, 4, 17), as_of=date(2026, 4, 13), data_start=JAN_5
    )
    assert list(after.values()) == [120, 100, 90, 95, 70]


def test_without_last_year_a_steady_rise_is_carried_forward():
    # 100, 105, …, 135 a day in the 8 base weeks: the line says 140, then 145.
    totals = {}
    for k in range(8):
        totals.update(weeks(JAN_5 + timedelta(days=7 * k), 1, dict.fromkeys(range(5), 100 + 5 * k)))
    days = fc.daily_forecast(
        totals, MAR_2, MAR_2 + timedelta(days=7), as_of=MAR_2, data_start=JAN_5
    )
    assert days[MAR_2] == pytest.approx(140)
    assert days[MAR_2 + timedelta(days=7)] == pytest.approx(145)


def test_the_trend_is_guarded_at_plus_25_percent():
    totals = {}
    for k in range(8):
        totals.update(
            weeks(JAN_5 + timedelta(days=7 * k), 1, dict.fromkeys(range(5), 100 + 50 * k))
        )
    days = fc.daily_forecast(totals, MAR_2, MAR_2, as_of=MAR_2, data_start=JAN_5)
    # Level 275 (the mean of 100…450); the line would say 500: guarded to 275 × 1.25.
    assert days[MAR_2] == pytest.approx(343.75)


LAST_YEAR_BASE = JAN_5 - timedelta(days=364)  # Monday 6 January 2025


def test_season_is_last_years_target_week_against_its_base_weeks():
    totals = weeks(LAST_YEAR_BASE, 8, dict.fromkeys(range(5), 100))
    totals.update(weeks(MAR_2 - timedelta(days=364), 1, dict.fromkeys(range(5), 150)))
    totals.update(weeks(JAN_5, 8, dict.fromkeys(range(5), 200)))
    days = fc.daily_forecast(
        totals, MAR_2, MAR_2 + timedelta(days=4), as_of=MAR_2, data_start=LAST_YEAR_BASE
    )
    # 200 a day now × (150 ÷ 100 last year) = 300.
    assert list(days.values()) == [300, 300, 300, 300, 300]


def test_an_odd_week_last_year_is_guarded_at_twice_the_level():
    totals = weeks(LAST_YEAR_BASE, 8, dict.fromkeys(range(5), 100))
    totals.update(weeks(MAR_2 - timedelta(days=364), 1, dict.fromkeys(range(5), 500)))
    totals.update(weeks(JAN_5, 8, dict.fromkeys(range(5), 200)))
    days = fc.daily_forecast(totals, MAR_2, MAR_2, as_of=MAR_2, data_start=LAST_YEAR_BASE)
    assert days[MAR_2] == 400


def test_mape_by_hand():
    # Days off by 10 of 100 and 30 of 120; a day with nothing is left out.
    assert fc.mape([110, 90, 5], [100, 120, 0]) == pytest.approx((10 + 25) / 2)
    assert fc.mape([3.0, 1.0], [0, 0]) is None


# --- From the registry --------------------------------------------------------------


@pytest.mark.django_db
def test_history_counts_by_local_half_hour_across_daylight_saving():
    store_calls(
        [
            local(2026, 10, 24, 23, 50),  # late Saturday: the 24th, not the UTC 24th's …
            datetime(2026, 10, 25, 2, 10, tzinfo=CPH, fold=0),  # 02:10 summer time
            datetime(2026, 10, 25, 2, 40, tzinfo=CPH, fold=1),  # 02:40 winter time, an hour later
            local(2026, 10, 26, 0, 10),  # UTC 25 October 23:10: the 26th locally
            local(2026, 3, 29, 3, 0),  # the first instant after the spring gap
        ]
    )
    october = fc.history("phone", date(2026, 10, 24), date(2026, 10, 26))
    assert list(october) == [date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26)]
    assert october[date(2026, 10, 24)][47] == 1
    assert october[date(2026, 10, 25)][4] == 1  # 02:00–02:30
    assert october[date(2026, 10, 25)][5] == 1  # 02:30–03:00
    assert sum(october[date(2026, 10, 25)]) == 2
    assert october[date(2026, 10, 26)][0] == 1
    march = fc.history("phone", date(2026, 3, 29), date(2026, 3, 29))[date(2026, 3, 29)]
    assert march[4] == march[5] == 0
    assert march[6] == 1
    assert len(march) == fc.SLOTS


@pytest.mark.django_db
def test_desk_and_walk_in_count_contacts_and_expeditions_at_the_desks():
    here, there = LocationFactory(), LocationFactory()
    at = local(2026, 2, 3, 10, 5)
    contacts_store(
        records=[
            ContactRecord("d1", at, Channel.PERSONAL, Point.DESK, location_id=here.pk),
            ContactRecord("d2", at, Channel.PERSONAL, Point.CO_SERVICE, location_id=there.pk),
            ContactRecord("i1", at, Channel.PERSONAL, Point.INFORMATION, location_id=here.pk),
            ContactRecord("c1", at, Channel.CHAT),
        ],
        source="test",
    )

    def ticket(number, kind):
        return Ticket.objects.create(
            location=here, day=at.date(), number=number, kind=kind, due_at=at, arrived_at=at
        )

    Expedition.objects.create(location=here, point=Point.DESK, occurred_at=at)
    Expedition.objects.create(
        location=here, point=Point.DESK, occurred_at=at, ticket=ticket("A1", TicketKind.BOOKED)
    )
    Expedition.objects.create(
        location=here, point=Point.DESK, occurred_at=at, ticket=ticket("B1", TicketKind.WALK_IN)
    )
    day = at.date()

    def count(kind, **kwargs):
        return fc.history(kind, day, day, **kwargs)[day][20]  # 10:00–10:30

    assert count("desk") == 5  # two desk contacts and three expeditions
    assert count("walk_in") == 4  # not the expedition of the booked ticket
    assert count("desk", location_id=here.pk) == 4
    assert count("chat") == 1
    assert count("chat", location_id=there.pk) == 1  # chat belongs to no location
    assert count("phone") == 0


@pytest.mark.django_db
def test_forecast_of_eight_identical_weeks_repeats_them_per_half_hour():
    times = []
    for k in range(8):
        monday = JAN_5 + timedelta(days=7 * k)
        times += [
            datetime.combine(monday, datetime.min.time(), CPH).replace(hour=9, minute=m)
            for m in (0, 20)
        ]
        times.append(datetime.combine(monday, datetime.min.time(), CPH).replace(hour=10, minute=45))
        tuesday = monday + timedelta(days=1)
        times.append(datetime.combine(tuesday, datetime.min.time(), CPH).replace(hour=13))
    store_calls(times)
    days = fc.forecast("phone", MAR_2, MAR_2 + timedelta(days=6), as_of=MAR_2)
    monday, tuesday = days[MAR_2], days[MAR_2 + timedelta(days=1)]
    assert monday[18] == pytest.approx(2)  # 09:00–09:30
    assert monday[21] == pytest.approx(1)  # 10:30–11:00
    assert sum(monday) == pytest.approx(3)
    assert tuesday[26] == pytest.approx(1)  # 13:00–13:30
    assert sum(tuesday) == pytest.approx(1)
    assert all(sum(days[MAR_2 + timedelta(days=i)]) == 0 for i in range(2, 7))
    # Data after as_of is not used: the same forecast with a different week stored later.
    store_calls([local(2026, 3, 2, 9, 0) + timedelta(minutes=i) for i in range(100, 130)])
    again = fc.forecast("phone", MAR_2, MAR_2, as_of=MAR_2)
    assert again[MAR_2] == pytest.approx(monday)


@pytest.mark.django_db
def test_no_data_forecasts_zero_everywhere():
    days = fc.forecast("chat", MAR_2, MAR_2 + timedelta(days=1), as_of=MAR_2)
    assert days == {MAR_2: [0.0] * 48, MAR_2 + timedelta(days=1): [0.0] * 48}


@pytest.mark.django_db
def test_accuracy_compares_each_weeks_forecast_with_what_came():
    # Two calls every Monday for 8 weeks, then a Monday with 3 and a Tuesday with 1.
    times = [
        datetime.combine(JAN_5 + timedelta(days=7 * k), datetime.min.time(), CPH).replace(hour=9)
        + timedelta(minutes=i)
        for k in range(8)
        for i in range(2)
    ]
    times += [local(2026, 3, 2, 9, i) for i in range(3)] + [local(2026, 3, 3, 9, 0)]
    store_calls(times)
    rows = fc.forecast_accuracy("phone", weeks=2, as_of=date(2026, 3, 11))
    assert [r["week"] for r in rows] == ["2026-W09", "2026-W10"]
    assert rows[0] == {
        "week_start": date(2026, 2, 23),
        "week": "2026-W09",
        "forecast": pytest.approx(2),
        "actual": 2,
        "mape": pytest.approx(0),
    }
    last = rows[1]
    assert last["week_start"] == MAR_2
    assert last["forecast"] == pytest.approx(2)  # Tuesday had nothing in the base weeks
    assert last["actual"] == 4
    # Monday: |2 − 3| ÷ 3; Tuesday: |0 − 1| ÷ 1 → (33.3 + 100) ÷ 2.
    assert last["mape"] == pytest.approx((100 / 3 + 100) / 2)


@pytest.mark.django_db
def test_accuracy_has_no_mape_before_the_data_begins():
    store_calls([local(2026, 3, 2, 9, 0)])
    rows = fc.forecast_accuracy("phone", weeks=3, as_of=date(2026, 3, 9))
    assert [r["mape"] for r in rows] == [None, None, None]
    assert [r["actual"] for r in rows] == [0, 0, 1]


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        fc.history("fax", MAR_2, MAR_2)
