"""The contact registry's services: idempotent stores, self-service
corrections, one-click registration and its undo, forgetting staff, and the
daily tallies they keep (always equal to a rebuild from the rows)."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indgang.catalogue.models import Channel, Outcome
from indgang.contacts import services, tally
from indgang.contacts.models import (
    Call,
    CallResult,
    CallTally,
    Contact,
    ContactTally,
    Point,
    SelfServiceCount,
)
from indgang.contacts.records import SelfServiceRecord
from indgang.core import clock
from indgang.core.errors import PermissionDenied
from indgang.core.permissions import Role
from tests.accounts.factories import UserFactory
from tests.conftest import local
from tests.contacts.factories import call_record, contact_record, registry_build

NOW = local(2026, 11, 23, 10, 0)  # a Monday


@pytest.fixture
def registry(db):
    return registry_build()


def call_tallies() -> set[tuple]:
    return set(
        CallTally.objects.exclude(calls=0).values_list(
            "day",
            "line",
            "result",
            "subject_area_id",
            "wait_bucket",
            "calls",
            "wait_seconds",
            "talk_seconds",
        )
    )


def contact_tallies() -> set[tuple]:
    return set(
        ContactTally.objects.exclude(contacts=0).values_list(
            "day",
            "channel",
            "point",
            "outcome",
            "subject_area_id",
            "contacts",
            "wait_seconds",
            "handling_seconds",
        )
    )


# ------------------------------------------------------------------- calls


def test_calls_store_counts_each_call_once_by_local_day_and_wait(registry):
    pas = registry.pas.pk
    calls = [
        call_record(
            "c1", arrived=local(2019, 3, 4, 9, 0), wait=5, talk=100, subject_area=registry.pas
        ),
        call_record(
            "c2", arrived=local(2019, 3, 4, 9, 10), wait=15, talk=200, subject_area=registry.pas
        ),
        # 23:30 UTC is 00:30 the next day in Copenhagen.
        call_record("c3", arrived=datetime(2019, 3, 4, 23, 30, tzinfo=UTC), wait=70, talk=None),
    ]

    result = services.calls_store(records=calls, source="test")

    assert (result.created, result.existing) == (3, 0)
    assert Call.objects.count() == 3
    assert call_tallies() == {
        (date(2019, 3, 4), "main", "resolved", pas, 0, 1, 5, 100),
        (date(2019, 3, 4), "main", "resolved", pas, 1, 1, 15, 200),
        (date(2019, 3, 5), "main", "abandoned", 0, 3, 1, 70, 0),
    }


def test_calls_store_again_stores_and_counts_only_the_new_ones(registry):
    first = [call_record("c1", wait=5), call_record("c2", wait=25, talk=None)]
    services.calls_store(records=first)
    before = call_tallies()

    again = services.calls_store(records=[*first, call_record("c3", wait=5, talk=60)])

    assert (again.created, again.existing) == (1, 2)
    assert Call.objects.count() == 3
    day = date(2019, 3, 4)
    assert before == {
        (day, "main", "resolved", 0, 0, 1, 5, 120),
        (day, "main", "abandoned", 0, 2, 1, 25, 0),
    }
    assert call_tallies() == {
        (day, "main", "resolved", 0, 0, 2, 10, 180),
        (day, "main", "abandoned", 0, 2, 1, 25, 0),
    }


def test_the_same_call_id_twice_in_one_batch_is_refused(registry):
    with pytest.raises(services.DuplicateId):
        services.calls_store(records=[call_record("c1"), call_record("c1", wait=40)])
    assert Call.objects.count() == 0
    assert CallTally.objects.count() == 0


# ---------------------------------------------------------------- contacts


def test_contacts_store_is_idempotent_and_tallies_per_channel_and_point(registry):
    pas = registry.pas.pk
    records = [
        contact_record(
            "k1", channel="chat", subject_area=registry.pas, wait_seconds=30, handling_seconds=200
        ),
        contact_record("k2", channel="chat", subject_area=registry.pas, handling_seconds=100),
        contact_record("k3", channel="personal", point="cash", outcome="co_served"),
    ]

    first = services.contacts_store(records=records, source="api:test")
    second = services.contacts_store(records=records, source="api:test")

    assert (first.created, first.existing) == (3, 0)
    assert (second.created, second.existing) == (0, 3)
    assert Contact.objects.count() == 3
    assert set(Contact.objects.values_list("source", flat=True)) == {"api:test"}
    day = date(2019, 3, 4)
    assert contact_tallies() == {
        (day, "chat", "", "resolved", pas, 2, 30, 300),
        (day, "personal", "cash", "co_served", 0, 1, 0, 0),
    }


# ------------------------------------------------------------ self-service


def test_self_service_store_creates_then_leaves_the_same_then_corrects(registry):
    q1 = {
        "service_id": registry.pas_service.pk,
        "period_start": date(2019, 1, 1),
        "period_end": date(2019, 3, 31),
    }

    created = services.self_service_store(
        records=[SelfServiceRecord(**q1, digital=800, manual=100)]
    )
    same = services.self_service_store(records=[SelfServiceRecord(**q1, digital=800, manual=100)])
    corrected = services.self_service_store(
        records=[SelfServiceRecord(**q1, digital=810, manual=90)], source="rettelse"
    )

    assert (created.created, created.existing, created.updated) == (1, 0, 0)
    assert (same.created, same.existing, same.updated) == (0, 1, 0)
    assert (corrected.created, corrected.existing, corrected.updated) == (0, 0, 1)
    count = SelfServiceCount.objects.get()
    assert (count.digital, count.manual, count.source) == (810, 90, "rettelse")


def test_self_service_store_refuses_the_same_period_twice_in_one_batch(registry):
    q1 = {
        "service_id": registry.pas_service.pk,
        "period_start": date(2019, 1, 1),
        "period_end": date(2019, 3, 31),
    }
    with pytest.raises(services.DuplicateId):
        services.self_service_store(
            records=[
                SelfServiceRecord(**q1, digital=1, manual=1),
                SelfServiceRecord(**q1, digital=2, manual=2),
            ]
        )
    assert not SelfServiceCount.objects.exists()


# ----------------------------------------------------- one-click registration


def test_contact_register_stores_the_staff_member_and_counts_it(registry, make_staff):
    user = make_staff(Role.CONTACT_CENTRE)
    with clock.frozen(at=NOW):
        contact = services.contact_register(
            by=user, channel=Channel.PHONE, subject_area=registry.pas, outcome=Outcome.CALLBACK
        )

    assert contact.staff == user
    assert contact.source == services.STAFF_SOURCE
    assert contact.occurred_at == NOW
    assert contact_tallies() == {(NOW.date(), "phone", "", "callback", registry.pas.pk, 1, 0, 0)}


def test_contact_register_keeps_point_and_location_of_personal_attendance(registry, make_staff):
    user = make_staff(Role.FRONT_DESK)
    with clock.frozen(at=NOW):
        contact = services.contact_register(
            by=user,
            channel=Channel.PERSONAL,
            point=Point.CASH,
            location=registry.location,
            subject_area=registry.sundhed,
            outcome=Outcome.CO_SERVED,
        )

    contact.refresh_from_db()
    assert (contact.point, contact.location, contact.outcome) == (
        "cash",
        registry.location,
        "co_served",
    )
    assert contact_tallies() == {
        (NOW.date(), "personal", "cash", "co_served", registry.sundhed.pk, 1, 0, 0)
    }


@pytest.mark.parametrize("roles", [[], [Role.ADMINISTRATOR]])
def test_contact_register_needs_the_add_contact_permission(registry, make_staff, roles):
    user = make_staff(*roles)
    with pytest.raises(PermissionDenied):
        services.contact_register(by=user, channel=Channel.PHONE, subject_area=registry.pas)
    assert not Contact.objects.exists()
    assert not ContactTally.objects.exists()


def test_undo_deletes_only_my_own_last_registration_and_takes_it_out_of_the_tally(
    registry, make_staff
):
    me, colleague = make_staff(Role.FRONT_DESK), make_staff(Role.FRONT_DESK)
    with clock.frozen(at=NOW):
        mine_first = services.contact_register(
            by=me, channel=Channel.PHONE, subject_area=registry.pas
        )
    with clock.frozen(at=NOW + timedelta(minutes=1)):
        services.contact_register(by=me, channel=Channel.CHAT, subject_area=registry.pas)
    with clock.frozen(at=NOW + timedelta(minutes=2)):
        theirs = services.contact_register(
            by=colleague, channel=Channel.PHONE, subject_area=registry.pas
        )

    with clock.frozen(at=NOW + timedelta(minutes=3)):
        undone = services.contact_undo_last(by=me)

    assert undone.channel == Channel.CHAT
    assert set(Contact.objects.values_list("pk", flat=True)) == {mine_first.pk, theirs.pk}
    assert contact_tallies() == {(NOW.date(), "phone", "", "resolved", registry.pas.pk, 2, 0, 0)}

    with clock.frozen(at=NOW + timedelta(minutes=4)):
        assert services.contact_undo_last(by=me).pk is None  # the first one, deleted
        assert services.contact_undo_last(by=me) is None  # nothing more of mine
    assert list(Contact.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert contact_tallies() == {(NOW.date(), "phone", "", "resolved", registry.pas.pk, 1, 0, 0)}


def test_undo_only_within_30_minutes(registry, make_staff):
    me = make_staff(Role.BACK_OFFICE)
    with clock.frozen(at=NOW):
        services.contact_register(by=me, channel=Channel.EMAIL, subject_area=registry.pas)

    with clock.frozen(at=NOW + timedelta(minutes=30, seconds=1)):
        assert services.contact_undo_last(by=me) is None

    assert Contact.objects.count() == 1
    assert contact_tallies() == {(NOW.date(), "email", "", "resolved", registry.pas.pk, 1, 0, 0)}


def test_undo_never_deletes_pushed_or_imported_contacts(registry, make_staff):
    me = make_staff(Role.FRONT_DESK)
    with clock.frozen(at=NOW):
        services.contacts_store(records=[contact_record("k1", occurred=NOW)], source="api:x")
        assert services.contact_undo_last(by=me) is None
    assert Contact.objects.count() == 1


# ------------------------------------------------------------ staff retention


def test_staff_is_forgotten_after_the_retention_period_the_contact_stays(
    registry, make_staff, settings
):
    settings.CONTACT_STAFF_RETENTION_DAYS = 30
    me = make_staff(Role.FRONT_DESK)
    with clock.frozen(at=NOW - timedelta(days=31)):
        old = services.contact_register(by=me, channel=Channel.PHONE, subject_area=registry.pas)
    with clock.frozen(at=NOW - timedelta(days=29)):
        recent = services.contact_register(by=me, channel=Channel.PHONE, subject_area=registry.pas)

    with clock.frozen(at=NOW):
        assert services.contacts_staff_forget() == 1
        assert services.contacts_staff_forget() == 0

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.staff is None
    assert recent.staff == me
    assert Contact.objects.count() == 2


def test_forget_contact_staff_command_says_how_many(registry, make_staff, settings, capsys):
    settings.CONTACT_STAFF_RETENTION_DAYS = 30
    me = make_staff(Role.FRONT_DESK)
    with clock.frozen(at=NOW - timedelta(days=40)):
        services.contact_register(by=me, channel=Channel.PHONE)
        services.contact_register(by=me, channel=Channel.CHAT)

    with clock.frozen(at=NOW):
        call_command("forget_contact_staff")

    assert "Fjernede medarbejderen fra 2 henvendelser" in capsys.readouterr().out
    assert not Contact.objects.filter(staff__isnull=False).exists()


# ------------------------------------------------- tallies equal a rebuild

# Around midnight and the end of summer time, where the local day matters.
BASE = local(2026, 10, 24, 22, 0)  # Saturday 22:00 CEST; summer time ends Sunday 03:00
WAITS = st.one_of(st.sampled_from([0, 10, 11, 20, 21, 60, 61]), st.integers(0, 400))


CALL_SPEC = st.tuples(
    st.integers(0, 60 * 30),  # minutes after BASE
    WAITS,
    st.one_of(st.none(), st.integers(0, 900)),  # talk; None: abandoned
    st.sampled_from(["main", "department"]),
    st.sampled_from([r for r in CallResult.values if r != CallResult.ABANDONED]),
    st.booleans(),  # with a subject area
)
CONTACT_SPEC = st.tuples(
    st.integers(0, 60 * 30),
    st.sampled_from(Channel.values),
    st.sampled_from(["", *Point.values]),
    st.sampled_from(["", *Outcome.values]),
    st.booleans(),
    st.one_of(st.none(), st.integers(0, 900)),
    st.one_of(st.none(), st.integers(0, 900)),
)


@pytest.fixture
def tally_world(db):
    return registry_build(), UserFactory(roles=[Role.FRONT_DESK])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    calls=st.lists(CALL_SPEC, min_size=1, max_size=25),
    contacts=st.lists(CONTACT_SPEC, min_size=1, max_size=25),
    batches=st.lists(
        st.tuples(
            st.sampled_from(["calls", "contacts", "register", "undo"]),
            st.lists(st.integers(0, 24), max_size=10),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_incremental_tallies_equal_a_rebuild_from_the_rows(tally_world, calls, contacts, batches):
    registry, user = tally_world
    for model in (Contact, Call, CallTally, ContactTally):
        model.objects.all().delete()
    call_records = [
        call_record(
            f"c{i}",
            arrived=BASE + timedelta(minutes=minutes),
            wait=wait,
            talk=talk,
            line=line,
            result=result,
            subject_area=registry.pas if with_area else None,
        )
        for i, (minutes, wait, talk, line, result, with_area) in enumerate(calls)
    ]
    contact_records = [
        contact_record(
            f"k{i}",
            occurred=BASE + timedelta(minutes=minutes),
            channel=channel,
            point=point,
            outcome=outcome,
            subject_area=registry.sundhed if with_area else None,
            wait_seconds=wait,
            handling_seconds=handling,
        )
        for i, (minutes, channel, point, outcome, with_area, wait, handling) in enumerate(contacts)
    ]
    with clock.frozen(at=BASE):
        for kind, picks in batches:
            if kind == "calls":
                # Unique within a batch; repeated across batches.
                chosen = {i % len(call_records) for i in picks}
                services.calls_store(records=[call_records[i] for i in sorted(chosen)])
            elif kind == "contacts":
                chosen = {i % len(contact_records) for i in picks}
                services.contacts_store(records=[contact_records[i] for i in sorted(chosen)])
            elif kind == "register":
                for i in picks[:3]:
                    services.contact_register(
                        by=user,
                        channel=Channel.values[i % len(Channel.values)],
                        subject_area=registry.pas if i % 2 else None,
                        outcome=Outcome.values[i % len(Outcome.values)],
                        handling_seconds=i * 10,
                    )
            else:
                services.contact_undo_last(by=user)

    incremental_calls, incremental_contacts = call_tallies(), contact_tallies()
    tally.tallies_rebuild()

    assert incremental_calls == call_tallies()
    assert incremental_contacts == contact_tallies()
    assert sum(row[5] for row in incremental_calls) == Call.objects.count()
    assert sum(row[5] for row in incremental_contacts) == Contact.objects.count()


# ------------------------------------------------------ concurrency (PostgreSQL)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_pushes_of_the_same_calls_at_once_store_and_count_each_once():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency (COPY, ON CONFLICT) needs PostgreSQL")
    records = [
        call_record(f"c{i}", arrived=local(2019, 3, 4, 9, 0) + timedelta(minutes=i), wait=i % 90)
        for i in range(300)
    ]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def push(_n: int) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(services.calls_store(records=records, source="api:race"))
        except Exception as exc:  # reported, not swallowed
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=push, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert sum(r.created for r in results) == 300
    assert sum(r.existing for r in results) == 300
    assert Call.objects.count() == 300
    assert sum(CallTally.objects.values_list("calls", flat=True)) == 300
    counted = call_tallies()
    tally.tallies_rebuild()
    assert counted == call_tallies()
