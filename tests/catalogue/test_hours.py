"""Opening-hours logic: weekly hours, Saturdays, holidays, closures, extra
openings and DST days, as pure functions over plain data."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indgang.catalogue import hours
from indgang.catalogue.hours import Closed, Schedule

CPH = ZoneInfo("Europe/Copenhagen")


def t(value: str) -> time:
    return time.fromisoformat(value)


def at(day: str, clock: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), t(clock), tzinfo=CPH)


TOWN_HALL = Schedule(
    weekly={
        0: [(t("10:00"), t("15:00"))],
        1: [(t("10:00"), t("15:00"))],
        2: [(t("10:00"), t("12:00")), (t("13:00"), t("15:00"))],  # lunch break
        3: [(t("10:00"), t("17:30"))],
        4: [(t("10:00"), t("13:00"))],
        5: [(t("10:00"), t("13:00"))],  # Saturday
    }
)


def local_spans(day_hours) -> list[tuple[str, str]]:
    return [
        (i.start.astimezone(CPH).strftime("%H:%M"), i.end.astimezone(CPH).strftime("%H:%M"))
        for i in day_hours.intervals
    ]


@pytest.mark.parametrize(
    ("day", "expected", "holiday"),
    [
        ("2026-11-23", [("10:00", "15:00")], None),  # Monday
        ("2026-11-25", [("10:00", "12:00"), ("13:00", "15:00")], None),  # Wednesday, lunch
        ("2026-11-28", [("10:00", "13:00")], None),  # Saturday
        ("2026-11-29", [], None),  # Sunday
        ("2026-12-25", [], "Juledag"),  # Friday, Christmas Day
        ("2026-12-24", [], "Juleaftensdag"),  # Thursday, closed by custom
        ("2026-12-31", [], "Nytårsaften"),
        ("2026-06-05", [], "Grundlovsdag"),  # Friday
        ("2026-04-02", [], "Skærtorsdag"),
        ("2026-05-14", [], "Kristi himmelfartsdag"),
        ("2026-05-01", [("10:00", "13:00")], None),  # 1 May is a working day
        ("2027-03-25", [], "Skærtorsdag"),
    ],
)
def test_hours_on_weekdays_saturdays_and_holidays(day, expected, holiday):
    result = hours.hours_on(TOWN_HALL, date.fromisoformat(day))
    assert local_spans(result) == expected
    assert result.holiday == holiday
    assert result.is_open == bool(expected)


def test_location_that_ignores_holidays_is_open_on_christmas_day():
    schedule = Schedule(weekly={4: [(t("10:00"), t("13:00"))]}, closed_on_public_holidays=False)
    assert local_spans(hours.hours_on(schedule, date(2026, 12, 25))) == [("10:00", "13:00")]


def test_extra_opening_opens_a_holiday_and_a_sunday():
    schedule = Schedule(
        weekly=TOWN_HALL.weekly,
        extra={
            date(2026, 12, 25): [(t("10:00"), t("12:00"))],
            date(2026, 11, 29): [(t("11:00"), t("14:00"))],
        },
    )
    christmas = hours.hours_on(schedule, date(2026, 12, 25))
    assert local_spans(christmas) == [("10:00", "12:00")]
    assert christmas.holiday == "Juledag"  # still reported, so pages can say so
    assert local_spans(hours.hours_on(schedule, date(2026, 11, 29))) == [("11:00", "14:00")]


def test_extra_opening_extends_a_normal_day_without_overlap():
    schedule = Schedule(
        weekly=TOWN_HALL.weekly, extra={date(2026, 11, 23): [(t("14:00"), t("18:00"))]}
    )
    assert local_spans(hours.hours_on(schedule, date(2026, 11, 23))) == [("10:00", "18:00")]


def test_whole_day_closure_over_several_days_with_reason():
    schedule = Schedule(
        weekly=TOWN_HALL.weekly,
        closures=[Closed(date(2026, 11, 23), date(2026, 11, 24), reason="Personaledag")],
    )
    monday = hours.hours_on(schedule, date(2026, 11, 23))
    assert monday.intervals == ()
    assert monday.closure_reason == "Personaledag"
    assert hours.hours_on(schedule, date(2026, 11, 24)).intervals == ()
    assert local_spans(hours.hours_on(schedule, date(2026, 11, 25))) == [
        ("10:00", "12:00"),
        ("13:00", "15:00"),
    ]


def test_partial_closure_cuts_a_hole_in_the_day():
    schedule = Schedule(
        weekly=TOWN_HALL.weekly,
        closures=[Closed(date(2026, 11, 26), date(2026, 11, 26), t("12:00"), t("14:00"), "Møde")],
    )
    assert local_spans(hours.hours_on(schedule, date(2026, 11, 26))) == [
        ("10:00", "12:00"),
        ("14:00", "17:30"),
    ]


def test_is_open_includes_opening_and_excludes_closing_instant():
    assert hours.is_open(TOWN_HALL, at("2026-11-23", "10:00"))
    assert hours.is_open(TOWN_HALL, at("2026-11-23", "14:59"))
    assert not hours.is_open(TOWN_HALL, at("2026-11-23", "15:00"))
    assert not hours.is_open(TOWN_HALL, at("2026-11-23", "09:59"))
    assert not hours.is_open(TOWN_HALL, at("2026-11-25", "12:30"))  # lunch
    assert hours.is_open(TOWN_HALL, at("2026-11-28", "11:00"))  # Saturday
    assert not hours.is_open(TOWN_HALL, at("2026-12-25", "11:00"))  # Christmas Day


def test_is_open_accepts_any_time_zone():
    assert hours.is_open(TOWN_HALL, datetime(2026, 11, 23, 9, 30, tzinfo=UTC))  # 10:30 local
    assert not hours.is_open(TOWN_HALL, datetime(2026, 11, 23, 14, 0, tzinfo=UTC))  # 15:00 local


def test_next_opening_after_closing_on_friday_is_saturday_morning():
    nxt = hours.next_opening(TOWN_HALL, at("2026-11-27", "13:30"))
    assert nxt.start == at("2026-11-28", "10:00")


def test_next_opening_while_open_is_the_current_interval():
    nxt = hours.next_opening(TOWN_HALL, at("2026-11-23", "11:00"))
    assert nxt.start == at("2026-11-23", "10:00")
    assert nxt.end == at("2026-11-23", "15:00")


def test_next_opening_skips_christmas():
    nxt = hours.next_opening(TOWN_HALL, at("2026-12-23", "16:00"))
    assert nxt.start == at("2026-12-28", "10:00")  # 24th, 25th, 26th and Sunday closed


def test_next_opening_none_when_never_open():
    assert hours.next_opening(Schedule(), at("2026-11-23", "10:00"), within_days=14) is None


# DST: Denmark moves to summer time on 29 March 2026 (02:00 → 03:00) and back on
# 25 October 2026 (03:00 → 02:00).
SUNDAY_NIGHT = Schedule(weekly={6: [(t("01:00"), t("04:00"))]}, closed_on_public_holidays=False)


def test_spring_forward_day_loses_an_hour():
    (interval,) = hours.hours_on(SUNDAY_NIGHT, date(2026, 3, 29)).intervals
    assert interval.duration == timedelta(hours=2)
    start, end = interval.local()
    assert start.utcoffset() == timedelta(hours=1)
    assert end.utcoffset() == timedelta(hours=2)


def test_fall_back_day_gains_an_hour():
    (interval,) = hours.hours_on(SUNDAY_NIGHT, date(2026, 10, 25)).intervals
    assert interval.duration == timedelta(hours=4)


def test_ordinary_sunday_interval_is_three_hours():
    (interval,) = hours.hours_on(SUNDAY_NIGHT, date(2026, 11, 1)).intervals
    assert interval.duration == timedelta(hours=3)


def test_opening_inside_the_missing_hour_starts_when_the_clock_resumes():
    schedule = Schedule(weekly={6: [(t("02:30"), t("05:00"))]}, closed_on_public_holidays=False)
    (interval,) = hours.hours_on(schedule, date(2026, 3, 29)).intervals
    start, _ = interval.local()
    assert (start.hour, start.minute, start.utcoffset()) == (3, 0, timedelta(hours=2))
    assert interval.duration == timedelta(hours=2)


def test_ambiguous_times_take_the_longest_reading():
    schedule = Schedule(weekly={6: [(t("02:30"), t("02:45"))]}, closed_on_public_holidays=False)
    (interval,) = hours.hours_on(schedule, date(2026, 10, 25)).intervals
    # 02:30 summer time to 02:45 winter time
    assert interval.duration == timedelta(hours=1, minutes=15)


def test_is_open_during_the_repeated_hour():
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    assert hours.is_open(SUNDAY_NIGHT, first)
    assert hours.is_open(SUNDAY_NIGHT, second)


def test_to_instant_is_utc():
    assert hours.to_instant(date(2026, 7, 1), t("10:00")) == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    assert hours.to_instant(date(2026, 1, 5), t("10:00")) == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


# Properties over random schedules


quarter_hours = st.integers(min_value=0, max_value=95).map(lambda q: time(q // 4, (q % 4) * 15))
spans = st.tuples(quarter_hours, quarter_hours).filter(lambda s: s[0] < s[1])
weekly = st.dictionaries(st.integers(0, 6), st.lists(spans, max_size=3), max_size=7)
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))


@st.composite
def closures(draw):
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(0, 10)))
    if draw(st.booleans()):
        return Closed(start, end)
    frm, to = draw(spans)
    return Closed(start, end, frm, to)


@settings(max_examples=200, deadline=None)
@given(
    weekly=weekly, closed=st.lists(closures(), max_size=3), day=days, holidays_close=st.booleans()
)
def test_no_interval_overlaps_a_closure_and_intervals_are_ordered(
    weekly, closed, day, holidays_close
):
    schedule = Schedule(weekly=weekly, closures=closed, closed_on_public_holidays=holidays_close)
    result = hours.hours_on(schedule, day)
    for first, second in zip(result.intervals, result.intervals[1:], strict=False):
        assert first.end < second.start  # merged, ordered, disjoint
    for interval in result.intervals:
        assert interval.start < interval.end
        assert interval.start.astimezone(CPH).date() == day
        for closure in closed:
            if not closure.covers(day):
                continue
            assert not closure.whole_day, "a whole-day closure leaves no interval"
            cut_start = hours.to_instant(day, closure.from_time)
            cut_end = hours.to_instant(day, closure.to_time, later=True)
            assert interval.end <= cut_start or interval.start >= cut_end
    if holidays_close and hours.holiday_name(day):
        assert result.intervals == ()


@settings(max_examples=200, deadline=None)
@given(weekly=weekly, day=days, minute=st.integers(0, 24 * 60 - 1))
def test_is_open_agrees_with_hours_on(weekly, day, minute):
    schedule = Schedule(weekly=weekly)
    instant = hours.to_instant(day, time(minute // 60, minute % 60))
    inside = any(
        i.contains(instant)
        for i in hours.hours_on(schedule, instant.astimezone(CPH).date()).intervals
    )
    assert hours.is_open(schedule, instant) == inside


def test_period_instants_span_whole_local_days_across_dst():
    start, end = hours.period_instants(date(2026, 3, 29), date(2026, 3, 29))
    assert start == at("2026-03-29", "00:00")
    assert end - start == timedelta(hours=23)  # the spring-forward day is short
    start, end = hours.period_instants(date(2026, 10, 24), date(2026, 10, 25))
    assert end - start == timedelta(hours=49)
