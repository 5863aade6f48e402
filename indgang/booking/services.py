"""Writes for booking: create, move and cancel appointments, and delete the
personal data of old ones. Each owns its transaction; every message to the
citizen is a ledger row written in the same transaction."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indgang.catalogue.hours import period_instants
from indgang.catalogue.models import Desk, Location, Service
from indgang.core import clock
from indgang.core.phone import phone_normalise
from indgang.notifications.models import MessageChannel
from indgang.notifications.services import contains_cpr, message_enqueue, messages_cancel_pending

from . import availability
from .errors import (
    BookingInThePast,
    BookingNotActive,
    NotASlot,
    PhoneLimitReached,
    SlotTaken,
    StaffCalendarNoDepartment,
    StaffCalendarNotBookable,
)
from .models import (
    Booking,
    BookingChannel,
    BookingStatus,
    StaffCalendar,
    StaffCalendarAbsence,
    StaffCalendarHours,
    StaffMeeting,
)
from .selectors import TZ, booking_policy_get, slot_query_build, staff_slot_query_build

# Six characters without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
# PostgreSQL's exclusion constraint (migration 0002): no overlapping active
# bookings on one desk.
NO_OVERLAP_CONSTRAINT = "booking_no_overlap"
NAME_MAX_LENGTH = Booking._meta.get_field("name").max_length
EMAIL_MAX_LENGTH = Booking._meta.get_field("email").max_length


def _instant(start: datetime) -> datetime:
    """`start` in UTC. Arithmetic on a Europe/Copenhagen datetime is wall-clock
    arithmetic: 01:45 + 25 min on the spring-forward night would give a time
    that does not exist, and 02:30 (second time) + 15 min on the fall-back night
    an end before the start. In UTC a minute is a minute."""
    if start.tzinfo is None:
        raise ValueError("booking times must be aware datetimes")
    return start.astimezone(UTC)


def _event_suffix(start: datetime) -> str:
    """A ledger key suffix for one event (a move, a new reminder). A booking may
    move back to a time it had before and then needs new messages, so the
    suffix is unique to the event, not to the time."""
    return f"{start.astimezone(UTC):%Y%m%dT%H%MZ}:{secrets.token_hex(4)}"


def booking_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def cancel_token_new() -> str:
    """256 random bits for the citizen's link. The link goes into SMS and
    e-mail, whose texts the ledger refuses when anything in them is shaped like
    a CPR number; a random token is, about once in ten million."""
    while True:
        token = secrets.token_urlsafe(32)
        if not contains_cpr(token):
            return token


def booking_manage_url(booking: Booking) -> str:
    """The citizen's unguessable link to see, move or cancel the booking. Its
    last path segment is the cancel token."""
    path = reverse("booking:manage", kwargs={"code": booking.code, "token": booking.cancel_token})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _clean_phone_email(*, phone: str, email: str, errors: dict) -> tuple[str, str]:
    """Normalise an optional phone number and e-mail address, adding a Danish
    message per field to `errors` when one cannot be."""
    phone = (phone or "").strip()
    if phone:
        try:
            phone = phone_normalise(phone)
        except ValidationError as exc:
            errors["phone"] = list(exc.messages)
    email = (email or "").strip()
    if email:
        try:
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Skriv en gyldig e-mailadresse.")]
    return phone, email


def _clean_contact(*, name: str, phone: str, email: str) -> tuple[str, str, str]:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Skriv dit navn.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [_("Navnet må højst være %(max)s tegn.") % {"max": NAME_MAX_LENGTH}]
    elif contains_cpr(name):
        # The confirmation would carry it, and we never ask for it.
        errors["name"] = [_("Skriv kun dit navn. Vi skal ikke bruge dit CPR-nummer.")]
    phone, email = _clean_phone_email(phone=phone, email=email, errors=errors)
    if not phone and not email and "phone" not in errors:
        errors["phone"] = [
            _("Skriv et telefonnummer eller en e-mailadresse, så vi kan bekræfte tiden.")
        ]
    if errors:
        raise ValidationError(errors)
    return name, phone, email


def _check_phone_limit(*, location: Location, phone: str, start: datetime, exclude=None) -> None:
    if not phone:
        return
    policy = booking_policy_get(location=location)
    day = start.astimezone(TZ).date()
    day_start, day_end = period_instants(day, day)
    same_day = Booking.objects.active().filter(phone=phone, start__gte=day_start, start__lt=day_end)
    if exclude is not None:
        same_day = same_day.exclude(pk=exclude.pk)
    if same_day.count() >= policy.max_bookings_per_phone_per_day:
        raise PhoneLimitReached


def _place(*, query, start: datetime, make_booking, exclude: Booking | None = None) -> Booking:
    """Put a booking on the first free capable desk at `start`, under a lock on
    the desk row; the database's constraint has the last word."""
    if not availability.is_grid_start(start, query.request):
        raise NotASlot
    until = start + query.request.length + query.request.buffer
    for desk_id in availability.free_desks_at(query.desks, start, query.request):
        desk = Desk.objects.select_for_update().get(pk=desk_id)
        clash = Booking.objects.active().filter(desk=desk).overlapping(start=start, until=until)
        if exclude is not None:
            clash = clash.exclude(pk=exclude.pk)
        if clash.exists():
            continue
        try:
            with transaction.atomic():
                return make_booking(desk=desk, end=start + query.request.length, until=until)
        except IntegrityError as exc:
            if NO_OVERLAP_CONSTRAINT not in str(exc):
                raise
            continue  # the exclusion constraint saw a booking we did not
    raise SlotTaken


