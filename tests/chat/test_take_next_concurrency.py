"""The concurrency proof on real PostgreSQL: agents pressing "take next" at
once through the API never share a conversation and never go above their
capacity; the rest are answered 409 (at capacity) or 204 (nobody waits).
Also one agent's own concurrent calls, and concurrent posts to one
conversation (seq without gaps, a client_id stored once). Each thread has its
own database connection; a threading.Barrier starts them together."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client

from indgang.chat import services
from indgang.chat.models import Author, ChatMessage, Conversation, ConversationStatus
from indgang.core import clock
from tests.chat.factories import ask, chat_agent
from tests.conftest import local

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

NOW = local(2026, 11, 23, 10, 0)  # Monday
TAKE_NEXT = "/api/v1/chat/take-next/"


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED and real concurrency need PostgreSQL")


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield


def _run_threads(target, n: int) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"


def _take_until_refused(clients, barrier, taken, answers, errors):
    """Each worker presses take next until it is answered 409 or 204."""

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            while True:
                response = clients[i].post(TAKE_NEXT)
                answers[i].append(response.status_code)
                if response.status_code == 200:
                    taken[i].append(response.json()["id"])
                    continue
                assert response.status_code in (204, 409), response.content
                return
        except Exception as exc:  # reported, not swallowed: a crash fails the test
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    return worker


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("conversations", "refusal"), [(40, 409), (10, 204)])
def test_six_agents_taking_next_at_once_share_no_conversation_and_stay_within_capacity(
    conversations, refusal
):
    agents = [chat_agent(capacity=3) for _ in range(6)]
    for i in range(conversations):
        ask(minutes_ago=conversations - i)
    clients = [_logged_in(agent) for agent in agents]
    barrier = threading.Barrier(len(agents))
    taken: list[list[str]] = [[] for _ in agents]
    answers: list[list[int]] = [[] for _ in agents]
    errors: list[str] = []

    _run_threads(_take_until_refused(clients, barrier, taken, answers, errors), len(agents))

    assert errors == []
    every = [pk for ids in taken for pk in ids]
    assert [pk for pk, n in Counter(every).items() if n > 1] == []  # never two agents on one
    assert len(every) == min(conversations, 6 * 3)
    assert all(len(ids) <= 3 for ids in taken)
    assert all(a[-1] in (204, 409) and set(a[:-1]) <= {200} for a in answers)
    if refusal == 409:
        assert all(len(ids) == 3 and a[-1] == 409 for ids, a in zip(taken, answers, strict=True))
    else:
        assert {a[-1] for a in answers} <= {204, 409}
        assert 204 in {a[-1] for a in answers}
    for agent, ids in zip(agents, taken, strict=True):
        held = Conversation.objects.filter(agent=agent, status=ConversationStatus.ACTIVE)
        assert sorted(str(pk) for pk in held.values_list("pk", flat=True)) == sorted(ids)
    waiting = Conversation.objects.filter(status=ConversationStatus.WAITING).count()
    assert waiting == conversations - len(every)


def test_one_agents_concurrent_take_next_calls_never_exceed_the_capacity():
    agent = chat_agent(capacity=3)
    for i in range(12):
        ask(minutes_ago=12 - i)
    calls = 8
    clients = [_logged_in(agent) for _ in range(calls)]
    barrier = threading.Barrier(calls)
    statuses: list[int] = []
    errors: list[str] = []

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            statuses.append(clients[i].post(TAKE_NEXT).status_code)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    _run_threads(worker, calls)

    assert errors == []
    assert Counter(statuses) == {200: 3, 409: 5}
    assert Conversation.objects.filter(agent=agent, status=ConversationStatus.ACTIVE).count() == 3


def test_concurrent_posts_get_consecutive_seqs_and_a_resent_client_id_is_stored_once():
    conversation, _token = ask()
    writers = 12
    barrier = threading.Barrier(writers)
    results: list[tuple[int, bool, str]] = []
    errors: list[str] = []

    def worker(i: int) -> None:
        # Half the threads resend client id "same"; the others post their own.
        client_id = "same" if i % 2 else f"own-{i}"
        try:
            barrier.wait(timeout=30)
            message, created = services.message_post(
                conversation=conversation,
                text=f"Besked {i}",
                client_id=client_id,
                author=Author.CITIZEN,
            )
            results.append((message.seq, created, client_id))
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    _run_threads(worker, writers)

    assert errors == []
    stored = list(ChatMessage.objects.filter(conversation=conversation).order_by("seq"))
    assert [m.seq for m in stored] == list(range(1, writers // 2 + 2))  # 6 own + 1 "same"
    assert sum(1 for m in stored if m.client_id == "same") == 1
    same_seq = next(m.seq for m in stored if m.client_id == "same")
    same = [(seq, created) for seq, created, cid in results if cid == "same"]
    assert {seq for seq, _c in same} == {same_seq}
    assert sum(1 for _s, created in same if created) == 1
    conversation.refresh_from_db()
    assert conversation.last_seq == len(stored)
