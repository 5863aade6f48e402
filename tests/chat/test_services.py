"""The chat's services and selectors: starting with a token shown once, the
queue and expected wait, message numbering and resends, taking next within
capacity, transfer rules, closing into the contact registry, retention, and
no transcript in the logs."""

from __future__ import annotations

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from indgang.catalogue.models import Channel, Outcome, Point
from indgang.chat import selectors, services
from indgang.chat.errors import (
    AtCapacity,
    ConversationClosed,
    EmptyMessage,
    EmptyQuestion,
    MissingClientId,
    NotHolder,
    TransferRefused,
    UnknownOutcome,
)
from indgang.chat.models import (
    Author,
    ChatAgent,
    ChatMessage,
    Conversation,
    ConversationStatus,
)
from indgang.contactcentre.models import Presence
from indgang.contacts.models import Contact, ContactTally
from indgang.core import clock
from indgang.core.errors import PermissionDenied
from indgang.core.permissions import Role
from tests.catalogue.factories import ServiceFactory
from tests.chat.factories import ask, chat_agent, chat_hours_weekdays, taken_by
from tests.conftest import local

pytestmark = pytest.mark.django_db

MONDAY = local(2026, 11, 23, 10, 20)
SUNDAY = local(2026, 11, 22, 10, 20)
CHRISTMAS = local(2026, 12, 25, 10, 0)  # a Friday, juledag


@pytest.fixture(autouse=True)
def monday():
    with clock.frozen(at=MONDAY) as at:
        chat_hours_weekdays()
        yield at


def post(conversation, text, client_id, *, author=Author.CITIZEN, sender=None):
    return services.message_post(
        conversation=conversation, text=text, client_id=client_id, author=author, sender=sender
    )


# Hours ---------------------------------------------------------------------


def test_chat_is_open_in_its_hours_and_closed_on_sundays_and_holidays():
    assert selectors.chat_is_open(at=MONDAY)
    assert not selectors.chat_is_open(at=SUNDAY)
    assert not selectors.chat_is_open(at=CHRISTMAS)
    assert not selectors.chat_is_open(at=local(2026, 11, 23, 20, 0))


def test_next_opening_is_none_while_open_and_the_next_weekday_morning_after_hours():
    assert selectors.chat_next_opening(at=MONDAY) is None
    assert selectors.chat_next_opening(at=SUNDAY) == local(2026, 11, 23, 8, 0)
    # 25 and 26 December closed, then the weekend: Monday 28 December.
    assert selectors.chat_next_opening(at=CHRISTMAS) == local(2026, 12, 28, 8, 0)


# Starting and the token --------------------------------------------------------


def test_start_stores_only_a_hash_of_the_token_and_finds_the_conversation_by_it():
    conversation, token = ask("Hvordan får jeg nyt sundhedskort?")
    assert conversation.status == ConversationStatus.WAITING
    assert conversation.after_hours is False
    assert token not in conversation.token_hash
    assert len(token) >= 40
    assert selectors.conversation_for_token(pk=conversation.pk, token=token) == conversation
    assert selectors.conversation_for_token(pk=str(conversation.pk), token=token) == conversation


@pytest.mark.parametrize("token", ["", "forkert", None])
def test_a_wrong_token_finds_nothing(token):
    conversation, _right = ask()
    assert selectors.conversation_for_token(pk=conversation.pk, token=token) is None


def test_another_conversations_token_finds_nothing():
    first, _token = ask()
    _second, other_token = ask()
    assert selectors.conversation_for_token(pk=first.pk, token=other_token) is None
    assert selectors.conversation_for_token(pk="ikke-et-id", token=other_token) is None


def test_a_question_asked_after_hours_waits_for_the_next_opening():
    conversation, _token = services.conversation_start(question="Er I åbne?", at=SUNDAY)
    assert conversation.after_hours is True
    state = selectors.conversation_state(conversation, at=SUNDAY)
    assert state["open"] is False
    assert state["queue_position"] == 1
    assert state["expected_wait_seconds"] is None
    assert state["next_opening"] == local(2026, 11, 23, 8, 0).isoformat()


