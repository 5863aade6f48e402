"""The pure slot computation: grid, fit, buffer, busy desks, notice, horizon, DST."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from indgang.booking.availability import (
    DeskPlan,
    Request,
    Span,
    free_desks_at,
    free_slots,
    is_grid_start,
)
from indgang.catalogue import hours

CPH = ZoneInfo("Europe/Copenhagen")


def at(day: str, clock: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=CPH)


def request(open_spans, *, length=15, buffer=0, step=5, earliest=None, latest=None) -> Request:
    return Request(
        open=open_spans,
        length=timedelta(minutes=length),
        buffer=timedelta(minutes=buffer),
        step=timedelta(minutes=step),
        earliest=earliest or datetime(2000, 1, 1, tzinfo=UTC),
        latest=latest or datetime(2100, 1, 1, tzinfo=UTC),
    )


MONDAY = [Span(at("2026-11-30", "10:00"), at("2026-11-30", "11:00"))]


def local_starts(slots) -> list[str]:
    return [s.start.astimezone(CPH).strftime("%H:%M") for s in slots]


def test_slots_fit_the_appointment_before_closing():
    slots = free_slots([DeskPlan(1)], request(MONDAY, length=15, step=15))
    assert local_starts(slots) == ["10:00", "10:15", "10:30", "10:45"]
    assert slots[-1].end == at("2026-11-30", "11:00")


def test_a_booking_blocks_its_time_on_its_desk_only():
    busy = [Span(at("2026-11-30", "10:15"), at("2026-11-30", "10:30"))]
    one_desk = free_slots([DeskPlan(1, busy)], request(MONDAY, length=15, step=15))
    assert local_starts(one_desk) == ["10:00", "10:30", "10:45"]
    two_desks = free_slots([DeskPlan(1, busy), DeskPlan(2)], request(MONDAY, length=15, step=15))
    assert local_starts(two_desks) == ["10:00", "10:15", "10:30", "10:45"]


def test_buffer_keeps_time_free_after_each_appointment():
    busy = [Span(at("2026-11-30", "10:15"), at("2026-11-30", "10:35"))]  # 15 min + 5 buffer
    slots = free_slots([DeskPlan(1, busy)], request(MONDAY, length=15, buffer=5, step=5))
    starts = local_starts(slots)
    assert "09:55" not in starts
    assert "10:00" not in starts  # 10:00–10:20 incl. buffer meets the booking at 10:15
    assert "10:35" in starts
    assert "10:30" not in starts


def test_minimum_notice_and_horizon_cut_the_grid():
    req = request(
        MONDAY,
        length=15,
        step=15,
        earliest=at("2026-11-30", "10:20"),
        latest=at("2026-11-30", "10:46"),
    )
    assert local_starts(free_slots([DeskPlan(1)], req)) == ["10:30", "10:45"]


def test_is_grid_start_rejects_off_step_closed_past_and_too_long():
    req = request(MONDAY, length=15, step=15)
    assert is_grid_start(at("2026-11-30", "10:15"), req)
    assert not is_grid_start(at("2026-11-30", "10:10"), req)  # off the step
    assert not is_grid_start(at("2026-11-30", "09:45"), req)  # before opening
    assert not is_grid_start(at("2026-11-30", "10:50"), req)  # would end after closing
    late = request(MONDAY, length=15, step=15, earliest=at("2026-11-30", "10:31"))
    assert not is_grid_start(at("2026-11-30", "10:30"), late)  # too soon


def test_free_desks_at_lists_only_free_desks():
    busy = [Span(at("2026-11-30", "10:00"), at("2026-11-30", "10:15"))]
    req = request(MONDAY, length=15, step=15)
    desks = [DeskPlan(1, busy), DeskPlan(2), DeskPlan(3, busy)]
    assert free_desks_at(desks, at("2026-11-30", "10:00"), req) == [2]
    assert free_desks_at(desks, at("2026-11-30", "10:05"), req) == []  # not a slot


def _day_spans(day: date, opens: str, closes: str) -> list[Span]:
    schedule = hours.Schedule(
        weekly={day.weekday(): [(time.fromisoformat(opens), time.fromisoformat(closes))]},
        closed_on_public_holidays=False,
    )
    return [Span(i.start, i.end) for i in hours.hours_on(schedule, day).intervals]


def test_spring_forward_day_has_one_hour_fewer_slots():
    # Sunday 29 March 2026 01:00–04:00 local is two real hours.
    spring = _day_spans(date(2026, 3, 29), "01:00", "04:00")
    ordinary = _day_spans(date(2026, 3, 22), "01:00", "04:00")
    req_spring = request(spring, length=30, step=30)
    req_ordinary = request(ordinary, length=30, step=30)
    assert len(free_slots([DeskPlan(1)], req_spring)) == 4
    assert len(free_slots([DeskPlan(1)], req_ordinary)) == 6
    starts = local_starts(free_slots([DeskPlan(1)], req_spring))
    assert starts == ["01:00", "01:30", "03:00", "03:30"]


def test_fall_back_day_slots_are_real_half_hours():
    autumn = _day_spans(date(2026, 10, 25), "01:00", "04:00")  # four real hours
    slots = free_slots([DeskPlan(1)], request(autumn, length=30, step=30))
    assert len(slots) == 8
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)
    assert len({s.start for s in slots}) == 8  # 02:00 and 02:30 occur twice, as distinct instants


spans_st = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=6
)  # (start in 5-min steps after 10:00, length in 5-min steps)


@settings(max_examples=150, deadline=None)
@given(busy=spans_st, length=st.integers(1, 6), step=st.sampled_from([5, 10, 15]))
def test_no_free_slot_overlaps_a_busy_span(busy, length, step):
    base = at("2026-11-30", "10:00")
    open_spans = [Span(base, base + timedelta(hours=4))]
    busy_spans = [
        Span(base + timedelta(minutes=5 * s), base + timedelta(minutes=5 * (s + n)))
        for s, n in busy
    ]
    req = request(open_spans, length=5 * length, step=step)
    for slot in free_slots([DeskPlan(1, busy_spans)], req):
        assert slot.end <= open_spans[0].end
        assert (slot.start - base) % timedelta(minutes=step) == timedelta(0)
        for b in busy_spans:
            assert slot.end <= b.start or slot.start >= b.end