def _messages_for(
    booking: Booking, *, kind: str, key_suffix: str = "", send_after: datetime | None = None
) -> None:
    """Ledger rows for one event: SMS and/or e-mail, in the citizen's language."""
    context = {
        "booking": booking,
        "services": list(booking.services.all()),
        "manage_url": booking_manage_url(booking),
        "municipality_name": settings.MUNICIPALITY_NAME,
        "start_local": booking.start.astimezone(TZ),
    }
    template = kind.split(".", 1)[1]
    with translation.override(booking.language or "da"):
        local = context["start_local"]
        context["when_short"] = date_format(
            local, pgettext("message date, short", "j/n \\k\\l. H.i")
        )
        context["when_medium"] = date_format(
            local, pgettext("message date, medium", "j. F \\k\\l. H.i")
        )
        context["when_long"] = date_format(
            local, pgettext("message date, long", "l j. F Y \\k\\l. H.i")
        )
        sms = render_to_string(f"booking/messages/{template}.sms.txt", context).strip()
        subject = render_to_string(f"booking/messages/{template}.subject.txt", context).strip()
        email_body = render_to_string(f"booking/messages/{template}.email.txt", context).strip()
    reference = f"booking:{booking.pk}"
    suffix = f":{key_suffix}" if key_suffix else ""
    for channel, recipient, subject_, body in (
        (MessageChannel.SMS, booking.phone, "", sms),
        (MessageChannel.EMAIL, booking.email, subject, email_body),
    ):
        if recipient:
            message_enqueue(
                kind=kind,
                channel=channel,
                recipient=recipient,
                subject=subject_,
                body=body,
                idempotency_key=f"{reference}:{kind}{suffix}:{channel}",
                reference=reference,
                send_after=send_after,
            )


def _reminder_enqueue(booking: Booking) -> None:
    policy = booking_policy_get(location=booking.location)
    if not policy.reminder_hours_before:
        return
    remind_at = booking.start - timedelta(hours=policy.reminder_hours_before)
    if remind_at <= clock.now():
        return  # booked too close to the time for a reminder to make sense
    _messages_for(
        booking,
        kind="booking.reminder",
        key_suffix=_event_suffix(booking.start),
        send_after=remind_at,
    )


def _booking_for_key(idempotency_key: str | None) -> Booking | None:
    """The booking made earlier with this key (marked `replayed`), if any."""
    if not idempotency_key:
        return None
    booking = Booking.objects.filter(idempotency_key=idempotency_key).first()
    if booking is not None:
        booking.replayed = True
    return booking


