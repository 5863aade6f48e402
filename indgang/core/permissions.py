"""Roles and permission checks: the one place that says who may do what.

Every role is a Django group whose permissions are listed in `ROLE_PERMISSIONS`
and synced into the database by `roles_sync()` (after every migrate). Views,
API and services ask through `require_perm`, `role_required` and `HasPerm`;
nothing else checks roles by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .errors import PermissionDenied


class Role(models.TextChoices):
    FRONT_DESK = "front_desk", _("Borgerservicemedarbejder")
    CONTACT_CENTRE = "contact_centre", _("Kontaktcentermedarbejder")
    BACK_OFFICE = "back_office", _("Sagsbehandler")
    MANAGER = "manager", _("Borgerservicechef")
    ADMINISTRATOR = "administrator", _("Administrator")
    # A system (telephony platform, self-service platform) pushing records
    # through the API with a token; never a person.
    INTEGRATION = "integration", _("Integration (system)")


def _model_perms(app_label: str, *models_: str, actions: Iterable[str]) -> list[str]:
    return [f"{app_label}.{action}_{model}" for model in models_ for action in actions]


_CATALOGUE_MODELS = (
    "authority",
    "department",
    "subjectarea",
    "service",
    "servicechannel",
    "location",
    "openinghours",
    "closure",
    "extraopening",
    "desk",
    "phonehours",
)
_BOOKING_SETUP_MODELS = ("bookingpolicy", "serviceduration", "deskclosure")
_CONTACT_RECORDS = ("call", "contact", "selfservicecount", "mailcount")
_VIEW = ("view",)
_ALL = ("view", "add", "change", "delete")
_BOOK = ("view", "add", "change")  # book, move and cancel (cancelling is a change)
_GUIDE_MODELS = ("guide", "question", "choice", "step")
_STAFF_CALENDAR_MODELS = ("staffcalendar", "staffcalendarhours", "staffcalendarabsence")
# Citizen service opens 360-degree guidance plans and books caseworkers' meetings.
_GUIDANCE_WORK = [
    *_model_perms("guides", *_GUIDE_MODELS, actions=_VIEW),
    *_model_perms("guidance", "guidanceplan", "planaction", "planmeeting", actions=_BOOK),
    "guidance.view_plan_cpr",
    *_model_perms("booking", *_STAFF_CALENDAR_MODELS, actions=_VIEW),
    *_model_perms("booking", "staffmeeting", actions=_BOOK),
]

# Permission codenames per role. Later capabilities add theirs here.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.FRONT_DESK: [
        *_model_perms("catalogue", *_CATALOGUE_MODELS, actions=_VIEW),
        *_model_perms("booking", "booking", actions=_BOOK),
        # Front-desk staff close a desk for a period (training, illness).
        *_model_perms("booking", "deskclosure", actions=_ALL),
        *_model_perms("notifications", "message", actions=_VIEW),
        *_model_perms("frontdesk", "ticket", "expedition", actions=_VIEW),
        # One-click contact registration (and undo of one's own last one).
        *_model_perms("contacts", "contact", actions=("add",)),
        *_model_perms("knowledge", "article", actions=_VIEW),
        *_GUIDANCE_WORK,
    ],
    Role.CONTACT_CENTRE: [
        *_model_perms("catalogue", *_CATALOGUE_MODELS, actions=_VIEW),
        *_model_perms("booking", "booking", actions=_BOOK),
        *_model_perms("contacts", "contact", actions=("add",)),
        *_model_perms("knowledge", "article", actions=_VIEW),
        # The agent desktop: presence of colleagues, callbacks to departments.
        *_model_perms("contactcentre", "staffpresence", actions=_VIEW),
        *_model_perms("contactcentre", "callbacktask", actions=("view", "add")),
        # Chat: take, answer, transfer and close; the digital mail inbox.
        *_model_perms("chat", "conversation", actions=("view", "change")),
        *_model_perms("chat", "cannedanswer", actions=_VIEW),
        *_model_perms("digitalmail", "mail", actions=("view", "change")),
        *_GUIDANCE_WORK,
    ],
    Role.BACK_OFFICE: [
        *_model_perms("catalogue", *_CATALOGUE_MODELS, actions=_VIEW),
        *_model_perms("contacts", "contact", actions=("add",)),
        # A caseworker keeps the phone hours of the department.
        *_model_perms("catalogue", "phonehours", actions=("add", "change", "delete")),
        # Caseworkers write and review the knowledge the contact centre uses.
        *_model_perms("knowledge", "article", actions=("view", "add", "change")),
        *_model_perms("knowledge", "reviewtask", actions=("view", "change")),
        # Their inbox: callbacks of their department, own presence and phone hours.
        *_model_perms("contactcentre", "callbacktask", actions=("view", "change")),
        *_model_perms("contactcentre", "staffpresence", actions=("view", "change")),
        *_model_perms("contactcentre", "staffphonehours", actions=_ALL),
        # Their meeting calendar (hours, absence) and the plan actions they own;
        # they see the plans they take part in, never the CPR number.
        *_model_perms("booking", "staffcalendar", actions=("view", "change")),
        *_model_perms("booking", "staffcalendarhours", "staffcalendarabsence", actions=_ALL),
        *_model_perms("booking", "staffmeeting", actions=_VIEW),
        *_model_perms("guidance", "guidanceplan", "planmeeting", actions=_VIEW),
        *_model_perms("guidance", "planaction", actions=("view", "change")),
        *_model_perms("guides", *_GUIDE_MODELS, actions=_VIEW),
    ],
    Role.MANAGER: [
        *_model_perms("catalogue", *_CATALOGUE_MODELS, actions=_VIEW),
        *_model_perms("catalogue", "service", "servicechannel", actions=("change",)),
        *_model_perms("audit", "auditevent", actions=_VIEW),
        *_model_perms("booking", "booking", actions=_BOOK),
        *_model_perms("booking", *_BOOKING_SETUP_MODELS, actions=_ALL),
        *_model_perms("notifications", "message", actions=_VIEW),
        *_model_perms("frontdesk", "ticket", "expedition", actions=_VIEW),
        *_model_perms("frontdesk", "kioskpolicy", actions=_ALL),
        # The registry: read everything, import files, keep counts; the report and its targets.
        *_model_perms("contacts", *_CONTACT_RECORDS, actions=_VIEW),
        *_model_perms("contacts", "contact", actions=("add",)),
        *_model_perms("contacts", "selfservicecount", "mailcount", actions=_ALL),
        "contacts.import_records",
        *_model_perms("reports", "kpitargets", actions=("view", "change")),
        *_model_perms("knowledge", "article", "synonymgroup", actions=_ALL),
        *_model_perms("knowledge", "reviewtask", actions=("view", "change")),
        *_model_perms("contactcentre", "staffpresence", actions=("view", "change")),
        *_model_perms("contactcentre", "callbacktask", actions=("view", "add", "change")),
        *_model_perms("contactcentre", "staffphonehours", actions=_ALL),
        # Planning: forecasts, staffing plans, channel costs and what-if runs.
        *_model_perms("planning", "channelcost", actions=("view", "change")),
        *_model_perms("planning", "simulationrun", actions=("view", "add")),
        # Chat and digital mail: hours, capacities, canned answers, triage rules; the inbox.
        *_model_perms("chat", "conversation", actions=("view", "change")),
        *_model_perms("chat", "chathours", "chatagent", "cannedanswer", actions=_ALL),
        *_model_perms("digitalmail", "mail", actions=("view", "change")),
        *_model_perms("digitalmail", "mailrule", actions=_ALL),
        # Life-situation guides (written in the admin) and guidance plans.
        *_model_perms("guides", *_GUIDE_MODELS, actions=_ALL),
        *_model_perms("guides", "guideversion", actions=_VIEW),
        *_model_perms("guidance", "guidanceplan", "planaction", "planmeeting", actions=_BOOK),
        *_model_perms("booking", *_STAFF_CALENDAR_MODELS, actions=_ALL),
        *_model_perms("booking", "staffmeeting", actions=_BOOK),
    ],
    Role.ADMINISTRATOR: [
        *_model_perms("catalogue", *_CATALOGUE_MODELS, actions=_ALL),
        *_model_perms("accounts", "user", actions=_ALL),
        *_model_perms("auth", "group", actions=_VIEW),
        *_model_perms("audit", "auditevent", actions=_VIEW),
        *_model_perms("authtoken", "tokenproxy", actions=_ALL),
        *_model_perms("booking", "booking", actions=_BOOK),
        *_model_perms("booking", *_BOOKING_SETUP_MODELS, actions=_ALL),
        *_model_perms("notifications", "message", actions=_VIEW),
        *_model_perms("frontdesk", "ticket", "expedition", actions=_VIEW),
        *_model_perms("frontdesk", "kioskpolicy", actions=_ALL),
        *_model_perms("contacts", *_CONTACT_RECORDS, actions=_VIEW),
        *_model_perms("guides", *_GUIDE_MODELS, actions=_ALL),
        *_model_perms("guides", "guideversion", actions=_VIEW),
        *_model_perms("booking", *_STAFF_CALENDAR_MODELS, actions=_ALL),
    ],
    Role.INTEGRATION: [
        *_model_perms("contacts", "call", "contact", "selfservicecount", actions=("add",)),
        # Other systems push digital mail to the inbox.
        *_model_perms("digitalmail", "mail", actions=("add",)),
    ],
}

# People: every role but a system integration's.
STAFF_ROLES = tuple(role.value for role in Role if role != Role.INTEGRATION)

# Roles that may use the Django admin (staff flag is set from these).
ADMIN_ROLES = {Role.MANAGER, Role.ADMINISTRATOR, Role.BACK_OFFICE, Role.FRONT_DESK}


def user_roles(user) -> set[str]:
    """The role values of a user (group names that are roles)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_indgang_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        user._indgang_roles = cached
    return cached


