"""The week plan: agents per half hour from the forecast and the measured
handling time and patience, desks per hour from bookings and walk-ins, and
the spreadsheet."""

from __future__ import annotations

import io
import math
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from indgang.booking.models import BookingStatus
from indgang.catalogue.models import Channel, Point
from indgang.contacts.records import ContactRecord
from indgang.contacts.services import calls_store, contacts_store
from indgang.core import clock
from indgang.planning.erlang import staffing
from indgang.planning.plan import (
    MIN_VOLUME,
    PlanParams,
    chat_measured,
    desk_measured,
    phone_measured,
    week_plan,
    week_plan_xlsx,
)
from tests.booking.factories import office_build
from tests.conftest import local
from tests.contacts.factories import call_record, contact_record
from tests.frontdesk.factories import booking_make

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)  # week 10; nothing special
BEFORE = local(2026, 2, 23, 9, 0)  # Monday of the week before: inside the 8 weeks
NOW = local(2026, 2, 25, 12, 0)  # a Wednesday before the plan's week


def zeros() -> list[float]:
    return [0.0] * 48


def day_series(**slots: float) -> list[float]:
    """48 half hours, zero but for e.g. s18=25 (09:00–09:30)."""
    values = zeros()
    for key, value in slots.items():
        values[int(key[1:])] = value
    return values


def calls_hand_made() -> None:
    """Three answered calls (talk 100, 200, 300 s; waits 10, 20, 30 s) and one
    abandoned after 40 s: mean talk 200 s; patience = (10+20+30+40) / 1 = 100 s."""
    calls_store(
        records=[
            call_record("a1", arrived=BEFORE, wait=10, talk=100),
            call_record("a2", arrived=BEFORE, wait=20, talk=200),
            call_record("a3", arrived=BEFORE, wait=30, talk=300),
            call_record("x1", arrived=BEFORE, wait=40, talk=None),
            # Not counted: a department line, and a call older than the 8 weeks.
            call_record("d1", arrived=BEFORE, wait=500, talk=900, line="department"),
            call_record("old", arrived=local(2025, 12, 1, 9, 0), wait=900, talk=None),
        ]
    )


# --- Measured figures ---------------------------------------------------------------


def test_phone_aht_is_mean_talk_plus_wrap_up_and_patience_the_censored_mle():
    calls_hand_made()
    m = phone_measured(first=date(2026, 1, 5), last=date(2026, 3, 1), wrap_up_seconds=30)
    assert m["calls"] == 4
    assert m["answered"] == 3
    assert m["abandoned"] == 1
    assert m["talk_seconds"] == 200
    assert m["aht_seconds"] == 230
    assert m["wait_seconds_total"] == 100
    # Not the abandoned call's own 40 s: the answered callers waited too.
    assert m["patience_seconds"] == 100


def test_no_abandoned_calls_means_no_patience():
    calls_store(records=[call_record("a1", arrived=BEFORE, wait=10, talk=100)])
    m = phone_measured(first=date(2026, 1, 5), last=date(2026, 3, 1))
    assert m["patience_seconds"] is None
    assert m["aht_seconds"] == 100


def test_nothing_to_measure_falls_back_to_marked_defaults():
    m = phone_measured(first=date(2026, 1, 5), last=date(2026, 3, 1), wrap_up_seconds=30)
    assert m["aht_measured"] is False
    assert m["aht_seconds"] == 180 + 30
    assert chat_measured(first=date(2026, 1, 5), last=date(2026, 3, 1))["aht_measured"] is False
    assert desk_measured(first=date(2026, 1, 5), last=date(2026, 3, 1))["aht_seconds"] == 600


def test_chat_aht_is_the_mean_chat_handling_time():
    contacts_store(
        records=[
            contact_record("c1", occurred=BEFORE, channel=Channel.CHAT, handling_seconds=200),
            contact_record("c2", occurred=BEFORE, channel=Channel.CHAT, handling_seconds=400),
            contact_record("e1", occurred=BEFORE, channel=Channel.EMAIL, handling_seconds=9000),
        ]
    )
    m = chat_measured(first=date(2026, 1, 5), last=date(2026, 3, 1))
    assert (m["contacts"], m["aht_seconds"]) == (2, 300)


def _desk_contacts(location) -> None:
    contacts_store(
        records=[
            ContactRecord(
                contact_id=f"p{i}",
                occurred_at=BEFORE,
                channel=Channel.PERSONAL,
                point=point,
                location_id=location.pk,
                handling_seconds=seconds,
            )
            for i, (point, seconds) in enumerate(
                [(Point.DESK, 600), (Point.CO_SERVICE, 900), (Point.INFORMATION, 60)]
            )
        ]
    )


def test_desk_handling_time_counts_desks_and_co_service_not_the_information():
    office = office_build()
    _desk_contacts(office.location)
    m = desk_measured(first=date(2026, 1, 5), last=date(2026, 3, 1), location_id=office.location.pk)
    assert (m["contacts"], m["aht_seconds"], m["scope"]) == (2, 750, "location")


