"""Write the demo municipality (`data.py`) to the database, idempotently.

Every row is looked up by its natural key (a slug, a username, a location and
desk number, …) and written only when a value differs; the rows under an
owner (a service's channels, a location's weekly hours, a department's phone
hours, a desk's services) are set to exactly the seed's rows. Running the seed
again therefore changes nothing, and it never resets a password: a demo user
gets a password only when it is created.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from typing import TypeVar

from django.db import models, transaction
from rest_framework.authtoken.models import Token

from indgang.accounts.models import User
from indgang.accounts.services import roles_sync, staff_user_upsert
from indgang.booking.models import BookingPolicy
from indgang.catalogue.models import (
    Authority,
    Channel,
    Closure,
    Department,
    Desk,
    ExtraOpening,
    Location,
    OpeningHours,
    PhoneHours,
    Service,
    ServiceChannel,
    SubjectArea,
)
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.frontdesk.models import KioskPolicy

from . import data

M = TypeVar("M", bound=models.Model)

# Easy to read aloud and type: no 0/o, 1/l/i.
_READABLE_CHARS = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class StaffAccount:
    """A demo user as the seed left it; `password` only when just created."""

    username: str
    full_name: str
    roles: tuple[str, ...]
    created: bool
    password: str | None = None

    @property
    def role_labels(self) -> str:
        return ", ".join(str(Role(role).label) for role in self.roles)


@dataclass(frozen=True)
class IntegrationAccount:
    """The demo telephony platform's user; `token` only when just created."""

    username: str
    created: bool
    token: str | None = None