def test_an_empty_question_is_refused():
    with pytest.raises(EmptyQuestion):
        services.conversation_start(question="   ")


# Queue and expected wait --------------------------------------------------------


def test_queue_position_counts_those_who_asked_earlier():
    first, _ = ask(minutes_ago=5)
    second, _ = ask(minutes_ago=3)
    third, _ = ask(minutes_ago=1)
    assert [selectors.queue_position(c) for c in (first, second, third)] == [1, 2, 3]
    agent = chat_agent()
    assert services.conversation_take_next(agent=agent) == first
    first.refresh_from_db()
    assert selectors.queue_position(first) is None
    assert [selectors.queue_position(c) for c in (second, third)] == [1, 2]
    assert selectors.waiting_count() == 2


def test_expected_wait_is_none_when_nobody_is_on_duty():
    chat_agent(presence=Presence.OFF_DUTY)
    chat_agent(presence=None)
    conversation, _ = ask()
    assert selectors.expected_wait_seconds(conversation) is None


def test_expected_wait_is_zero_while_agents_have_free_slots():
    chat_agent(capacity=2)
    first, _ = ask(minutes_ago=2)
    second, _ = ask(minutes_ago=1)
    assert selectors.expected_wait_seconds(first) == 0
    assert selectors.expected_wait_seconds(second) == 0


def test_expected_wait_grows_with_the_queue_beyond_the_free_slots():
    agent = chat_agent(capacity=1, presence=Presence.BUSY)
    taken_by(agent)
    # No chat closed yet: 420 s assumed per chat, one slot.
    first, _ = ask(minutes_ago=2)
    second, _ = ask(minutes_ago=1)
    assert selectors.expected_wait_seconds(first) == 420
    assert selectors.expected_wait_seconds(second) == 840


def test_expected_wait_uses_the_mean_handling_time_of_recent_chats():
    agent = chat_agent(capacity=2)
    for minutes in (4, 6):
        conversation, _ = taken_by(agent)
        with clock.frozen(at=MONDAY + timedelta(minutes=minutes)):
            services.conversation_close(
                conversation=conversation, by=agent, outcome=Outcome.RESOLVED
            )
    assert selectors.mean_handling_seconds() == 300
    taken_by(agent)
    taken_by(agent)
    waiting, _ = ask()
    # Two slots, both held; first in line: 1 × 300 s / 2 slots.
    assert selectors.expected_wait_seconds(waiting) == 150


def test_conversation_state_has_the_agents_first_name_once_taken():
    agent = chat_agent(first_name="Anna", last_name="Agent")
    conversation, _ = taken_by(agent)
    state = selectors.conversation_state(conversation)
    assert state == {
        "id": str(conversation.pk),
        "status": "active",
        "open": True,
        "queue_position": None,
        "expected_wait_seconds": None,
        "agent": "Anna",
        "next_opening": None,
    }


# Messages ----------------------------------------------------------------------


def test_messages_are_numbered_per_conversation_in_order_of_arrival():
    agent = chat_agent()
    conversation, _ = taken_by(agent)
    other, _ = ask()
    assert post(conversation, "Hej", "c1")[0].seq == 1
    assert (
        post(
            conversation, "Hej, hvad kan jeg hjælpe med?", "a1", author=Author.AGENT, sender=agent
        )[0].seq
        == 2
    )
    assert post(other, "Er der nogen?", "c1")[0].seq == 1
    assert post(conversation, "Mit pas er udløbet", "c2")[0].seq == 3
    conversation.refresh_from_db()
    assert conversation.last_seq == 3
    assert [(m.seq, m.author) for m in selectors.messages_after(conversation)] == [
        (1, "citizen"),
        (2, "agent"),
        (3, "citizen"),
    ]
    assert [m.seq for m in selectors.messages_after(conversation, after=1)] == [2, 3]
    assert selectors.messages_after(conversation, after=3) == []