@transaction.atomic
def booking_create(
    *,
    services: list[Service],
    location: Location,
    start: datetime,
    name: str,
    phone: str = "",
    email: str = "",
    channel: str = BookingChannel.WEB,
    created_by=None,
    idempotency_key: str | None = None,
    language: str | None = None,
) -> Booking:
    """Book the services at the location at `start` on a free capable desk.

    Raises ValidationError (per field), NotASlot (the start can never be a
    slot), SlotTaken (it was free and is not any more), NoDeskForServices,
    NotBookable or PhoneLimitReached. With an `idempotency_key` seen before,
    returns the booking made the first time (with `replayed = True`).
    """
    first = _booking_for_key(idempotency_key)
    if first is not None:
        return first
    start = _instant(start)
    if not services:
        raise ValidationError({"services": [_("Vælg mindst én ydelse.")]})
    name, phone, email = _clean_contact(name=name, phone=phone, email=email)
    day: date = start.astimezone(TZ).date()
    query = slot_query_build(location=location, services=services, date_from=day, date_to=day)
    if not availability.is_grid_start(start, query.request):
        raise NotASlot
    _check_phone_limit(location=location, phone=phone, start=start)
    now = clock.now()

    def make(*, desk, end, until):
        for _attempt in range(5):
            booking = Booking(
                code=booking_code_new(),
                cancel_token=cancel_token_new(),
                location=location,
                desk=desk,
                start=start,
                end=end,
                blocked_until=until,
                name=name,
                phone=phone,
                email=email,
                channel=channel,
                created_at=now,
                created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
                idempotency_key=idempotency_key or None,
                language=(language or translation.get_language() or "da")[:2],
            )
            if not Booking.objects.filter(code=booking.code).exists():
                booking.save()
                return booking
        raise RuntimeError("could not find a free booking code")

    try:
        booking = _place(query=query, start=start, make_booking=make)
    except (SlotTaken, IntegrityError) as exc:
        # A concurrent retry with the same key may have got there first: its
        # booking took the desk (SlotTaken) or the key (unique violation). Then
        # the caller gets that booking, as if it had come a moment later.
        key_lost = isinstance(exc, SlotTaken) or "idempotency_key" in str(exc)
        first = _booking_for_key(idempotency_key) if key_lost else None
        if first is None:
            raise
        return first
    booking.services.set(services)
    booking.replayed = False
    _messages_for(booking, kind="booking.confirmed")
    _reminder_enqueue(booking)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by=None) -> Booking:
    """Cancel the booking, its pending reminder, and tell the citizen."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.BOOKED:
        raise BookingNotActive
    if booking.start <= clock.now():
        raise BookingInThePast
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = clock.now()
    booking.save(update_fields=["status", "cancelled_at"])
    messages_cancel_pending(reference=f"booking:{booking.pk}", kinds=["booking.reminder"])
    _messages_for(booking, kind="booking.cancelled")
    return booking


@transaction.atomic
def booking_move(*, booking: Booking, start: datetime, by=None) -> Booking:
    """Move the booking to another free start at the same location, for the
    same services; the old reminder is cancelled and a new one queued."""
    start = _instant(start)
    booking = Booking.objects.select_for_update().prefetch_related("services").get(pk=booking.pk)
    if booking.status != BookingStatus.BOOKED:
        raise BookingNotActive
    if booking.start <= clock.now():
        raise BookingInThePast
    services = list(booking.services.all())
    day = start.astimezone(TZ).date()
    query = slot_query_build(
        location=booking.location,
        services=services,
        date_from=day,
        date_to=day,
        exclude_booking=booking,
    )
    _check_phone_limit(location=booking.location, phone=booking.phone, start=start, exclude=booking)

    def make(*, desk, end, until):
        booking.desk = desk
        booking.start = start
        booking.end = end
        booking.blocked_until = until
        booking.save(update_fields=["desk", "start", "end", "blocked_until"])
        return booking

    _place(query=query, start=start, make_booking=make, exclude=booking)
    messages_cancel_pending(reference=f"booking:{booking.pk}", kinds=["booking.reminder"])
    _messages_for(booking, kind="booking.moved", key_suffix=_event_suffix(start))
    _reminder_enqueue(booking)
    return booking


@transaction.atomic
def bookings_anonymise_old(*, older_than_days: int | None = None) -> int:
    """Delete the name, phone and e-mail of bookings that ended more than the
    retention period ago (BOOKING_RETENTION_DAYS). Times, services and channel
    stay for statistics. Returns the number anonymised."""
    days = settings.BOOKING_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = clock.now() - timedelta(days=days)
    return Booking.objects.filter(end__lt=cutoff, anonymised_at__isnull=True).update(
        name="", phone="", email="", anonymised_at=clock.now()
    )


# --- Caseworkers' own calendars ----------------------------------------------

# PostgreSQL's exclusion constraint (migration 0004): no overlapping active
# meetings in one caseworker's calendar.
STAFF_NO_OVERLAP_CONSTRAINT = "staff_meeting_no_overlap"
TOPIC_MAX_LENGTH = StaffMeeting._meta.get_field("topic").max_length
REFERENCE_MAX_LENGTH = StaffMeeting._meta.get_field("reference").max_length


def _clean_meeting_contact(*, name: str, phone: str, email: str) -> tuple[str, str, str]:
    """As `_clean_contact`, in the words of the member of staff who books for
    the citizen; phone and e-mail may both be empty (the caller decides
    whether the citizen is told, and how)."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Skriv borgerens navn.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [_("Navnet må højst være %(max)s tegn.") % {"max": NAME_MAX_LENGTH}]
    elif contains_cpr(name):
        errors["name"] = [_("Skriv kun borgerens navn, ikke CPR-nummeret.")]
    phone, email = _clean_phone_email(phone=phone, email=email, errors=errors)
    if errors:
        raise ValidationError(errors)
    return name, phone, email


