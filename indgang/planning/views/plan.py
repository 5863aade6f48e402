"""The staffing plan for a week: agents per half hour for phone and chat,
desks per hour at each location, and the same as a spreadsheet."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indgang.core import clock
from indgang.core.permissions import role_required

from ..erlang import StaffingInputError, staffing
from ..forms import number_field
from ..plan import PlanParams, week_plan, week_plan_chart, week_plan_xlsx
from .hub import MANAGER_ROLES, error_links

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WEEKS_BACK = 4
WEEKS_AHEAD = 12
DEFAULTS = PlanParams()


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_value(monday: date) -> str:
    iso = monday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def week_choices(today: date) -> list[tuple[str, str]]:
    this = _monday(today)
    choices = []
    for n in range(-WEEKS_BACK, WEEKS_AHEAD + 1):
        monday = this + timedelta(weeks=n)
        sunday = monday + timedelta(days=6)
        label = _("Uge %(week)s: %(first)s – %(last)s") % {
            "week": monday.isocalendar().week,
            "first": date_format(monday, "j/n"),
            "last": date_format(sunday, "j/n Y"),
        }
        choices.append((week_value(monday), label))
    return choices


class PlanForm(forms.Form):
    """The week and the targets of the plan (GET); every field has a default."""

    uge = forms.ChoiceField(
        label=gettext_lazy("Uge"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": gettext_lazy("Vælg en uge fra listen.")},
    )
    target_service_level = number_field(
        gettext_lazy("Servicemål (andel besvaret inden svartiden)"),
        required=False,
        initial=DEFAULTS.target_service_level,
    )
    answer_within_seconds = number_field(
        gettext_lazy("Svartid i telefonen, sekunder"),
        required=False,
        initial=DEFAULTS.answer_within_seconds,
    )
    max_abandoned_after = number_field(
        gettext_lazy("Højst andel der lægger på efter svartiden"),
        required=False,
        initial=DEFAULTS.max_abandoned_after,
    )
    shrinkage = number_field(
        gettext_lazy("Spildtid (andel af arbejdstiden væk fra telefon og chat)"),
        required=False,
        initial=DEFAULTS.shrinkage,
    )
    wrap_up_seconds = number_field(
        gettext_lazy("Efterbehandling pr. opkald, sekunder"),
        help_text=gettext_lazy("Lægges til den målte samtaletid."),
        required=False,
        initial=DEFAULTS.wrap_up_seconds,
    )
    walk_in_wait_minutes = number_field(
        gettext_lazy("Ventetid ved skranken for borgere uden tid, minutter"),
        required=False,
        initial=DEFAULTS.walk_in_wait_minutes,
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        choices = week_choices(today)
        self.fields["uge"].choices = choices
        self.default_week = week_value(_monday(today) + timedelta(weeks=1))
        self.fields["uge"].initial = self.default_week

    def clean_wrap_up_seconds(self):
        value = self.cleaned_data.get("wrap_up_seconds")
        if value is not None and not 0 <= value <= 3600:
            raise forms.ValidationError(
                _("Efterbehandlingen skal være mellem 0 og 3.600 sekunder.")
            )
        return value

    def clean_walk_in_wait_minutes(self):
        value = self.cleaned_data.get("walk_in_wait_minutes")
        if value is not None and not 0 < value <= 240:
            raise forms.ValidationError(_("Ventetiden skal være over 0 og højst 240 minutter."))
        return value

    def clean(self):
        data = super().clean()
        keys = ("target_service_level", "answer_within_seconds", "max_abandoned_after", "shrinkage")
        if any(k in self.errors for k in keys):
            return data
        # The maths checks its own ranges; its messages land on our fields.
        try:
            staffing(
                calls_per_hour=1,
                aht_seconds=60,
                **{k: data[k] if data.get(k) is not None else getattr(DEFAULTS, k) for k in keys},
            )
        except StaffingInputError as error:
            for key, message in error.errors.items():
                self.add_error(key if key in self.fields else None, message)
        return data

    def monday(self) -> date:
        value = (self.cleaned_data.get("uge") if self.is_bound else None) or self.default_week
        year, week = value.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)

    def params(self) -> PlanParams:
        data = self.cleaned_data if self.is_bound else {}
        given = {
            name: data[name] for name in self.fields if name != "uge" and data.get(name) is not None
        }
        return PlanParams(**given)


def duration_text(seconds: float) -> str:
    """Seconds in words: 222.4 → "3 min. 42 sek."; 3720 → "1 t. 2 min."."""
    seconds = round(seconds)
    if seconds >= 3600:
        hours, rest = divmod(seconds, 3600)
        return _("%(hours)s t. %(minutes)s min.") % {"hours": hours, "minutes": round(rest / 60)}
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return _("%(seconds)s sek.") % {"seconds": rest}
    if not rest:
        return _("%(minutes)s min.") % {"minutes": minutes}
    return _("%(minutes)s min. %(seconds)s sek.") % {"minutes": minutes, "seconds": rest}


def measured_sentences(plan: dict) -> list[str]:
    """The measured handling times and patience of the plan, in words."""
    m = plan["measured"]
    phone, chat = m["phone"], m["chat"]
    period = {
        "first": date_format(m["first"], "j. F Y"),
        "last": date_format(m["last"], "j. F Y"),
    }
    n = lambda value: number_format(value, 0, force_grouping=True)  # noqa: E731
    sentences = []
    if phone["aht_measured"]:
        sentences.append(
            _(
                "Telefon: en samtale varer i gennemsnit %(talk)s, og med %(wrap)s "
                "efterbehandling regner planen med en behandlingstid på %(aht)s (målt på "
                "%(answered)s besvarede opkald på hovednummeret %(first)s – %(last)s)."
            )
            % {
                "talk": duration_text(phone["talk_seconds"]),
                "wrap": duration_text(phone["wrap_up_seconds"]),
                "aht": duration_text(phone["aht_seconds"]),
                "answered": n(phone["answered"]),
                **period,
            }
        )
    else:
        sentences.append(
            _(
                "Telefon: ingen besvarede opkald %(first)s – %(last)s, så planen regner med "
                "en behandlingstid på %(aht)s (standardværdi plus efterbehandling)."
            )
            % {"aht": duration_text(phone["aht_seconds"]), **period}
        )
    if phone["patience_seconds"]:
        sentences.append(
            _(
                "Borgerne venter i gennemsnit %(patience)s, før de lægger på: alle opkald "
                "ventede tilsammen %(total)s, og %(abandoned)s af %(calls)s opkald blev lagt på "
                "i køen. Tålmodigheden er den samlede ventetid delt med antallet, der lagde på, "
                "fordi de besvarede opkald også viser, at borgerne ventede mindst så længe. "
                "Planen regner med Erlang A."
            )
            % {
                "patience": duration_text(phone["patience_seconds"]),
                "abandoned": n(phone["abandoned"]),
                "calls": n(phone["calls"]),
                "total": duration_text(phone["wait_seconds_total"]),
            }
        )
    else:
        sentences.append(
            _(
                "Ingen lagde på i køen i perioden, så tålmodigheden kan ikke måles: planen "
                "regner med Erlang C (ingen lægger på)."
            )
        )
    if chat["aht_measured"]:
        sentences.append(
            _(
                "Chat: en chat varer i gennemsnit %(aht)s (målt på %(n)s chats). Tålmodigheden "
                "i chatten sættes til %(patience)s, da opgivne chats ikke registreres."
            )
            % {
                "aht": duration_text(chat["aht_seconds"]),
                "n": n(chat["contacts"]),
                "patience": duration_text(plan["params"]["chat_patience_seconds"]),
            }
        )
    else:
        sentences.append(
            _("Chat: ingen chats i perioden, så planen regner med %(aht)s pr. chat.")
            % {"aht": duration_text(chat["aht_seconds"])}
        )
    names = {loc["id"]: loc["name"] for loc in plan["locations"]}
    for loc_id, desk in m["desk"].items():
        if desk["aht_measured"]:
            if desk["scope"] == "all":
                text = _(
                    "%(location)s: en betjening ved skranken varer i gennemsnit %(aht)s (målt "
                    "på %(n)s betjeninger på alle lokationer)."
                )
            else:
                text = _(
                    "%(location)s: en betjening ved skranken varer i gennemsnit %(aht)s (målt "
                    "på %(n)s betjeninger)."
                )
        else:
            text = _(
                "%(location)s: ingen betjeninger ved skranken i perioden, så planen regner "
                "med %(aht)s pr. betjening."
            )
        sentences.append(
            text
            % {
                "location": names[loc_id],
                "aht": duration_text(desk["aht_seconds"]),
                "n": n(desk["contacts"]),
            }
        )
    return sentences


def _form(request) -> PlanForm:
    return PlanForm(request.GET or None, today=clock.today())


@role_required(*MANAGER_ROLES)
def plan_view(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "error_links": error_links(form), "plan": None}
        return render(request, "planning/plan.html", context, status=400)
    monday = form.monday()
    plan = week_plan(monday, params=form.params())
    query = request.GET.copy()
    query["uge"] = week_value(monday)
    context = {
        "form": form,
        "error_links": [],
        "plan": plan,
        "chart": week_plan_chart(plan),
        "xlsx_url": f"{reverse('planning:plan_xlsx')}?{urlencode(sorted(query.items()))}",
        "xlsx_name": f"bemandingsplan-{plan['week']}.xlsx",
        "measured": measured_sentences(plan),
    }
    weeks = {value for value, _label in form.fields["uge"].choices}
    for key, step in (("previous_week", -1), ("next_week", 1)):
        value = week_value(monday + timedelta(weeks=step))
        if value in weeks:
            query["uge"] = value
            context[key] = f"?{urlencode(sorted(query.items()))}"
    return render(request, "planning/plan.html", context)


@role_required(*MANAGER_ROLES)
def plan_xlsx_view(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "error_links": error_links(form), "plan": None}
        return render(request, "planning/plan.html", context, status=400)
    plan = week_plan(form.monday(), params=form.params())
    response = HttpResponse(week_plan_xlsx(plan), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="bemandingsplan-{plan["week"]}.xlsx"'
    return response