@dataclass
class SeedResult:
    authorities: int = 0
    departments: int = 0
    subject_areas: int = 0
    services: int = 0
    locations: int = 0
    desks: int = 0
    staff: list[StaffAccount] = field(default_factory=list)
    integration: IntegrationAccount | None = None
    # Rows written by this run (catalogue rows and new users).
    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def _random_password() -> str:
    groups = ("".join(secrets.choice(_READABLE_CHARS) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _upsert(model: type[M], *, lookup: dict, values: dict, result: SeedResult) -> M:
    """Get the row matching `lookup` and give it `values`, writing only what differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        result.created += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
        result.updated += 1
    return obj


def _sync_children(
    queryset: models.QuerySet,
    *,
    key_fields: tuple[str, ...],
    wanted: dict[tuple, dict],
    defaults: dict,
    result: SeedResult,
) -> None:
    """Make the rows in `queryset` exactly `wanted` ({key tuple: other values}),
    keyed by `key_fields`; `defaults` names the owner of new rows."""
    existing = {tuple(getattr(row, f) for f in key_fields): row for row in queryset}
    for key, row in existing.items():
        if key not in wanted:
            row.delete()
            result.deleted += 1
    for key, values in wanted.items():
        lookup = dict(zip(key_fields, key, strict=True))
        row = existing.get(key)
        if row is None:
            row = queryset.model(**defaults, **lookup, **values)
            row.full_clean()
            row.save()
            result.created += 1
            continue
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            row.full_clean()
            row.save(update_fields=changed)
            result.updated += 1


def _weekly(spans: tuple[tuple[int, str, str], ...]) -> dict[tuple, dict]:
    return {(weekday, _time(opens)): {"closes": _time(closes)} for weekday, opens, closes in spans}


def _seed_catalogue(result: SeedResult) -> dict[str, Service]:
    authorities = {
        a.slug: _upsert(
            Authority,
            lookup={"slug": a.slug},
            values={"name": a.name, "website": a.website, "is_municipality": a.is_municipality},
            result=result,
        )
        for a in data.AUTHORITIES
    }
    departments = {}
    for d in data.DEPARTMENTS:
        department = _upsert(
            Department,
            lookup={"slug": d.slug},
            values={"name": d.name, "phone": d.phone, "email": d.email},
            result=result,
        )
        _sync_children(
            PhoneHours.objects.filter(department=department),
            key_fields=("weekday", "opens"),
            wanted=_weekly(d.phone_hours),
            defaults={"department": department},
            result=result,
        )
        departments[d.slug] = department
    subject_areas = {
        s.slug: _upsert(
            SubjectArea,
            lookup={"slug": s.slug},
            values={
                "name": s.name,
                "name_en": s.name_en,
                "position": s.position,
                "description": s.description,
                "description_en": s.description_en,
            },
            result=result,
        )
        for s in data.SUBJECT_AREAS
    }
    services = {}
    for s in data.SERVICES:
        service = _upsert(
            Service,
            lookup={"slug": s.slug},
            values={
                "name": s.name,
                "name_en": s.name_en,
                "subject_area": subject_areas[s.subject_area],
                "authority": authorities[s.authority],
                "department": departments[s.department] if s.department else None,
                "description": s.description,
                "description_en": s.description_en,
                "mandatory_self_service": s.mandatory_self_service,
                "self_service_url": s.self_service_url,
                "needs_personal_attendance": s.needs_personal_attendance,
                "minutes_per_expedition": s.minutes_per_expedition,
                "fee": Decimal(s.fee) if s.fee is not None else None,
                "keywords": ", ".join(s.keywords),
                "is_archived": False,
            },
            result=result,
        )
        _sync_children(
            ServiceChannel.objects.filter(service=service),
            key_fields=("channel",),
            wanted={(c,): {"response_deadline_days": days} for c, days in s.channels.items()},
            defaults={"service": service},
            result=result,
        )
        services[s.slug] = service
    result.authorities = len(authorities)
    result.departments = len(departments)
    result.subject_areas = len(subject_areas)
    result.services = len(services)
    return services


def _seed_locations(services: dict[str, Service], result: SeedResult) -> None:
    # What "all services" means at a desk: every demo service offered in person.
    in_person = {s.slug for s in data.SERVICES if Channel.PERSONAL in s.channels}
    year = clock.today().year
    closures = data.closures_for(year)
    extra_openings = data.extra_openings_for(year)
    for loc in data.LOCATIONS:
        location = _upsert(
            Location,
            lookup={"slug": loc.slug},
            values={
                "name": loc.name,
                "kind": loc.kind,
                "street": loc.street,
                "postcode": loc.postcode,
                "city": loc.city,
                "phone": loc.phone,
                "email": loc.email,
                "closed_on_public_holidays": True,
                "is_active": True,
            },
            result=result,
        )
        _sync_children(
            OpeningHours.objects.filter(location=location),
            key_fields=("weekday", "opens"),
            wanted=_weekly(loc.opening_hours),
            defaults={"location": location},
            result=result,
        )
        # Dated rows are matched by their date and only added or corrected:
        # other closures (real ones, earlier years' demo rows) stay.
        for c in closures.get(loc.slug, ()):
            _upsert(
                Closure,
                lookup={"location": location, "starts_on": c.starts_on},
                values={
                    "ends_on": c.ends_on,
                    "from_time": _time(c.from_time),
                    "to_time": _time(c.to_time),
                    "reason": c.reason,
                },
                result=result,
            )
        for e in extra_openings.get(loc.slug, ()):
            _upsert(
                ExtraOpening,
                lookup={"location": location, "date": e.day},
                values={"opens": _time(e.opens), "closes": _time(e.closes), "reason": e.reason},
                result=result,
            )
        for d in loc.desks:
            desk = _upsert(
                Desk,
                lookup={"location": location, "number": d.number},
                values={"name": d.name, "is_active": True},
                result=result,
            )
            slugs = in_person if data.ALL_PERSONAL in d.services else set(d.services)
            wanted = {services[slug].pk for slug in slugs}
            current = set(desk.services.values_list("pk", flat=True))
            if wanted != current:
                desk.services.set(wanted)
                result.created += len(wanted - current)
                result.deleted += len(current - wanted)
            result.desks += 1
        result.locations += 1


def _seed_staff(password: str | None, result: SeedResult) -> None:
    slugs = {s.department for s in data.STAFF if s.department}
    departments = {d.slug: d for d in Department.objects.filter(slug__in=slugs)}
    for s in data.STAFF:
        # A password only for a new user: an existing one keeps theirs.
        exists = User.objects.filter(username=s.username).exists()
        new_password = None if exists else (password or _random_password())
        user, created = staff_user_upsert(
            username=s.username,
            first_name=s.first_name,
            last_name=s.last_name,
            email=s.email,
            roles=[str(r) for r in s.roles],
            department=departments[s.department] if s.department else None,
            password=new_password,
        )
        if s.is_superuser and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        if created:
            result.created += 1
        result.staff.append(
            StaffAccount(
                username=user.username,
                full_name=user.get_full_name(),
                roles=tuple(str(r) for r in s.roles),
                created=created,
                password=new_password if created else None,
            )
        )


def _seed_booking_and_kiosk_rules(result: SeedResult) -> None:
    """Demo-friendly rules: a citizen can book a time later today and check in
    at the kiosk at once, so the whole visit can be tried in one sitting."""
    for loc in data.LOCATIONS:
        location = Location.objects.get(slug=loc.slug)
        _upsert(
            BookingPolicy,
            lookup={"location": location},
            values={"min_notice_minutes": 15},
            result=result,
        )
        _upsert(
            KioskPolicy,
            lookup={"location": location},
            values={"early_minutes": 480, "late_minutes": 30},
            result=result,
        )


def _seed_integration(result: SeedResult) -> None:
    """A system user for the telephony platform with an API token, so the
    push API (POST /api/v1/calls/) can be tried. It can never log in: its
    password is unusable. The token is generated by DRF when the user first
    gets one and shown only then."""
    s = data.INTEGRATION
    user, created = staff_user_upsert(
        username=s.username,
        first_name=s.first_name,
        last_name=s.last_name,
        email=s.email,
        roles=[str(r) for r in s.roles],
    )
    if created:
        result.created += 1
    token, token_created = Token.objects.get_or_create(user=user)
    if token_created:
        result.created += 1
    result.integration = IntegrationAccount(
        username=user.username,
        created=created,
        token=token.key if token_created else None,
    )


@transaction.atomic
def demo_seed(*, password: str | None = None) -> SeedResult:
    """Create or update "Demo Kommune": catalogue, locations, desks, staff and
    the telephony platform's integration user. (Two years of calls and contacts
    are `activity.demo_activity_seed()`.)

    Idempotent: a second run writes nothing. New demo users get `password`, or
    a random one each when it is None; existing users keep theirs.
    """
    roles_sync()
    result = SeedResult()
    services = _seed_catalogue(result)
    _seed_locations(services, result)
    _seed_booking_and_kiosk_rules(result)
    _seed_staff(password, result)
    _seed_integration(result)
    return result