@transaction.atomic
def staff_meeting_book(
    *,
    calendar: StaffCalendar,
    start: datetime,
    topic: str,
    name: str,
    phone: str = "",
    email: str = "",
    reference: str = "",
    created_by=None,
    language: str | None = None,
) -> StaffMeeting:
    """Book a meeting with the caseworker at `start` (an aware datetime).

    Raises ValidationError (per field: topic, name, phone, email), NotASlot
    (not a start on the calendar's grid inside its meeting hours, too soon or
    beyond the horizon; StaffCalendarNotBookable, a NotASlot, when the
    calendar is switched off) or SlotTaken (a meeting, the buffer after it or
    an absence is in the way). Sends no messages: the caller does.
    """
    start = _instant(start)
    topic = (topic or "").strip()
    errors: dict[str, list[str]] = {}
    if not topic:
        errors["topic"] = [_("Skriv mødets emne.")]
    elif len(topic) > TOPIC_MAX_LENGTH:
        errors["topic"] = [_("Emnet må højst være %(max)s tegn.") % {"max": TOPIC_MAX_LENGTH}]
    elif contains_cpr(topic):
        errors["topic"] = [_("Skriv ikke CPR-numre i emnet.")]
    try:
        name, phone, email = _clean_meeting_contact(name=name, phone=phone, email=email)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    # The row lock serialises bookings in one calendar (PostgreSQL); SQLite's
    # IMMEDIATE transaction has already locked the whole database.
    calendar = StaffCalendar.objects.select_for_update().select_related("user").get(pk=calendar.pk)
    if not calendar.is_active:
        raise StaffCalendarNotBookable
    day = start.astimezone(TZ).date()
    query = staff_slot_query_build(calendar=calendar, date_from=day, date_to=day)
    if not availability.is_grid_start(start, query.request):
        raise NotASlot
    if not availability.free_desks_at(query.desks, start, query.request):
        raise SlotTaken
    end = start + query.request.length
    until = end + query.request.buffer
    if (
        StaffMeeting.objects.active()
        .filter(calendar=calendar)
        .overlapping(start=start, until=until)
        .exists()
    ):
        raise SlotTaken
    meeting = StaffMeeting(
        calendar=calendar,
        start=start,
        end=end,
        blocked_until=until,
        topic=topic,
        name=name,
        phone=phone,
        email=email,
        reference=(reference or "")[:REFERENCE_MAX_LENGTH],
        created_at=clock.now(),
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        language=(language or translation.get_language() or "da")[:2],
    )
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as exc:
        if STAFF_NO_OVERLAP_CONSTRAINT not in str(exc):
            raise
        raise SlotTaken from exc  # the exclusion constraint saw a meeting we did not
    return meeting


