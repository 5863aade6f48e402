"""The survey after a visit: invitation on "served", the anonymous answer,
results for managers and retention of unanswered invitations."""

from datetime import date, timedelta

import pytest
from django.db import models
from django.test import override_settings
from django.urls import reverse

from indgang.core import clock
from indgang.core.permissions import Role
from indgang.frontdesk.models import (
    Expedition,
    SurveyInvitation,
    SurveyResponse,
    Ticket,
    TicketKind,
    TicketStatus,
)
from indgang.frontdesk.signals import ticket_served
from indgang.frontdesk.survey import (
    SurveyAlreadyAnswered,
    survey_answer,
    survey_invitations_delete_old,
    survey_invite,
    survey_results,
)
from indgang.notifications.models import Message
from tests.catalogue.factories import LocationFactory
from tests.conftest import local

NOW = local(2026, 11, 24, 10, 20)


@pytest.fixture(autouse=True)
def _frozen_clock():
    """Links expire after 30 days: keep every test at a fixed time (tests
    freeze other moments inside this)."""
    with clock.frozen(at=NOW):
        yield


@pytest.fixture
def location(db):
    return LocationFactory(name="Borgerservice Torvet")


def served(location, *, phone="", email=""):
    """A served booked ticket and its expedition, as front desk leaves them."""
    ticket = Ticket.objects.create(
        location=location,
        day=NOW.date(),
        number=f"A{Ticket.objects.count() + 1:03d}",
        kind=TicketKind.BOOKED,
        due_at=local(2026, 11, 24, 10, 0),
        arrived_at=local(2026, 11, 24, 9, 55),
        called_at=local(2026, 11, 24, 10, 2),
        finished_at=NOW,
        status=TicketStatus.SERVED,
        phone=phone,
        email=email,
    )
    return Expedition.objects.create(location=location, ticket=ticket, occurred_at=NOW)


@override_settings(PUBLIC_BASE_URL="https://borger.demo.dk", MUNICIPALITY_NAME="Demo Kommune")
def test_served_signal_invites_by_sms_and_email(location):
    expedition = served(location, phone="20 12 34 56", email="borger@example.dk")
    with clock.frozen(at=NOW):
        ticket_served.send(sender=Ticket, expedition_id=expedition.pk)

    invitation = SurveyInvitation.objects.get()
    assert invitation.location == location
    assert invitation.created_at == NOW and invitation.answered_at is None
    assert len(invitation.token) >= 40
    link = f"https://borger.demo.dk/undersoegelse/{invitation.token}/"
    messages = {m.channel: m for m in Message.objects.all()}
    assert set(messages) == {"sms", "email"}
    sms, email = messages["sms"], messages["email"]
    assert sms.idempotency_key == f"survey:{invitation.pk}:sms"
    assert email.idempotency_key == f"survey:{invitation.pk}:email"
    assert sms.reference == email.reference == f"survey:{invitation.pk}"
    assert sms.recipient == "+4520123456"
    assert email.recipient == "borger@example.dk"
    assert link in sms.body and link in email.body
    assert "Demo Kommune" in sms.body
    assert email.subject == "Hvordan var dit besøg i Borgerservice?"


def test_served_signal_with_one_contact_sends_one_message(location):
    expedition = served(location, email="borger@example.dk")
    ticket_served.send(sender=Ticket, expedition_id=expedition.pk)
    assert list(Message.objects.values_list("channel", flat=True)) == ["email"]


def test_no_invitation_without_contact_data(location):
    expedition = served(location)
    ticket_served.send(sender=Ticket, expedition_id=expedition.pk)
    assert not SurveyInvitation.objects.exists()
    assert not Message.objects.exists()


def test_no_invitation_for_an_expedition_without_ticket_or_unusable_phone(location):
    loose = Expedition.objects.create(location=location, occurred_at=NOW)
    assert survey_invite(expedition_id=loose.pk) is None
    assert survey_invite(expedition_id=999_999) is None
    bad_phone = served(location, phone="12")
    ticket_served.send(sender=Ticket, expedition_id=bad_phone.pk)  # logged, not raised
    assert not SurveyInvitation.objects.exists()
    assert not Message.objects.exists()


@pytest.fixture
def invitation(location):
    with clock.frozen(at=NOW):
        return survey_invite(expedition_id=served(location, phone="20123456").pk)


def answer_url(invitation) -> str:
    return reverse("survey:answer", kwargs={"token": invitation.token})