def role_label(value: str) -> str:
    """The Danish label of a role value; other group names are shown as they are."""
    try:
        return str(Role(value).label)
    except ValueError:
        return value


def user_role_labels(user) -> list[str]:
    """A user's roles in Danish, in the order `Role` lists them."""
    mine = user_roles(user)
    return [str(role.label) for role in Role if role.value in mine]


def has_role(user, *roles: str) -> bool:
    """True when the user has any of `roles`; superusers have every role."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    return bool(user_roles(user) & set(roles))


def is_staff_member(user) -> bool:
    """Any municipal employee: a user with at least one role (or a superuser)."""
    return has_role(user, *STAFF_ROLES)


def require_perm(user, perm: str) -> None:
    """Raise `PermissionDenied` unless `user` has the Django permission `perm`."""
    if not (getattr(user, "is_active", False) and user.has_perm(perm)):
        raise PermissionDenied


def require_role(user, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


def role_required(*roles: str) -> Callable:
    """View decorator: log in first, then 403 unless the user has one of `roles`
    (no roles given: any staff role)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            user = request.user
            allowed = has_role(user, *roles) if roles else is_staff_member(user)
            if not allowed:
                # Django's 403 handler renders 403.html with this message.
                if is_staff_member(user):
                    raise DjangoDenied(_("Din rolle giver ikke adgang til denne side."))
                raise DjangoDenied(
                    _(
                        "Din bruger har endnu ingen rolle i Indgang. "
                        "Bed en administrator om at give dig en rolle."
                    )
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class IsStaffMember(BasePermission):
    """DRF: any user with a staff role (session or token)."""

    message = _("Kun kommunens medarbejdere har adgang.")

    def has_permission(self, request, view) -> bool:
        return is_staff_member(request.user)


def HasRole(*roles: str) -> type[BasePermission]:  # reads like a class
    """DRF permission class factory: `permission_classes = [HasRole(Role.MANAGER)]`."""

    class _HasRole(BasePermission):
        message = _("Din rolle giver ikke adgang til dette.")

        def has_permission(self, request, view) -> bool:
            return has_role(request.user, *roles)

    return _HasRole