# --- Phone and chat -------------------------------------------------------------------


def test_plan_cells_are_erlang_a_with_the_measured_figures():
    calls_hand_made()
    contacts_store(
        records=[
            contact_record("c1", occurred=BEFORE, channel=Channel.CHAT, handling_seconds=200),
            contact_record("c2", occurred=BEFORE, channel=Channel.CHAT, handling_seconds=400),
        ]
    )
    params = PlanParams(shrinkage=0.3, wrap_up_seconds=30)
    forecasts = {
        "phone": {MONDAY: day_series(s18=25, s19=10)},
        "chat": {MONDAY: day_series(s18=3)},
        "walk_in": {},
    }
    with clock.frozen(at=NOW):
        plan = week_plan(MONDAY, params=params, forecasts=forecasts)
    monday = plan["days"][0]
    assert [h["start"] for h in monday["halves"]] == ["09:00", "09:30"]
    nine = monday["halves"][0]
    # 25 calls a half hour = 50 an hour; AHT 200 + 30 s; patience 100 s.
    expected = staffing(
        calls_per_hour=50,
        aht_seconds=230,
        answer_within_seconds=20,
        patience_seconds=100,
        shrinkage=0.3,
    )
    assert expected["model"] == "erlang_a"
    # A = 50 × 230 / 3600 = 3.19 erlangs: 4 agents answer 71.6 % within 20 s,
    # 5 answer 85.1 % with 4.5 % hanging up after 20 s; ceil(5 / 0.7) = 8.
    assert nine["phone_agents"] == expected["required_agents"] == 5
    assert nine["phone_agents_shrinkage"] == expected["required_agents_with_shrinkage"] == 8
    assert nine["phone_service_level"] == expected["service_level"]
    # Chat: 6 an hour, 300 s each, answered within 60 s, patience 300 s.
    chat = staffing(
        calls_per_hour=6,
        aht_seconds=300,
        answer_within_seconds=60,
        patience_seconds=300,
        shrinkage=0.3,
    )
    assert nine["chat_agents"] == chat["required_agents"] == 2
    assert nine["chat_agents_shrinkage"] == chat["required_agents_with_shrinkage"] == 3
    assert nine["agents_shrinkage"] == 11
    # 09:30 has calls but no chats: no chat agents.
    assert (monday["halves"][1]["chat_agents"], monday["halves"][1]["chat_contacts"]) == (0, 0)
    assert monday["peak_phone_agents_shrinkage"] == 8
    assert plan["week"] == "2026-W10"
    assert plan["measured"]["first"] == date(2025, 12, 31)  # 8 × 7 days
    assert plan["measured"]["last"] == date(2026, 2, 24)  # the day before "today"


def test_without_abandoned_calls_the_plan_uses_erlang_c():
    calls_store(records=[call_record("a1", arrived=BEFORE, wait=10, talk=120)])
    forecasts = {"phone": {MONDAY: day_series(s20=40)}, "chat": {}, "walk_in": {}}
    with clock.frozen(at=NOW):
        plan = week_plan(MONDAY, params=PlanParams(wrap_up_seconds=0), forecasts=forecasts)
    cell = plan["days"][0]["halves"][0]
    expected = staffing(calls_per_hour=80, aht_seconds=120, answer_within_seconds=20, shrinkage=0.3)
    assert expected["model"] == "erlang_c"
    assert cell["phone_agents"] == expected["required_agents"]
    assert cell["phone_agents_shrinkage"] == expected["required_agents_with_shrinkage"]


def test_zero_forecast_intervals_are_left_out_and_need_no_one():
    forecasts = {
        "phone": {MONDAY: day_series(s20=MIN_VOLUME / 2, s21=4)},
        "chat": {MONDAY: zeros(), MONDAY + timedelta(days=1): zeros()},
        "walk_in": {},
    }
    with clock.frozen(at=NOW):
        plan = week_plan(MONDAY, forecasts=forecasts)
    assert [h["start"] for h in plan["days"][0]["halves"]] == ["10:30"]
    assert all(not day["halves"] for day in plan["days"][1:])
    assert all(day["peak_phone_agents_shrinkage"] == 0 for day in plan["days"][1:])
    assert plan["days"][1]["agent_hours"] == 0


def test_a_forecast_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="48"):
        week_plan(MONDAY, forecasts={"phone": {MONDAY: [1.0] * 24}, "chat": {}, "walk_in": {}})


def test_a_plan_starts_on_a_monday():
    with pytest.raises(ValueError):
        week_plan(MONDAY + timedelta(days=1), forecasts={})


# --- Desks -----------------------------------------------------------------------