def test_survey_page_asks_the_questions_as_radio_groups(client, invitation):
    response = client.get(answer_url(invitation))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") == 7
    assert html.count("<legend") == 7
    assert "Hvordan bestilte du tid?" in html
    assert "Blev du betjent til tiden?" in html
    assert 'type="radio"' in html and 'name="opinion"' in html
    assert "Borgerservice Torvet" in html


def test_answering_stores_an_anonymous_response(client, invitation, location):
    later = local(2026, 11, 25, 19, 47)
    with clock.frozen(at=later):
        response = client.post(
            answer_url(invitation),
            {
                "how_booked": "website",
                "opinion": "happy",
                "on_time": "late_1_10",
                "knew_mandatory": "yes",
                "staff_welcoming": "partly",
                "age_group": "40_59",
                "resident": "no",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("survey:thanks")

    stored = SurveyResponse.objects.get()
    assert stored.location == location
    assert stored.answered_on == date(2026, 11, 25)
    assert (stored.how_booked, stored.opinion, stored.on_time) == ("website", "happy", "late_1_10")
    assert (stored.knew_mandatory, stored.staff_welcoming) == ("yes", "partly")
    assert (stored.age_group, stored.resident) == ("40_59", "no")
    invitation.refresh_from_db()
    assert invitation.answered_at == local(2026, 11, 25, 0, 0)  # the day, not the time

    # Anonymous by construction: the only relation is the location, and no
    # field holds a time of day, a token or contact data.
    relations = {f.related_model for f in SurveyResponse._meta.get_fields() if f.is_relation}
    assert relations == {location.__class__}
    names = {f.name for f in SurveyResponse._meta.get_fields()}
    assert names == {
        "id",
        "location",
        "answered_on",
        "how_booked",
        "opinion",
        "on_time",
        "knew_mandatory",
        "staff_welcoming",
        "age_group",
        "resident",
    }
    assert not any(isinstance(f, models.DateTimeField) for f in SurveyResponse._meta.get_fields())
    invitation_relations = {
        f.related_model for f in SurveyInvitation._meta.get_fields() if f.is_relation
    }
    assert invitation_relations == {location.__class__}


def test_only_the_first_question_is_required(client, invitation):
    response = client.post(answer_url(invitation), {"opinion": "happy"})
    assert response.status_code == 200
    assert "Vælg, hvordan du bestilte tid." in response.content.decode()
    assert not SurveyResponse.objects.exists()

    response = client.post(answer_url(invitation), {"how_booked": "phone"})
    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert stored.how_booked == "phone" and stored.opinion == ""


def test_an_invalid_choice_is_refused(client, invitation):
    response = client.post(answer_url(invitation), {"how_booked": "carrier_pigeon"})
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()


def test_second_answer_is_refused(client, invitation):
    client.post(answer_url(invitation), {"how_booked": "website"})
    again = client.post(answer_url(invitation), {"how_booked": "phone"})
    assert again.status_code == 200
    assert "Du har allerede svaret" in again.content.decode()
    assert client.get(answer_url(invitation)).status_code == 200
    assert SurveyResponse.objects.count() == 1
    with pytest.raises(SurveyAlreadyAnswered):
        survey_answer(token=invitation.token, answers={"how_booked": "phone"})


def test_unknown_token_is_a_friendly_404(client, db):
    response = client.get(reverse("survey:answer", kwargs={"token": "findes-ikke"}))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_thanks_page(client, db):
    response = client.get(reverse("survey:thanks"))
    assert response.status_code == 200
    assert "Tak for dit svar" in response.content.decode()


def test_invitations_are_deleted_after_30_days(location):
    def invitation_at(at, token, answered=False):
        return SurveyInvitation.objects.create(
            token=token, location=location, created_at=at, answered_at=at if answered else None
        )

    now = local(2026, 12, 31, 12, 0)
    invitation_at(now - timedelta(days=30, seconds=1), "gammel")
    invitation_at(now - timedelta(days=60), "gammel-besvaret", answered=True)
    invitation_at(now - timedelta(days=30), "netop-30-dage")
    invitation_at(now - timedelta(days=2), "ny-besvaret", answered=True)
    SurveyResponse.objects.create(location=location, answered_on=now.date(), how_booked="phone")
    with clock.frozen(at=now):
        assert survey_invitations_delete_old() == 2
    assert set(SurveyInvitation.objects.values_list("token", flat=True)) == {
        "netop-30-dage",
        "ny-besvaret",
    }
    assert SurveyResponse.objects.count() == 1  # answers are anonymous and stay


def test_an_expired_link_is_unknown_even_before_deletion(client, location):
    SurveyInvitation.objects.create(
        token="udloebet", location=location, created_at=NOW - timedelta(days=31)
    )
    url = reverse("survey:answer", kwargs={"token": "udloebet"})
    with clock.frozen(at=NOW):
        assert client.get(url).status_code == 404
        assert client.post(url, {"how_booked": "phone"}).status_code == 404
        with pytest.raises(SurveyInvitation.DoesNotExist):
            survey_answer(token="udloebet", answers={"how_booked": "phone"})
    assert not SurveyResponse.objects.exists()


def answers(location, day, **fields):
    return SurveyResponse.objects.create(location=location, answered_on=day, **fields)


def test_results_count_and_share_per_answer(location):
    day = date(2026, 11, 24)
    answers(location, day, how_booked="website", opinion="happy")
    answers(location, day, how_booked="website", opinion="very_unhappy")
    answers(location, day, how_booked="phone")
    answers(location, day, how_booked="sms_reminder", opinion="happy")
    answers(location, day - timedelta(days=1), how_booked="in_person")  # outside
    answers(LocationFactory(), day, how_booked="in_person")  # another location

    result = survey_results(location=location, date_from=day, date_to=day)
    assert result["total"] == 4
    by_field = {q["field"]: q for q in result["questions"]}
    how = {row["value"]: (row["count"], row["share"]) for row in by_field["how_booked"]["rows"]}
    assert how == {
        "website": (2, 0.5),
        "phone": (1, 0.25),
        "sms_reminder": (1, 0.25),
        "in_person": (0, 0.0),
    }
    opinion = by_field["opinion"]
    assert opinion["answered"] == 3 and opinion["unanswered"] == 1
    happy = next(row for row in opinion["rows"] if row["value"] == "happy")
    assert happy["count"] == 2 and happy["share"] == pytest.approx(2 / 3)
    resident = by_field["resident"]
    assert resident["answered"] == 0
    assert all(row["share"] is None for row in resident["rows"])

    everywhere = survey_results(date_from=day - timedelta(days=1), date_to=day)
    assert everywhere["total"] == 6


def test_results_page_shows_counts_and_percentages(client, make_staff, location):
    answers(location, date(2026, 11, 24), how_booked="website")
    answers(location, date(2026, 11, 24), how_booked="website")
    answers(location, date(2026, 11, 24), how_booked="phone")
    client.force_login(make_staff(Role.MANAGER))
    response = client.get(
        reverse("survey:results"), {"date_from": "2026-11-01", "date_to": "2026-11-30"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 svar i perioden." in html
    assert "67 %" in html and "33 %" in html
    assert "Hvordan bestilte du tid?" in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.MANAGER, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.FRONT_DESK, 403),
        (Role.BACK_OFFICE, 403),
    ],
)
def test_results_page_is_for_managers(client, make_staff, role, status):
    client.force_login(make_staff(role))
    assert client.get(reverse("survey:results")).status_code == status


def test_results_page_needs_login(client, db):
    response = client.get(reverse("survey:results"))
    assert response.status_code == 302


def test_end_to_end_invitation_answer_results(client, make_staff, location):
    with clock.frozen(at=NOW):
        ticket_served.send(sender=Ticket, expedition_id=served(location, phone="20123456").pk)
        token = SurveyInvitation.objects.get().token
        client.post(
            reverse("survey:answer", kwargs={"token": token}),
            {"how_booked": "sms_reminder", "on_time": "on_time"},
        )
        client.force_login(make_staff(Role.MANAGER))
        html = client.get(reverse("survey:results")).content.decode()
    assert "1 svar i perioden." in html
    assert 'data-answer="sms_reminder"' in html


def test_the_daily_job_deletes_expired_invitations(db):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command

    from indgang.core import clock
    from indgang.frontdesk.models import SurveyInvitation
    from tests.catalogue.factories import LocationFactory

    location = LocationFactory()
    old = SurveyInvitation.objects.create(
        token="gammel", location=location, created_at=clock.now() - timedelta(days=31)
    )
    fresh = SurveyInvitation.objects.create(
        token="frisk", location=location, created_at=clock.now()
    )
    out = StringIO()
    call_command("delete_old_survey_invitations", stdout=out)
    assert not SurveyInvitation.objects.filter(pk=old.pk).exists()
    assert SurveyInvitation.objects.filter(pk=fresh.pk).exists()
    assert "Slettede 1" in out.getvalue()
