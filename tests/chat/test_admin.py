"""The chat admin: managers keep chat hours, capacities and canned answers;
conversations are listed read-only and without the transcript."""

import pytest

from indgang.chat import services
from indgang.chat.models import ChatMessage
from indgang.core.permissions import Role
from tests.chat.factories import ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_staff):
    return make_staff(Role.MANAGER, is_staff=True)


def test_conversations_are_listed_read_only_without_question_or_messages(client, manager):
    conversation, _token = ask("Hemmeligt spørgsmål")
    services.message_post(
        conversation=conversation, text="Hemmelig besked", client_id="c1", author="citizen"
    )
    client.force_login(manager)
    listing = client.get("/admin/chat/conversation/")
    detail = client.get(f"/admin/chat/conversation/{conversation.pk}/change/")
    assert listing.status_code == 200
    assert detail.status_code == 200
    for page in (listing, detail):
        assert "Hemmelig" not in page.content.decode()
    assert client.get("/admin/chat/conversation/add/").status_code == 403
    assert ChatMessage.objects.count() == 1


@pytest.mark.parametrize("model", ["chathours", "chatagent", "cannedanswer"])
def test_the_chat_setup_pages_open(client, manager, model):
    client.force_login(manager)
    assert client.get(f"/admin/chat/{model}/").status_code == 200
    assert client.get(f"/admin/chat/{model}/add/").status_code == 200