def test_the_same_client_id_again_returns_the_stored_message_and_stores_nothing():
    conversation, _ = ask()
    first, created = post(conversation, "Hej", "klient-1")
    again, created_again = post(conversation, "Hej", "klient-1")
    assert created is True
    assert created_again is False
    assert again.pk == first.pk
    assert again.seq == 1
    assert ChatMessage.objects.filter(conversation=conversation).count() == 1
    assert post(conversation, "Er der nogen?", "klient-2")[0].seq == 2


def test_a_closed_conversation_refuses_new_messages_but_answers_a_resend():
    agent = chat_agent()
    conversation, _ = taken_by(agent)
    post(conversation, "Tak for hjælpen", "c1")
    services.conversation_close(conversation=conversation, by=agent, outcome=Outcome.RESOLVED)
    with pytest.raises(ConversationClosed):
        post(conversation, "En ting mere", "c2")
    message, created = post(conversation, "Tak for hjælpen", "c1")
    assert (message.seq, created) == (1, False)


def test_an_agent_who_does_not_hold_the_conversation_cannot_write_in_it():
    holder = chat_agent()
    other = chat_agent()
    conversation, _ = taken_by(holder)
    with pytest.raises(NotHolder):
        post(conversation, "Hej", "a1", author=Author.AGENT, sender=other)
    waiting, _ = ask()
    with pytest.raises(NotHolder):
        post(waiting, "Hej", "a1", author=Author.AGENT, sender=holder)
    with pytest.raises(NotHolder):
        post(waiting, "Hej", "a1", author=Author.AGENT, sender=None)


def test_empty_messages_and_missing_client_ids_are_refused():
    conversation, _ = ask()
    with pytest.raises(EmptyMessage):
        post(conversation, "  ", "c1")
    with pytest.raises(MissingClientId):
        post(conversation, "Hej", "")
    with pytest.raises(MissingClientId):
        post(conversation, "Hej", "x" * 101)
    assert not ChatMessage.objects.exists()


# Take next and capacity ------------------------------------------------------------


def test_take_next_gives_the_oldest_waiting_conversation():
    newer, _ = ask(minutes_ago=1)
    older, _ = ask(minutes_ago=9)
    agent = chat_agent()
    taken = services.conversation_take_next(agent=agent)
    assert taken == older
    assert taken.status == ConversationStatus.ACTIVE
    assert taken.agent == agent
    assert taken.taken_at == MONDAY
    assert services.conversation_take_next(agent=agent) == newer
    assert services.conversation_take_next(agent=agent) is None


def test_take_next_stops_at_the_default_capacity_of_three():
    agent = chat_agent()
    for minutes in range(5):
        ask(minutes_ago=10 - minutes)
    for _ in range(3):
        assert services.conversation_take_next(agent=agent) is not None
    with pytest.raises(AtCapacity):
        services.conversation_take_next(agent=agent)
    assert ChatAgent.objects.get(user=agent).capacity == 3
    assert selectors.agent_conversations(agent).count() == 3
    assert selectors.waiting_count() == 2


def test_take_next_honours_the_agents_own_capacity_and_frees_a_slot_on_close():
    agent = chat_agent(capacity=1)
    ask(minutes_ago=2)
    ask(minutes_ago=1)
    first = services.conversation_take_next(agent=agent)
    assert selectors.agent_capacity(agent) == 1
    with pytest.raises(AtCapacity):
        services.conversation_take_next(agent=agent)
    services.conversation_close(conversation=first, by=agent, outcome=Outcome.RESOLVED)
    assert services.conversation_take_next(agent=agent) is not None


def test_at_capacity_is_raised_even_when_nobody_waits():
    agent = chat_agent(capacity=1)
    taken_by(agent)
    with pytest.raises(AtCapacity):
        services.conversation_take_next(agent=agent)