@transaction.atomic
def staff_meeting_cancel(*, meeting: StaffMeeting, by=None) -> StaffMeeting:
    """Cancel the meeting: its time is free again. Raises BookingNotActive
    (already cancelled) or BookingInThePast (it has begun). No messages: the
    caller tells the citizen."""
    meeting = StaffMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != BookingStatus.BOOKED:
        raise BookingNotActive
    if meeting.start <= clock.now():
        raise BookingInThePast
    meeting.status = BookingStatus.CANCELLED
    meeting.cancelled_at = clock.now()
    meeting.save(update_fields=["status", "cancelled_at"])
    return meeting


@transaction.atomic
def staff_meetings_anonymise_old(*, older_than_days: int | None = None) -> int:
    """Delete the citizen's name, phone and e-mail from caseworker meetings
    that ended (or were to end, if cancelled) more than BOOKING_RETENTION_DAYS
    ago; time, topic, calendar and reference stay. Returns the number
    anonymised. Run by `anonymise_old_bookings` beside `bookings_anonymise_old`."""
    days = settings.BOOKING_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = clock.now() - timedelta(days=days)
    return StaffMeeting.objects.filter(end__lt=cutoff, anonymised_at__isnull=True).update(
        name="", phone="", email="", anonymised_at=clock.now()
    )


# Calendar upkeep by the caseworker (the page "Min mødekalender").


@transaction.atomic
def staff_calendar_ensure(*, user) -> StaffCalendar:
    """The user's meeting calendar, created in their department when missing.
    Raises StaffCalendarNoDepartment when they have none."""
    calendar = StaffCalendar.objects.filter(user=user).first()
    if calendar is not None:
        return calendar
    if getattr(user, "department_id", None) is None:
        raise StaffCalendarNoDepartment
    calendar, _created = StaffCalendar.objects.get_or_create(
        user=user, defaults={"department_id": user.department_id}
    )
    return calendar


@transaction.atomic
def staff_calendar_hours_add(
    *, calendar: StaffCalendar, weekday: int, opens, closes
) -> StaffCalendarHours:
    """Add weekly meeting hours; raises ValidationError (closes before opens,
    or overlapping hours already there on that weekday)."""
    if closes <= opens:
        raise ValidationError({"closes": [_("Sluttidspunktet skal ligge efter starttidspunktet.")]})
    overlapping = StaffCalendarHours.objects.filter(
        calendar=calendar, weekday=weekday, opens__lt=closes, closes__gt=opens
    )
    if overlapping.exists():
        raise ValidationError(
            {"opens": [_("Tiden overlapper en mødetid, der allerede findes den dag.")]}
        )
    return StaffCalendarHours.objects.create(
        calendar=calendar, weekday=weekday, opens=opens, closes=closes
    )


def staff_calendar_hours_remove(*, calendar: StaffCalendar, hours_id: int) -> bool:
    """Remove one weekly interval of the calendar; booked meetings stay."""
    deleted, _rows = StaffCalendarHours.objects.filter(calendar=calendar, pk=hours_id).delete()
    return bool(deleted)


def staff_calendar_absence_add(
    *, calendar: StaffCalendar, starts_at: datetime, ends_at: datetime, reason: str = ""
) -> StaffCalendarAbsence:
    """Block the calendar from `starts_at` to `ends_at`; booked meetings in
    that time stay (the caseworker moves them with citizen service)."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("Fraværet skal slutte efter det begynder.")]})
    return StaffCalendarAbsence.objects.create(
        calendar=calendar, starts_at=starts_at, ends_at=ends_at, reason=(reason or "").strip()[:200]
    )


def staff_calendar_absence_remove(*, calendar: StaffCalendar, absence_id: int) -> bool:
    deleted, _rows = StaffCalendarAbsence.objects.filter(calendar=calendar, pk=absence_id).delete()
    return bool(deleted)


def staff_calendar_settings_update(
    *, calendar: StaffCalendar, meeting_minutes: int, place: str = "", is_active: bool = True
) -> StaffCalendar:
    """The caseworker's own settings: meeting length, where, and whether the
    calendar takes bookings. Booked meetings keep their length."""
    calendar.meeting_minutes = meeting_minutes
    calendar.place = (place or "").strip()[:200]
    calendar.is_active = is_active
    calendar.full_clean(exclude=["user", "department", "location"])
    calendar.save(update_fields=["meeting_minutes", "place", "is_active"])
    return calendar
