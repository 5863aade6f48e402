"""The channel-cost pages: who may open them, the figures they show (counted
by hand on tests/planning/costs_data.py) and the rates form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from indgang.audit.models import AuditEvent
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.planning.models import ChannelCost
from tests.conftest import local
from tests.planning.costs_data import cost_data_build

pytestmark = pytest.mark.django_db

COSTS = reverse("planning:costs")
RATES = reverse("planning:rates")


@pytest.fixture
def data():
    # Yesterday is 31 December 2019: the page shows 2019.
    with clock.frozen(at=local(2020, 1, 1, 10, 0)):
        yield cost_data_build()


def _rates_post(**changes) -> dict:
    """The rates form with the defaults, and `changes` ({"phone_minutes": "5"})."""
    from indgang.catalogue.models import Channel
    from indgang.planning.models import DEFAULT_CHANNEL_COSTS

    post = {}
    for channel in Channel:
        minutes, per_minute = DEFAULT_CHANNEL_COSTS[channel]
        post[f"{channel.value}_minutes"] = str(minutes)
        post[f"{channel.value}_cost"] = str(per_minute).replace(".", ",")
    post.update(changes)
    return post


def test_only_managers_open_the_cost_pages(client_as, client):
    front_desk = client_as(Role.FRONT_DESK)
    assert front_desk.get(COSTS).status_code == 403
    assert front_desk.get(RATES).status_code == 403
    assert front_desk.post(RATES, _rates_post(phone_minutes="1")).status_code == 403
    assert not ChannelCost.objects.exists()
    client.logout()
    assert client.get(COSTS).status_code == 302
    manager = client_as(Role.MANAGER)
    assert manager.get(COSTS).status_code == 200
    assert manager.get(RATES).status_code == 200


def test_cost_page_shows_the_year_by_channel_and_subject_area(data, manager_client):
    page = manager_client.get(COSTS)
    assert page.status_code == 200
    html = page.content.decode()
    assert "1. januar 2019" in html and "31. december 2019" in html
    assert 'aria-label="Søjlediagram: omkostning pr. kanal i kroner pr. år"' in html
    table = html[html.index('data-testid="costs-by-channel"') :]
    # Personal: 4 contacts × 96 kr. = 384; the total is 808 kr. for 14 contacts.
    personal = table[table.index('data-channel="personal"') :]
    assert '<td class="align-text-right">96,00</td>' in personal[:400]
    assert ">384<" in personal[:600]
    total = table[table.index('data-channel="total"') :]
    assert ">14<" in total[:400] and ">808<" in total[:400]
    areas = html[html.index('data-testid="costs-by-subject-area"') :]
    assert areas.index("Pas") < areas.index("Sundhed") < areas.index("Uden fagområde")
    assert ">512<" in areas
    assert "Digital andel af alle henvendelser: 42,9 %." in html
    assert 'href="/personale/planlaegning/omkostninger/satser/"' in html


def test_business_case_on_the_page(data, manager_client):
    page = manager_client.get(COSTS, {"service": data.pas_service.pk, "move_pct": "20"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Flyt 20 % af Pas til voksne til selvbetjening" in html
    assert '<td class="align-text-right" data-testid="moved">1,0</td>' in html
    assert '<td class="align-text-right" data-testid="hours-saved">0,2</td>' in html  # 9 min
    assert '<td class="align-text-right" data-testid="kroner-saved">72</td>' in html
    assert "I dag er andelen 42,9 % — 7,1 procentpoint under målet." in html
    assert "Med flytningen når andelen 48,6 % — 1,4 procentpoint under målet." in html


def test_business_case_above_the_target_says_so(data, manager_client):
    html = manager_client.get(
        COSTS, {"service": data.pas_service.pk, "move_pct": "100"}
    ).content.decode()
    assert "Med flytningen når andelen 71,4 % — 21,4 procentpoint over målet." in html
    assert 'data-testid="kroner-saved">360<' in html
    assert 'data-testid="hours-saved">0,8<' in html  # 45 minutes


def test_business_case_of_a_service_without_assisted_contacts(data, manager_client):
    html = manager_client.get(
        COSTS, {"service": data.sundhed_service.pk, "move_pct": "50"}
    ).content.decode()
    assert "Sundhedskort har ingen betjente henvendelser i perioden" in html
    assert "Med flytningen når andelen 42,9 % — 7,1 procentpoint under målet." in html


@pytest.mark.parametrize(
    ("query", "message", "field"),
    [
        ({"move_pct": "150"}, "Skriv en procent mellem 0 og 100.", "move_pct"),
        ({"move_pct": "-1"}, "Skriv en procent mellem 0 og 100.", "move_pct"),
        ({"move_pct": "mange"}, "Skriv et tal", "move_pct"),
        ({"move_pct": ""}, "Angiv en værdi.", "move_pct"),
        ({"service": "999999", "move_pct": "20"}, "Vælg en ydelse fra listen.", "service"),
        ({"service": "", "move_pct": "20"}, "Vælg en ydelse.", "service"),
    ],
)
def test_bad_business_case_input_is_a_400_with_a_message(
    data, manager_client, query, message, field
):
    query = {"service": data.pas_service.pk, **query}
    page = manager_client.get(COSTS, query)
    assert page.status_code == 400
    html = page.content.decode()
    assert message in html
    assert f'href="#id_{field}"' in html
    assert 'data-testid="business-case"' not in html


def test_rates_form_shows_the_current_figures(manager_client):
    ChannelCost.objects.create(
        channel="phone", minutes_per_contact=Decimal("5.5"), cost_per_minute=Decimal("9.25")
    )
    html = manager_client.get(RATES).content.decode()
    assert 'name="phone_minutes" value="5,50"' in html
    assert 'name="phone_cost" value="9,25"' in html
    assert 'name="personal_minutes" value="12"' in html
    assert "Standard" in html


def test_rates_form_saves_audits_and_returns_to_the_costs(data, manager_client):
    response = manager_client.post(RATES, _rates_post(phone_minutes="5", phone_cost="10"))
    assert response.status_code == 302
    assert response["Location"] == COSTS
    phone = ChannelCost.objects.get()
    assert (phone.channel, phone.minutes_per_contact, phone.cost_per_minute) == (
        "phone",
        Decimal("5"),
        Decimal("10"),
    )
    assert AuditEvent.objects.filter(action="planning.channel_cost_update").count() == 1
    page = manager_client.get(COSTS)
    html = page.content.decode()
    assert "Satserne er gemt." in html
    # Phone: 4 calls × 50 kr.; the total 808 − 192 + 200.
    assert ">200<" in html and ">816<" in html


def test_bad_rates_are_a_400_and_nothing_is_saved(manager_client):
    response = manager_client.post(RATES, _rates_post(phone_minutes="-1", chat_cost="otte"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Telefon: minutter pr. henvendelse: Tallet kan ikke være negativt." in html
    assert "Chat: kr. pr. minut: Skriv et tal, fx 6 eller 8,50." in html
    assert 'href="#id_phone_minutes"' in html
    assert not ChannelCost.objects.exists()
    assert not AuditEvent.objects.filter(action="planning.channel_cost_update").exists()
