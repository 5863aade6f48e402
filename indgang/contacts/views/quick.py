"""Quick registration (/personale/henvendelser/): staff in every channel
register a contact with one click per subject area and outcome, and undo
their last one within 30 minutes.

The chosen channel (and for personal attendance the point and location) is
remembered in the session. Works without JavaScript (POST, then redirect to
the page, which shows the confirmation); with htmx a click swaps only the
status region (aria-live) and the user's counts for today.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from indgang.catalogue.models import Channel, Outcome
from indgang.core.errors import DomainError
from indgang.core.permissions import Role, role_required

from .. import selectors, services
from ..models import Contact, Point

ROLES = (Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.BACK_OFFICE, Role.MANAGER)
CHOICE_KEY = "contacts_quick_choice"
NOTICE_KEY = "contacts_quick_notice"
PERSONAL_POINTS = (Point.INFORMATION, Point.CASH, Point.CO_SERVICE, Point.DESK)
OUTCOMES = (
    Outcome.RESOLVED,
    Outcome.TRANSFERRED,
    Outcome.CALLBACK,
    Outcome.REFERRED_SELF_SERVICE,
    Outcome.FUTILE,
)


def outcomes_for(channel: str) -> list[Outcome]:
    """The outcome buttons of a channel: co-served only at personal attendance."""
    if channel == Channel.PERSONAL:
        return [*OUTCOMES, Outcome.CO_SERVED]
    return list(OUTCOMES)


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Kanal"),
        choices=[("", gettext_lazy("Vælg kanal")), *Channel.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": gettext_lazy("Vælg den kanal, du registrerer i.")},
    )
    point = forms.ChoiceField(
        label=gettext_lazy("Sted"),
        required=False,
        choices=[("", gettext_lazy("Vælg sted")), *((p.value, p.label) for p in PERSONAL_POINTS)],
        help_text=gettext_lazy("Kun ved personligt fremmøde."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    location = forms.ModelChoiceField(
        label=gettext_lazy("Lokation"),
        required=False,
        queryset=selectors.quick_locations(),
        empty_label=gettext_lazy("Vælg lokation"),
        help_text=gettext_lazy("Kun ved personligt fremmøde."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.PERSONAL:
            if not data.get("point"):
                self.add_error("point", _("Vælg stedet, hvor du betjener borgerne."))
            if data.get("location") is None and self.fields["location"].queryset.exists():
                self.add_error("location", _("Vælg lokationen, hvor du betjener borgerne."))
        else:
            data["point"] = ""
            data["location"] = None
        return data

    def as_session(self) -> dict:
        data = self.cleaned_data
        location = data["location"]
        return {
            "channel": data["channel"],
            "point": data["point"],
            "location": location.pk if location else "",
        }


def _label(channel: str, point: str) -> str:
    label = str(Channel(channel).label)
    if point:
        label = f"{label} ({Point(point).label})"
    return label


def contact_describe(*, channel: str, point: str, subject_area, outcome: str) -> str:
    """“Pas – Afklaret med det samme, Telefon”."""
    area = subject_area.display_name if subject_area else _("Uden fagområde")
    outcome_label = Outcome(outcome).label if outcome else _("uden udfald")
    return f"{area} – {outcome_label}, {_label(channel, point)}"


def _current(request) -> ChannelForm | None:
    """The remembered choice, when it is still valid (a location may have closed)."""
    stored = request.session.get(CHOICE_KEY)
    if not stored:
        return None
    form = ChannelForm(data=stored)
    return form if form.is_valid() else None


def _error_links(form: ChannelForm) -> list[tuple[str, str]]:
    return [
        (error, f"#{form[name].auto_id}")
        for name, errors in form.errors.items()
        if name in form.fields
        for error in errors
    ]


def _page(request, *, form: ChannelForm | None = None, status: int = 200):
    current = _current(request)
    if form is None:
        form = ChannelForm(initial=current.cleaned_data if current else None)
    context = {
        "form": form,
        "error_links": _error_links(form) if form.is_bound else [],
        "current": current.cleaned_data if current else None,
        "current_label": (
            _label(current.cleaned_data["channel"], current.cleaned_data["point"])
            if current
            else ""
        ),
        "subject_areas": list(selectors.quick_subject_areas()) if current else [],
        "outcomes": (
            [(o.value, o.label) for o in outcomes_for(current.cleaned_data["channel"])]
            if current
            else []
        ),
        "notice": request.session.pop(NOTICE_KEY, None),
        "counts": selectors.staff_counts_today(user=request.user),
    }
    return render(request, "contacts/quick.html", context, status=status)


def _answer(request, notice: dict):
    """htmx: the status region and the counts; otherwise back to the page."""
    if request.htmx:
        context = {"notice": notice, "counts": selectors.staff_counts_today(user=request.user)}
        return render(request, "contacts/_quick_status.html", context)
    request.session[NOTICE_KEY] = notice
    return redirect(reverse("contacts:quick"))


def _success(text: str) -> dict:
    return {"level": "success", "text": text}


def _error(text: str) -> dict:
    return {"level": "error", "text": text}


def _register(request):
    form = ChannelForm(request.POST)
    if not form.is_valid():
        return _answer(request, _error(_("Vælg kanal igen, og registrér derefter.")))
    request.session[CHOICE_KEY] = form.as_session()
    channel, point = form.cleaned_data["channel"], form.cleaned_data["point"]
    area_pk, _sep, outcome = request.POST.get("register", "").partition(":")
    subject_area = (
        selectors.quick_subject_areas().filter(pk=area_pk).first() if area_pk.isdigit() else None
    )
    if subject_area is None or outcome not in outcomes_for(channel):
        return _answer(request, _error(_("Vælg et fagområde og et udfald.")))
    try:
        services.contact_register(
            by=request.user,
            channel=channel,
            point=point,
            location=form.cleaned_data["location"],
            subject_area=subject_area,
            outcome=outcome,
        )
    except DomainError as exc:
        return _answer(request, _error(str(exc.message)))
    text = contact_describe(
        channel=channel, point=point, subject_area=subject_area, outcome=outcome
    )
    return _answer(request, _success(_("Registreret: %(contact)s") % {"contact": text}))


@require_http_methods(["GET", "POST"])
@role_required(*ROLES)
def quick(request):
    if request.method == "GET":
        return _page(request)
    if "register" in request.POST:
        return _register(request)
    form = ChannelForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    request.session[CHOICE_KEY] = form.as_session()
    return redirect(reverse("contacts:quick"))


@require_POST
@role_required(*ROLES)
def undo(request):
    try:
        contact: Contact | None = services.contact_undo_last(by=request.user)
    except DomainError as exc:
        return _answer(request, _error(str(exc.message)))
    if contact is None:
        return _answer(
            request,
            {
                "level": "info",
                "text": _(
                    "Der er intet at fortryde: du kan fortryde din seneste registrering "
                    "i op til %(minutes)d minutter."
                )
                % {"minutes": int(services.UNDO_WINDOW.total_seconds() // 60)},
            },
        )
    text = contact_describe(
        channel=contact.channel,
        point=contact.point,
        subject_area=contact.subject_area,
        outcome=contact.outcome,
    )
    return _answer(request, _success(_("Fortrudt: %(contact)s") % {"contact": text}))


urlpatterns = [
    path("", quick, name="quick"),
    path("fortryd/", undo, name="undo"),
]