def test_staff_without_chat_rights_cannot_take_chats(make_staff):
    ask()
    with pytest.raises(PermissionDenied):
        services.conversation_take_next(agent=make_staff(Role.FRONT_DESK))


# Transfer --------------------------------------------------------------------------


def test_transfer_hands_the_chat_to_an_available_colleague_with_a_free_slot():
    holder = chat_agent()
    colleague = chat_agent(first_name="Bo")
    conversation, _ = taken_by(holder)
    assert colleague in selectors.transfer_candidates(by=holder)
    assert holder not in selectors.transfer_candidates(by=holder)
    services.conversation_transfer(conversation=conversation, by=holder, to_user=colleague)
    conversation.refresh_from_db()
    assert conversation.agent == colleague
    assert conversation.status == ConversationStatus.ACTIVE
    assert selectors.conversation_state(conversation)["agent"] == "Bo"
    post(conversation, "Jeg tager over", "a1", author=Author.AGENT, sender=colleague)
    with pytest.raises(NotHolder):
        post(conversation, "Hej igen", "a2", author=Author.AGENT, sender=holder)


@pytest.mark.parametrize("presence", [Presence.BUSY, Presence.MEETING, Presence.OFF_DUTY])
def test_transfer_to_a_colleague_who_is_not_available_is_refused(presence):
    holder = chat_agent()
    colleague = chat_agent(presence=presence)
    conversation, _ = taken_by(holder)
    assert colleague not in selectors.transfer_candidates(by=holder)
    with pytest.raises(TransferRefused):
        services.conversation_transfer(conversation=conversation, by=holder, to_user=colleague)
    conversation.refresh_from_db()
    assert conversation.agent == holder


def test_transfer_to_a_colleague_at_capacity_or_without_chat_rights_is_refused(make_staff):
    holder = chat_agent()
    full = chat_agent(capacity=1)
    conversation, _ = taken_by(holder)
    other, _ = ask()
    assert services.conversation_take_next(agent=full) == other
    with pytest.raises(TransferRefused):
        services.conversation_transfer(conversation=conversation, by=holder, to_user=full)
    front_desk = make_staff(Role.FRONT_DESK)
    with pytest.raises(TransferRefused):
        services.conversation_transfer(conversation=conversation, by=holder, to_user=front_desk)
    with pytest.raises(TransferRefused):
        services.conversation_transfer(conversation=conversation, by=holder, to_user=holder)


def test_only_the_holder_transfers():
    holder = chat_agent()
    other = chat_agent()
    third = chat_agent()
    conversation, _ = taken_by(holder)
    with pytest.raises(NotHolder):
        services.conversation_transfer(conversation=conversation, by=other, to_user=third)


# Close -----------------------------------------------------------------------------


def test_close_records_exactly_one_chat_contact_that_the_report_counts():
    from indgang.reports.selectors import citizen_service_report

    agent = chat_agent()
    service = ServiceFactory()
    with clock.frozen(at=MONDAY - timedelta(minutes=3)):
        conversation, _ = ask()
    conversation = services.conversation_take_next(agent=agent)
    with clock.frozen(at=MONDAY + timedelta(minutes=7)):
        closed = services.conversation_close(
            conversation=conversation, by=agent, outcome=Outcome.CALLBACK, service=service
        )
    assert closed.status == ConversationStatus.CLOSED
    assert closed.outcome == Outcome.CALLBACK
    contact = Contact.objects.get()
    assert closed.contact == contact
    assert contact.channel == Channel.CHAT
    assert contact.point == Point.WEB
    assert contact.outcome == Outcome.CALLBACK
    assert contact.staff == agent
    assert contact.service == service
    assert contact.subject_area == service.subject_area
    assert contact.wait_seconds == 180
    assert contact.handling_seconds == 420
    assert ContactTally.objects.filter(channel=Channel.CHAT).get().contacts == 1
    with pytest.raises(ConversationClosed):
        services.conversation_close(conversation=closed, by=agent, outcome=Outcome.RESOLVED)
    assert Contact.objects.count() == 1
    report = citizen_service_report(year=2026)
    assert report["channels"]["year"][Channel.CHAT] == 1


