"""The charts of the citizen-service report: server-side SVG made with pygal.

The same SVG goes into the manager page and the PDF. Every chart is built with
`js=[]` (pygal would otherwise load its tooltip script from the internet) and
without the XML declaration, so it can be put straight into HTML; the
generator's comments (with their web addresses) are stripped. Each chart is
`role="img"` with a short Danish label; the numbers stand in a table next to
it, so the chart is never the only way to read them.

A builder returns None when there is nothing to draw."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pygal
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by
# hue and lightness; the tables carry the numbers for anyone who cannot.
PALETTE = (
    "#0059b3",  # blue
    "#c75000",  # orange
    "#2e7d32",  # green
    "#6a3d9a",  # purple
    "#b3261e",  # red
    "#00727a",  # teal
    "#7a5c00",  # olive
    "#545454",  # grey
)
TARGET_COLOUR = "#b3261e"

_STYLE = {
    "font_family": "Arial, Helvetica, sans-serif",
    "background": "#ffffff",
    "plot_background": "#ffffff",
    "foreground": "#1a1a1a",
    "foreground_strong": "#1a1a1a",
    "foreground_subtle": "#6b6b6b",
    "opacity": "1",
    "opacity_hover": "1",
    "transition": "0s",
    "colors": PALETTE,
    "guide_stroke_color": "#d0d0d0",
    "label_font_size": 13,
    "major_label_font_size": 13,
    "legend_font_size": 13,
    "value_font_size": 12,
    "tooltip_font_size": 12,
    "no_data_font_size": 16,
}
# Plain charts: every guide line alike. Target charts: the target is the one
# "major" guide, dashed and labelled "Mål …".
STYLE = Style(**_STYLE, major_guide_stroke_color="#d0d0d0", major_guide_stroke_dasharray="4,4")
TARGET_STYLE = Style(
    **_STYLE, major_guide_stroke_color=TARGET_COLOUR, major_guide_stroke_dasharray="8,4"
)

WIDTH = 720
HEIGHT = 340
QUARTER_LABELS = ("K1", "K2", "K3", "K4")

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# pygal writes its config as an inline script even with js=[]: no script at all.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_CHART_ID = re.compile(r'<svg [^>]*\bid="([^"]+)"')


def format_count(value) -> str:
    return "–" if value is None else number_format(value, 0, force_grouping=True)


def format_percent(value) -> str:
    return "–" if value is None else f"{number_format(value, 1, force_grouping=True)} %"


def chart_new(kind: Callable, **config) -> pygal.graph.graph.Graph:
    options = {
        "js": [],  # never fetch pygal's tooltip script
        "disable_xml_declaration": True,
        "style": STYLE,
        "width": WIDTH,
        "height": HEIGHT,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 4,
        "truncate_legend": -1,
        "truncate_label": -1,
        "value_formatter": format_count,
        "margin": 12,
        "margin_bottom": 24,
        "spacing": 12,
        "max_scale": 6,
    }
    options.update(config)
    return kind(**options)


def chart_svg(chart, label: str) -> SafeString:
    """The chart as inline SVG: comments and scripts stripped, an image with a label."""
    svg = _SCRIPT.sub("", _COMMENT.sub("", chart.render(is_unicode=True)))
    # pygal names every legend item `activate-serie-<n>` in every chart: make
    # the ids unique in a page with several charts.
    chart_id = _CHART_ID.search(svg)
    if chart_id:
        svg = svg.replace('id="activate-serie-', f'id="{chart_id.group(1)}-serie-')
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escape(label)}" focusable="false" '
        'preserveAspectRatio="xMidYMid meet" ',
        1,
    )
    return mark_safe(svg)  # noqa: S308 – pygal's own markup, labels escaped by pygal


def count_axis(largest: int | float) -> dict:
    """A count axis from 0 with about five whole-number steps of 1, 2 or 5 × 10ⁿ."""
    largest = max(math.ceil(largest or 0), 1)
    magnitude = 10 ** max(len(str(largest)) - 1, 0)
    step = next(
        (
            f * m
            for m in (magnitude // 10 or 1, magnitude)
            for f in (1, 2, 5)
            if f * m * 5 >= largest
        ),
        magnitude * 10,
    )
    top = -(-largest // step) * step
    return {"y_labels": list(range(0, top + 1, step)), "range": (0, top)}


def target_axis(target: float | None) -> dict:
    """Percentage axis 0–100 with the target drawn as a dashed, labelled guide."""
    labels: list = [0, 20, 40, 60, 80, 100]
    config: dict = {"range": (0, 100), "value_formatter": format_percent, "style": TARGET_STYLE}
    if target is not None:
        labels = [v for v in labels if abs(v - target) >= 6]
        labels.append(
            {"label": _("Mål %(target)s") % {"target": format_percent(target)}, "value": target}
        )
        config["y_labels_major"] = [target]
    config["y_labels"] = sorted(labels, key=lambda v: v["value"] if isinstance(v, dict) else v)
    config["show_minor_y_labels"] = True
    return config


# --- The charts ---------------------------------------------------------------


def channel_mix_chart(report: dict) -> SafeString | None:
    """Contacts per channel, one stacked bar per year."""
    years = report["channels"]["by_year"]
    if not years:
        return None
    labels = report["labels"]["channels"]
    largest = max(row["total"] for row in years)
    chart = chart_new(pygal.StackedBar, **count_axis(largest))
    chart.x_labels = [str(row["year"]) for row in years]
    for channel, label in labels.items():
        values = [row.get(channel, 0) for row in years]
        if any(values):
            chart.add(label, values)
    return chart_svg(chart, _("Søjlediagram: henvendelser pr. kanal pr. år"))


def expeditions_chart(report: dict) -> SafeString | None:
    """Personal expeditions per quarter of the year."""
    by_quarter = report["personal"]["expeditions"]["by_quarter"]
    if not any(by_quarter):
        return None
    chart = chart_new(pygal.Bar, show_legend=False, **count_axis(max(by_quarter)))
    chart.x_labels = QUARTER_LABELS
    chart.add(str(report["year"]), by_quarter)
    return chart_svg(chart, _("Søjlediagram: personlige ekspeditioner pr. kvartal"))


def switchboard_wait_chart(report: dict) -> SafeString | None:
    """Answered and abandoned calls on the main line by wait."""
    board = report["switchboard"]
    if not board["incoming"]:
        return None
    buckets = ("within_10s", "10_to_60s", "over_60s")
    largest = max(*board["answered_wait"].values(), *board["abandoned_wait"].values())
    chart = chart_new(pygal.Bar, **count_axis(largest))
    chart.x_labels = [str(label) for label in wait_labels().values()]
    chart.add(_("Besvaret"), [board["answered_wait"][b] for b in buckets])
    chart.add(_("Lagt på"), [board["abandoned_wait"][b] for b in buckets])
    return chart_svg(chart, _("Søjlediagram: besvarede og opgivne opkald efter ventetid"))


def first_contact_resolution_chart(report: dict) -> SafeString | None:
    """First-contact resolution per quarter against the target line."""
    by_quarter = report["contact_centre"]["first_contact_resolution_pct"]["by_quarter"]
    if all(v is None for v in by_quarter):
        return None
    target = report["targets"].get("first_contact_resolution_pct")
    chart = chart_new(pygal.Bar, show_legend=False, **target_axis(target))
    chart.x_labels = QUARTER_LABELS
    chart.add(_("Straksafklaring"), by_quarter)
    return chart_svg(chart, _("Søjlediagram: straksafklaring pr. kvartal mod målet"))


def digitisation_chart(report: dict) -> SafeString | None:
    """Digitisation per self-service against the target line."""
    services = report["self_service"]
    rows = [(slug, s) for slug, s in services.items() if s["digitisation_pct"] is not None]
    if not rows:
        return None
    names = report["labels"]["services"]
    target = report["targets"].get("digitisation_pct")
    height = max(HEIGHT, 90 + 44 * len(rows))
    chart = chart_new(
        pygal.HorizontalBar,
        show_legend=False,
        height=height,
        **target_axis(target),
    )
    rows.reverse()  # pygal draws the first bar at the bottom
    chart.x_labels = [
        names.get(slug, slug) + (" *" if s.get("mandatory") else "") for slug, s in rows
    ]
    chart.add(_("Digitaliseringsgrad"), [s["digitisation_pct"] for _slug, s in rows])
    return chart_svg(
        chart, _("Søjlediagram: digitaliseringsgrad pr. selvbetjeningsløsning mod målet")
    )


def subject_area_chart(report: dict) -> SafeString | None:
    """All contacts of the period by subject area, largest first."""
    counts = report["by_subject_area"]
    if not counts:
        return None
    names = report["labels"]["subject_areas"]
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[::-1]
    chart = chart_new(
        pygal.HorizontalBar,
        show_legend=False,
        height=max(HEIGHT, 80 + 34 * len(rows)),
        **count_axis(max(counts.values())),
    )
    chart.x_labels = [names.get(slug, slug) for slug, _n in rows]
    chart.add(_("Henvendelser"), [n for _slug, n in rows])
    return chart_svg(chart, _("Søjlediagram: henvendelser pr. fagområde"))


def phone_subject_area_chart(report: dict) -> SafeString | None:
    """Calls on the main line by subject area: calls and resolved at once."""
    areas = report["phone_by_subject_area"]
    if not areas:
        return None
    names = report["labels"]["subject_areas"]
    rows = sorted(areas.items(), key=lambda item: (-item[1]["calls"], item[0]))[::-1]
    chart = chart_new(
        pygal.HorizontalBar,
        height=max(HEIGHT, 100 + 48 * len(rows)),
        **count_axis(max(v["calls"] for v in areas.values())),
    )
    chart.x_labels = [names.get(slug, slug) for slug, _v in rows]
    chart.add(_("Opkald"), [v["calls"] for _slug, v in rows])
    chart.add(_("Løst ved første kontakt"), [v["resolved"] for _slug, v in rows])
    return chart_svg(chart, _("Søjlediagram: opkald pr. fagområde"))


def wait_labels() -> dict[str, str]:
    return {
        "within_10s": _("Højst 10 sek."),
        "10_to_60s": _("10–60 sek."),
        "over_60s": _("Over 60 sek."),
    }


def report_charts(report: dict) -> dict[str, SafeString | None]:
    """Every chart of the report by name (None: nothing to draw)."""
    return {
        "channel_mix": channel_mix_chart(report),
        "expeditions": expeditions_chart(report),
        "switchboard_wait": switchboard_wait_chart(report),
        "first_contact_resolution": first_contact_resolution_chart(report),
        "digitisation": digitisation_chart(report),
        "subject_areas": subject_area_chart(report),
        "phone_subject_areas": phone_subject_area_chart(report),
    }
