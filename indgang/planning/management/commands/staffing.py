"""python manage.py staffing --calls-per-hour 200 --aht-seconds 150 --answer-within 20
[--agents 10] [--patience-seconds 120] [--shrinkage 0.3] [--target-service-level 0.8]
[--max-abandoned-after 0.08] [--format json|text]

Prints the staffing answer of `indgang.planning.erlang.staffing()`: one JSON
object (floats unrounded), or a short Danish table with `--format text`.
See docs/planning.md.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

FORMATS = ("json", "text")

# staffing() keyword → the command's option, for error messages.
OPTIONS = {
    "calls_per_hour": "--calls-per-hour",
    "aht_seconds": "--aht-seconds",
    "answer_within_seconds": "--answer-within",
    "agents": "--agents",
    "patience_seconds": "--patience-seconds",
    "shrinkage": "--shrinkage",
    "target_service_level": "--target-service-level",
    "max_abandoned_after": "--max-abandoned-after",
}

# Row labels of the text format, in the order of the JSON contract.
LABELS = {
    "model": "Model",
    "traffic_erlangs": "Trafik (erlang)",
    "stable": "Stabil kø",
    "agents": "Medarbejdere",
    "p_wait": "Sandsynlighed for ventetid",
    "service_level": "Serviceniveau",
    "asa_seconds": "Gns. ventetid (sek.)",
    "occupancy": "Belægning",
    "p_abandon": "Lagt på",
    "abandoned_after_t": "Lagt på efter svartiden",
    "required_agents": "Nødvendige medarbejdere",
    "required_agents_with_shrinkage": "Nødvendige med spildtid",
}
_PERCENT = {"p_wait", "service_level", "occupancy", "p_abandon", "abandoned_after_t"}
_MODELS = {"erlang_c": "Erlang C", "erlang_a": "Erlang A"}


def staffing_text(result: dict) -> str:
    """A short Danish table of a staffing() result (rounded for reading)."""
    rows = []
    for key, label in LABELS.items():
        value = result.get(key)
        if value is None:
            shown = "–"
        elif key == "model":
            shown = _MODELS.get(value, value)
        elif key == "stable":
            shown = "ja" if value else "nej"
        elif key in _PERCENT:
            shown = f"{value * 100:.1f} %".replace(".", ",")
        elif isinstance(value, float):
            shown = f"{value:.2f}".replace(".", ",")
        else:
            shown = str(value)
        rows.append((label, shown))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label.ljust(width)}  {shown}" for label, shown in rows)


class Command(BaseCommand):
    help = (
        "Bemanding efter Erlang C (eller Erlang A med --patience-seconds): serviceniveau, "
        "ventetid og nødvendige medarbejdere. Ét JSON-objekt på standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--calls-per-hour", type=float, required=True, help="Opkald pr. time, fx 200."
        )
        parser.add_argument(
            "--aht-seconds",
            type=float,
            required=True,
            help="Gennemsnitlig behandlingstid (AHT) i sekunder, fx 150.",
        )
        parser.add_argument(
            "--answer-within",
            type=float,
            required=True,
            help="Svartiden for servicemålet i sekunder, fx 20.",
        )
        parser.add_argument(
            "--agents",
            type=int,
            help="Regn på dette antal medarbejdere; ellers på det nødvendige antal.",
        )
        parser.add_argument(
            "--patience-seconds",
            type=float,
            help="Borgernes gennemsnitlige tålmodighed i sekunder; giver Erlang A.",
        )
        parser.add_argument(
            "--shrinkage",
            type=float,
            default=0.0,
            help="Spildtid (shrinkage) som andel, 0 til under 1, fx 0.3.",
        )
        parser.add_argument(
            "--target-service-level",
            type=float,
            default=0.8,
            help="Servicemålet som andel besvaret inden svartiden. Standard: 0.8.",
        )
        parser.add_argument(
            "--max-abandoned-after",
            type=float,
            default=0.08,
            help="Erlang A: højst denne andel må lægge på efter svartiden. Standard: 0.08.",
        )
        parser.add_argument("--format", choices=FORMATS, default="json", help="Standard: json.")

    def handle(self, *args, format="json", **options):
        from indgang.planning.erlang import StaffingInputError, staffing

        try:
            result = staffing(
                calls_per_hour=options["calls_per_hour"],
                aht_seconds=options["aht_seconds"],
                answer_within_seconds=options["answer_within"],
                agents=options.get("agents"),
                patience_seconds=options.get("patience_seconds"),
                shrinkage=options["shrinkage"],
                target_service_level=options["target_service_level"],
                max_abandoned_after=options["max_abandoned_after"],
            )
        except StaffingInputError as error:
            lines = [f"{OPTIONS.get(name, name)}: {text}" for name, text in error.errors.items()]
            raise CommandError("Ugyldige tal:\n" + "\n".join(lines)) from error
        if format == "text":
            self.stdout.write(staffing_text(result))
        else:
            self.stdout.write(json.dumps(result))