def test_only_the_holder_closes_and_only_with_a_chat_outcome():
    holder = chat_agent()
    other = chat_agent()
    conversation, _ = taken_by(holder)
    with pytest.raises(NotHolder):
        services.conversation_close(conversation=conversation, by=other, outcome=Outcome.RESOLVED)
    with pytest.raises(UnknownOutcome):
        services.conversation_close(conversation=conversation, by=holder, outcome=Outcome.FUTILE)
    waiting, _ = ask()
    with pytest.raises(NotHolder):
        services.conversation_close(conversation=waiting, by=holder, outcome=Outcome.RESOLVED)
    assert not Contact.objects.exists()


# Retention -------------------------------------------------------------------------


def _closed(agent, *, at, question="Mit CPR-nummer er …"):
    with clock.frozen(at=at):
        conversation, _ = taken_by(agent, question)
        post(conversation, "Personlige oplysninger", f"c-{conversation.pk}")
        return services.conversation_close(
            conversation=conversation, by=agent, outcome=Outcome.RESOLVED
        )


def test_retention_deletes_question_and_messages_after_the_period_and_keeps_the_contact():
    agent = chat_agent()
    old = _closed(agent, at=MONDAY - timedelta(days=31))
    recent = _closed(agent, at=MONDAY - timedelta(days=29))
    assert Contact.objects.count() == 2
    assert services.chats_delete_old() == 1
    assert not Conversation.objects.filter(pk=old.pk).exists()
    assert not ChatMessage.objects.filter(conversation_id=old.pk).exists()
    assert Conversation.objects.filter(pk=recent.pk).exists()
    assert ChatMessage.objects.filter(conversation_id=recent.pk).count() == 1
    assert Contact.objects.count() == 2
    assert services.chats_delete_old() == 0
    assert services.chats_delete_old(days=7) == 1


def test_retention_deletes_abandoned_conversations_without_recent_activity():
    with clock.frozen(at=MONDAY - timedelta(days=40)):
        _stale, _ = ask()
        lively, _ = ask()
    with clock.frozen(at=MONDAY - timedelta(days=2)):
        post(lively, "Er der nogen?", "c1")
    fresh, _ = ask()
    assert services.chats_delete_old() == 1
    assert set(Conversation.objects.values_list("pk", flat=True)) == {lively.pk, fresh.pk}


def test_delete_old_chats_command_reports_the_count():
    agent = chat_agent()
    _closed(agent, at=MONDAY - timedelta(days=31))
    out = StringIO()
    call_command("delete_old_chats", stdout=out)
    assert "Slettede 1 chatsamtaler" in out.getvalue()
    out = StringIO()
    call_command("delete_old_chats", "--days", "0", stdout=out)
    assert "Slettede 0 chatsamtaler" in out.getvalue()


# Logs ------------------------------------------------------------------------------


def test_no_part_of_a_transcript_reaches_the_logs(
    caplog, settings, django_capture_on_commit_callbacks
):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    caplog.set_level(logging.DEBUG)
    agent = chat_agent()
    with (
        clock.frozen(at=MONDAY - timedelta(days=40)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        conversation, token = services.conversation_start(question="Hemmeligt spørgsmål om Jens")
        services.conversation_take_next(agent=agent)
        post(conversation, "Min adresse er Hemmeligvej 1", "c1")
        post(conversation, "Tak, Jens", "a1", author=Author.AGENT, sender=agent)
        post(conversation, "Tak, Jens", "a1", author=Author.AGENT, sender=agent)
        services.conversation_close(conversation=conversation, by=agent, outcome=Outcome.RESOLVED)
        with pytest.raises(ConversationClosed):
            post(conversation, "Hemmelig efterskrift", "c2")
    services.chats_delete_old()
    assert "deleted 1 chat conversations" in caplog.text
    for secret in ("Hemmelig", "Jens", token):
        assert secret not in caplog.text