def test_desks_are_booked_hours_rounded_up_plus_walk_ins_by_erlang_c():
    office = office_build(desks=3)
    _desk_contacts(office.location)  # desk handling time 750 s
    a, b, c = office.desks
    with clock.frozen(at=NOW):
        # 10:00–10:15 ×2, 10:15–10:30, 10:45–11:10 (pas + kørekort): 60 min in
        # hour 10 (4 bookings start), 10 min in hour 11.
        booking_make(office, start=local(2026, 3, 2, 10, 0), desk=a)
        booking_make(office, start=local(2026, 3, 2, 10, 0), desk=b)
        booking_make(office, start=local(2026, 3, 2, 10, 15), desk=a)
        booking_make(
            office, start=local(2026, 3, 2, 10, 45), desk=c, services=[office.pas, office.koerekort]
        )
        # Cancelled bookings take no desk.
        cancelled = booking_make(office, start=local(2026, 3, 2, 12, 0), desk=a)
        cancelled.status = BookingStatus.CANCELLED
        cancelled.save()
        forecasts = {
            "phone": {},
            "chat": {},
            "walk_in": {office.location.pk: {MONDAY: day_series(s20=3, s21=3, s26=0.5)}},
        }
        plan = week_plan(MONDAY, forecasts=forecasts)
    [loc] = plan["days"][0]["locations"]
    assert loc["desks_available"] == 3
    rows = {h["start"]: h for h in loc["hours"]}
    # Open 10–15 on Mondays: every open hour is shown.
    assert list(rows) == ["10:00", "11:00", "12:00", "13:00", "14:00"]
    ten = rows["10:00"]
    assert (ten["bookings"], ten["booked_minutes"], ten["booked_desks"]) == (4, 60, 1)
    walk_in = staffing(
        calls_per_hour=6, aht_seconds=750, answer_within_seconds=15 * 60, target_service_level=0.8
    )
    assert ten["walk_ins"] == 6
    assert ten["walk_in_desks"] == walk_in["required_agents"] == 2
    assert ten["desks"] == 3
    eleven = rows["11:00"]
    assert (eleven["bookings"], eleven["booked_minutes"], eleven["desks"]) == (0, 10, 1)
    assert rows["12:00"]["bookings"] == 0  # the cancelled one
    one = rows["13:00"]
    assert (one["walk_ins"], one["walk_in_desks"], one["desks"]) == (0.5, 1, 1)
    assert rows["14:00"]["desks"] == 0
    assert loc["peak_desks"] == 3
    # The library-like closed Sunday shows no desk rows at all.
    assert plan["days"][6]["locations"] == []


def test_desks_booked_minutes_round_up_per_hour():
    office = office_build(desks=2)
    a, b = office.desks
    with clock.frozen(at=NOW):
        for minute in (0, 15, 30, 45):
            booking_make(office, start=local(2026, 3, 3, 11, minute), desk=a)
        booking_make(office, start=local(2026, 3, 3, 11, 0), desk=b)
        plan = week_plan(
            MONDAY, forecasts={"phone": {}, "chat": {}, "walk_in": {office.location.pk: {}}}
        )
    tuesday = plan["days"][1]["locations"][0]
    eleven = next(h for h in tuesday["hours"] if h["start"] == "11:00")
    # 5 × 15 = 75 booked minutes: two desks.
    assert (eleven["booked_minutes"], eleven["desks"]) == (75, math.ceil(75 / 60))


# --- Spreadsheet -----------------------------------------------------------------


def test_xlsx_has_a_sheet_per_channel_with_the_plan_cells():
    calls_hand_made()
    office = office_build(desks=2)
    with clock.frozen(at=NOW):
        booking_make(office, start=local(2026, 3, 2, 10, 0), desk=office.desks[0])
        plan = week_plan(
            MONDAY,
            forecasts={
                "phone": {MONDAY: day_series(s18=25)},
                "chat": {MONDAY: day_series(s18=3)},
                "walk_in": {office.location.pk: {MONDAY: day_series(s20=3, s21=3)}},
            },
        )
    book = load_workbook(io.BytesIO(week_plan_xlsx(plan)))
    assert book.sheetnames == ["Telefon", "Chat", "Skranker", "Forudsætninger"]
    phone = list(book["Telefon"].iter_rows(values_only=True))
    assert phone[0][0].startswith("Telefon: Uge 10")
    assert phone[2][:7] == (
        "Dato",
        "Ugedag",
        "Fra",
        "Til",
        "Opkald (prognose)",
        "Medarbejdere",
        "Med spildtid",
    )
    assert phone[3][0].date() == MONDAY
    assert phone[3][1:7] == ("mandag", "09:00", "09:30", 25, 5, 8)
    chat = list(book["Chat"].iter_rows(values_only=True))
    assert chat[3][4:7] == (3, 2, 3)
    desks = list(book["Skranker"].iter_rows(values_only=True))
    assert desks[2][:3] == ("Dato", "Ugedag", "Lokation")
    ten = next(r for r in desks[3:] if r[3] == "10:00")
    assert ten[2:] == ("Borgerservice Test", "10:00", "11:00", 1, 15, 1, 6, 2, 3)
    facts = dict(list(book["Forudsætninger"].iter_rows(values_only=True))[3:])
    assert facts["Behandlingstid i telefonen (AHT), sekunder"] == 230
    assert facts["Borgernes tålmodighed i telefonen, sekunder"] == 100
