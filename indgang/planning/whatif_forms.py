"""HTML input of the what-if scenario page, with Danish messages. Never saves.

Each form's `clean()` builds the simulation scenario (`form.scenario`), so a
scenario the model refuses lands on the form too. Shares are typed in percent."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import number_field, number_input
from .simulation import ContactCentreScenario, FrontDeskScenario, ScenarioError

# Calls (or citizens) × days a run may simulate: keeps one run to about a minute.
MAX_SIMULATED_ARRIVALS = 1_000_000
MAX_REPLICATIONS = 200


def _whole(label, *, initial, min_value, max_value, help_text="") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        initial=initial,
        min_value=min_value,
        max_value=max_value,
        error_messages={
            "required": _("Angiv en værdi."),
            "invalid": _("Skriv et helt tal, fx 10."),
            "min_value": _("Skriv mindst %(limit_value)s."),
            "max_value": _("Skriv højst %(limit_value)s."),
        },
        widget=number_input(),
    )


def _replications() -> forms.IntegerField:
    return _whole(
        _("Antal simulerede dage"),
        initial=20,
        min_value=2,
        max_value=MAX_REPLICATIONS,
        help_text=_("Flere dage giver smallere usikkerhedsintervaller, men tager længere tid."),
    )


class _ScenarioForm(forms.Form):
    """Range checks per field, then `scenario` built in clean()."""

    ranges: dict = {}  # field → (lowest, highest, message)
    percent_fields: tuple = ()

    def clean(self):
        data = super().clean()
        for name, (low, high) in self.ranges.items():
            value = data.get(name)
            if value is not None and not low <= value <= high:
                self.add_error(
                    name,
                    _("Skriv et tal mellem %(low)s og %(high)s.") % {"low": low, "high": high},
                )
        for name in self.percent_fields:
            value = data.get(name)
            if value is not None and not 0 <= value <= 100:
                self.add_error(name, _("Skriv en procent mellem 0 og 100."))
        if self.errors:
            return data
        self.check(data)
        if self.errors:
            return data
        if self.arrivals(data) * data["replications"] > MAX_SIMULATED_ARRIVALS:
            raise forms.ValidationError(
                _(
                    "Scenariet er for stort til at simulere: sæt antallet af dage, "
                    "timer eller ankomster pr. time ned."
                )
            )
        try:
            self.scenario = self.build(data)
        except ScenarioError:  # the checks above should have caught it
            self.add_error(None, _("Scenariet kan ikke simuleres; se tallene igennem."))
        return data

    def check(self, data) -> None:
        """Checks across fields, before the scenario is built."""

    @staticmethod
    def share(data, name) -> float:
        return (data.get(name) or 0.0) / 100.0


class ContactCentreForm(_ScenarioForm):
    prefix = "cc"
    calls_per_hour = number_field(_("Opkald pr. time"), initial=200)
    aht_seconds = number_field(
        _("Behandlingstid (AHT), sekunder"),
        help_text=_("Samtale plus efterbehandling i gennemsnit."),
        initial=150,
    )
    handling = forms.ChoiceField(
        label=_("Fordeling af behandlingstiderne"),
        choices=[
            ("lognormal", _("Lognormal (som målte samtaler)")),
            ("exponential", _("Eksponentiel (som Erlang antager)")),
        ],
        initial="lognormal",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    handling_cv = number_field(
        _("Variation i behandlingstid (variationskoefficient)"),
        help_text=_("Standardafvigelse delt med gennemsnit; 1 er meget, 0,5 er moderat."),
        initial=1,
    )
    agents = _whole(_("Medarbejdere i telefonen"), initial=12, min_value=1, max_value=500)
    answer_within_seconds = number_field(_("Svartid for servicemålet, sekunder"), initial=20)
    patience_seconds = number_field(
        _("Borgernes tålmodighed, sekunder"),
        help_text=_("Gennemsnitlig tid før en borger lægger på. Tom: ingen lægger på."),
        required=False,
        initial=120,
    )
    transfer_pct = number_field(_("Stilles videre (% af besvarede)"), required=False, initial=0)
    transfer_return_pct = number_field(
        _("Kommer tilbage ubesvaret (% af de viderestillede)"), required=False, initial=0
    )
    callback_pct = number_field(
        _("Beder om at blive ringet op (% af dem der lægger på)"), required=False, initial=0
    )
    hours = number_field(_("Åbningstid, timer"), initial=8)
    replications = _replications()

    ranges = {
        "calls_per_hour": (1, 2000),
        "aht_seconds": (1, 7200),
        "handling_cv": (0, 5),
        "answer_within_seconds": (0, 3600),
        "patience_seconds": (1, 86400),
        "hours": (0.5, 24),
    }
    percent_fields = ("transfer_pct", "transfer_return_pct", "callback_pct")

    @staticmethod
    def arrivals(data) -> float:
        return data["calls_per_hour"] * data["hours"]

    def build(self, data) -> ContactCentreScenario:
        return ContactCentreScenario(
            agents=data["agents"],
            calls_per_hour=data["calls_per_hour"],
            aht_seconds=data["aht_seconds"],
            answer_within_seconds=data["answer_within_seconds"],
            patience_seconds=data.get("patience_seconds"),
            handling=data["handling"],
            handling_cv=data["handling_cv"],
            hours=data["hours"],
            transfer_share=self.share(data, "transfer_pct"),
            transfer_return_share=self.share(data, "transfer_return_pct"),
            callback_share=self.share(data, "callback_pct"),
        )


class FrontDeskForm(_ScenarioForm):
    prefix = "fd"
    desks = _whole(_("Åbne skranker"), initial=4, min_value=1, max_value=100)
    hours = number_field(_("Åbningstid, timer"), initial=7)
    bookings_per_hour = _whole(
        _("Bookede tider pr. time"),
        help_text=_("Fordelt jævnt over timen, alle skranker tilsammen."),
        initial=8,
        min_value=0,
        max_value=500,
    )
    booking_minutes = number_field(_("Minutter pr. booket borger"), initial=15)
    no_show_pct = number_field(_("Udeblivelser (% af bookingerne)"), initial=10)
    walk_ins_per_hour = number_field(_("Borgere uden tid pr. time"), initial=8)
    walk_in_minutes = number_field(_("Minutter pr. borger uden tid"), initial=10)
    handling_cv = number_field(
        _("Variation i behandlingstid (variationskoefficient)"),
        help_text=_("Standardafvigelse delt med gennemsnit; 1 er meget, 0,5 er moderat."),
        initial=0.5,
    )
    wait_target_minutes = number_field(_("Mål for ventetid, minutter"), initial=15)
    replications = _replications()

    ranges = {
        "hours": (0.5, 24),
        "booking_minutes": (1, 480),
        "walk_ins_per_hour": (0, 1000),
        "walk_in_minutes": (1, 480),
        "handling_cv": (0, 5),
        "wait_target_minutes": (0, 480),
    }
    percent_fields = ("no_show_pct",)

    @staticmethod
    def arrivals(data) -> float:
        return (data["bookings_per_hour"] + data["walk_ins_per_hour"]) * data["hours"]

    def check(self, data) -> None:
        if not data["bookings_per_hour"] and not data["walk_ins_per_hour"]:
            self.add_error(None, _("Angiv bookede tider, borgere uden tid eller begge dele."))

    def build(self, data) -> FrontDeskScenario:
        return FrontDeskScenario(
            desks=data["desks"],
            hours=data["hours"],
            bookings_per_hour=data["bookings_per_hour"],
            booking_minutes=data["booking_minutes"],
            no_show_share=self.share(data, "no_show_pct"),
            walk_ins_per_hour=data["walk_ins_per_hour"],
            walk_in_minutes=data["walk_in_minutes"],
            handling_cv=data["handling_cv"],
            wait_target_minutes=data["wait_target_minutes"],
        )
