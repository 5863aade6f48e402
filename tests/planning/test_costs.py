"""Channel costs, counted by hand on the registry of tests/planning/costs_data.py
(default rates: personal 12 min, phone 6, self-service 1, chat 8, e-mail 10,
all at 8 kr. a minute)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indgang.audit.models import AuditEvent
from indgang.catalogue.models import Channel
from indgang.core.errors import PermissionDenied
from indgang.core.permissions import Role
from indgang.planning.costs import business_case, channel_costs, year_window, yearly_costs
from indgang.planning.models import DEFAULT_CHANNEL_COSTS, ChannelCost
from indgang.planning.services import channel_costs_update
from indgang.reports.models import KpiTargets
from tests.planning.costs_data import LAST, cost_data_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return cost_data_build()


def _by_channel(year: dict) -> dict:
    return {r["channel"]: r for r in year["by_channel"]}


def test_year_window_is_the_twelve_months_up_to_last():
    assert year_window(date(2019, 12, 31)) == (date(2019, 1, 1), date(2019, 12, 31))
    assert year_window(date(2020, 2, 29)) == (date(2019, 3, 1), date(2020, 2, 29))


def test_channel_costs_are_the_defaults_until_stored():
    costs = {c["channel"]: c for c in channel_costs()}
    assert list(costs) == list(Channel.values)
    assert costs["phone"]["minutes_per_contact"] == Decimal("6")
    assert costs["phone"]["cost_per_contact"] == Decimal("48")
    assert costs["phone"]["stored"] is False
    ChannelCost.objects.create(
        channel="phone", minutes_per_contact=Decimal("5"), cost_per_minute=Decimal("10")
    )
    phone = next(c for c in channel_costs() if c["channel"] == "phone")
    assert (phone["minutes_per_contact"], phone["cost_per_contact"], phone["stored"]) == (
        Decimal("5"),
        Decimal("50"),
        True,
    )


def test_yearly_costs_by_channel_counted_by_hand(data):
    year = yearly_costs(last=LAST)
    assert (year["first"], year["last"]) == (date(2019, 1, 1), LAST)
    rows = _by_channel(year)
    # channel: (contacts, minutes, kroner)
    expected = {
        "personal": (4, 48, 384),  # 1 contact + 3 expeditions, 12 min × 8 kr.
        "phone": (4, 24, 192),  # 4 calls (all lines); the phone contact is not counted again
        "self_service": (3, 3, 24),  # 1 contact + 2 digital applications
        "chat": (2, 16, 128),
        "email": (1, 10, 80),
        "digital_post": (0, 0, 0),
        "letter": (0, 0, 0),
        "video": (0, 0, 0),
    }
    assert {c: (r["contacts"], r["minutes"], r["kroner"]) for c, r in rows.items()} == expected
    assert rows["personal"]["hours"] == 0.8
    assert year["total"] == {"contacts": 14, "minutes": 101, "hours": 1.68, "kroner": 808}
    assert year["digital"] == 6
    assert year["digital_share_pct"] == 42.9  # 6 / 14


def test_yearly_costs_by_subject_area_counted_by_hand(data):
    year = yearly_costs(last=LAST)
    rows = [(r["label"], r["contacts"], r["minutes"], r["kroner"]) for r in year["by_subject_area"]]
    assert rows == [
        # pas: phone 2 (12 min, 96 kr.), chat 2 (16, 128), personal 3 (36, 288)
        ("Pas", 7, 64, 512),
        # sundhed: phone 1 (6, 48), e-mail 1 (10, 80), self-service 3 (3, 24)
        ("Sundhed", 5, 19, 152),
        # none: phone 1 (6, 48), the information desk's expedition (12, 96)
        ("Uden fagområde", 2, 18, 144),
    ]


def test_stored_rates_replace_the_defaults(data):
    ChannelCost.objects.create(
        channel="phone", minutes_per_contact=Decimal("5"), cost_per_minute=Decimal("10")
    )
    year = yearly_costs(last=LAST)
    phone = _by_channel(year)["phone"]
    assert (phone["contacts"], phone["minutes"], phone["kroner"]) == (4, 20, 200)
    assert year["total"]["kroner"] == 808 - 192 + 200


def test_phone_contacts_count_when_there_are_no_calls(data):
    from indgang.contacts.models import Call, CallTally

    Call.objects.all().delete()
    CallTally.objects.all().delete()
    phone = _by_channel(yearly_costs(last=LAST))["phone"]
    assert phone["contacts"] == 1  # the registered phone contact


def test_business_case_twenty_percent_counted_by_hand(data):
    # The pas service's assisted contacts: personal 3 (1 contact + 2
    # expeditions), phone 1, chat 1. 20 % moved: 0.6 + 0.2 + 0.2.
    case = business_case(service=data.pas_service, move_pct=20, last=LAST)
    assert {c["channel"]: (c["assisted"], c["moved"]) for c in case["channels"]} == {
        "personal": (3, 0.6),
        "phone": (1, 0.2),
        "chat": (1, 0.2),
    }
    assert case["assisted"] == 5
    assert case["moved"] == 1.0
    # Minutes: 0.6 × (12 − 1) + 0.2 × (6 − 1) + 0.2 × (8 − 1) = 9 → 0.15 h.
    assert case["hours_saved"] == 0.15
    # Kroner: 0.6 × (96 − 8) + 0.2 × (48 − 8) + 0.2 × (64 − 8) = 72.
    assert case["kroner_saved"] == 72
    # Digital share: 6 / 14 before; personal and phone become digital: 6.8 / 14.
    assert case["digital_share_before_pct"] == 42.9
    assert case["digital_share_after_pct"] == 48.6
    assert case["target_pct"] == 50
    assert case["gap_before_pp"] == -7.1
    assert case["gap_after_pp"] == -1.4


def test_business_case_nothing_moved_saves_nothing(data):
    case = business_case(service=data.pas_service, move_pct=0, last=LAST)
    assert (case["moved"], case["hours_saved"], case["kroner_saved"]) == (0, 0, 0)
    assert case["digital_share_after_pct"] == case["digital_share_before_pct"] == 42.9


def test_business_case_everything_moved(data):
    case = business_case(service=data.pas_service, move_pct=100, last=LAST)
    assert case["moved"] == 5
    assert case["hours_saved"] == 0.75  # 3 × 11 + 5 + 7 = 45 minutes
    assert case["kroner_saved"] == 360  # 3 × 88 + 40 + 56
    assert case["digital_share_after_pct"] == 71.4  # (6 + 4) / 14
    assert case["gap_after_pp"] == 21.4


def test_business_case_follows_the_stored_target_and_rates(data):
    KpiTargets.objects.update_or_create(pk=1, defaults={"digital_share_pct": Decimal("40")})
    ChannelCost.objects.create(
        channel="self_service", minutes_per_contact=Decimal("2"), cost_per_minute=Decimal("8")
    )
    case = business_case(service=data.pas_service, move_pct=100, last=LAST)
    assert case["target_pct"] == 40
    assert case["kroner_saved"] == 3 * 80 + 32 + 48


def test_business_case_of_a_service_without_assisted_contacts(data):
    # The sundhed service has only a self-service contact and digital applications.
    case = business_case(service=data.sundhed_service, move_pct=50, last=LAST)
    assert case["channels"] == []
    assert (case["assisted"], case["moved"], case["hours_saved"], case["kroner_saved"]) == (
        0,
        0,
        0,
        0,
    )
    assert case["digital_share_after_pct"] == case["digital_share_before_pct"]


def test_business_case_refuses_a_percentage_outside_0_to_100(data):
    with pytest.raises(ValueError):
        business_case(service=data.pas_service, move_pct=101, last=LAST)


def test_rate_change_is_saved_and_audited(make_staff):
    manager = make_staff(Role.MANAGER)
    minutes, per_minute = DEFAULT_CHANNEL_COSTS[Channel.CHAT]
    changed = channel_costs_update(
        by=manager,
        costs={"phone": (Decimal("5"), Decimal("9.50")), "chat": (minutes, per_minute)},
    )
    assert [row.channel for row in changed] == ["phone"]  # chat kept its defaults
    assert not ChannelCost.objects.filter(channel="chat").exists()
    phone = ChannelCost.objects.get(channel="phone")
    assert (phone.minutes_per_contact, phone.cost_per_minute) == (Decimal("5"), Decimal("9.50"))
    event = AuditEvent.objects.get(action="planning.channel_cost_update")
    assert event.actor == manager
    assert event.target_id == str(phone.pk)
    assert event.extra == {
        "channel": "phone",
        "minutes_per_contact": ["6", "5"],
        "cost_per_minute": ["8.00", "9.50"],
    }
    # The same figures again: nothing changes, nothing is recorded.
    assert channel_costs_update(by=manager, costs={"phone": (Decimal("5"), Decimal("9.5"))}) == []
    assert AuditEvent.objects.filter(action="planning.channel_cost_update").count() == 1


def test_rate_change_needs_the_permission(make_staff):
    with pytest.raises(PermissionDenied):
        channel_costs_update(
            by=make_staff(Role.FRONT_DESK), costs={"phone": (Decimal(5), Decimal(9))}
        )
    assert not ChannelCost.objects.exists()


def test_negative_rate_is_refused(make_staff):
    with pytest.raises(ValidationError):
        channel_costs_update(
            by=make_staff(Role.MANAGER), costs={"phone": (Decimal(-1), Decimal(9))}
        )
    assert not AuditEvent.objects.filter(action="planning.channel_cost_update").exists()
