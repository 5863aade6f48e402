"""The managers' upload page for the file import (docs/contacts.md): choose
the kind, upload a CSV file, see the counts or every bad row. Thin: the
import itself is `imports.records_import`."""

from __future__ import annotations

import io
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from indgang.audit.services import audit_record

from ..imports import COLUMNS, records_import

PERM = "contacts.import_records"
PROBLEMS_SHOWN = 200

KIND_CHOICES = [
    ("calls", gettext_lazy("Opkald")),
    ("self_service", gettext_lazy("Selvbetjeningstal")),
    ("contacts", gettext_lazy("Henvendelser")),
]
KIND_HINTS = {
    "calls": gettext_lazy(
        "Ét opkald pr. række fra telefonisystemet. Tom answered_at betyder lagt på i kø "
        "(result abandoned)."
    ),
    "self_service": gettext_lazy(
        "Antal ansøgninger pr. ydelse og periode, digitalt og manuelt. Samme ydelse og periode "
        "igen med andre tal retter de gemte tal."
    ),
    "contacts": gettext_lazy(
        "Én henvendelse pr. række i en hvilken som helst kanal (fremmøde, telefon, chat, "
        "e-mail, digital post, brev, video, selvbetjening)."
    ),
}


def _max_bytes() -> int:
    return settings.CONTACTS_IMPORT_MAX_MB * 1024 * 1024


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Hvad indeholder filen?"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Vælg, hvad filen indeholder.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Fil (CSV)"),
        widget=forms.FileInput(attrs={"class": "form-input", "accept": ".csv,text/csv"}),
        error_messages={
            "required": gettext_lazy("Vælg en fil."),
            "empty": gettext_lazy("Filen er tom."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "UTF-8, kommasepareret, med overskrift i første linje. Højst %(mb)d MB; "
            "større filer indlæses med kommandoen import_records."
        ) % {"mb": settings.CONTACTS_IMPORT_MAX_MB}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > _max_bytes():
            raise forms.ValidationError(
                _("Filen er større end %(mb)d MB. Brug kommandoen import_records.")
                % {"mb": settings.CONTACTS_IMPORT_MAX_MB}
            )
        return upload


def _import_permission_required(view):
    """Log in first, then 403 unless the user may import files."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(PERM):
            raise PermissionDenied(_("Kun borgerservicechefer kan indlæse filer."))
        return view(request, *args, **kwargs)

    return wrapped


def _kinds(form: ImportForm) -> list[dict]:
    """The radio buttons with a description and the columns of each format."""
    return [
        {
            "radio": radio,
            "hint": KIND_HINTS[radio.data["value"]],
            "columns": ",".join(COLUMNS[radio.data["value"]]),
        }
        for radio in form["kind"]
    ]


@never_cache
@_import_permission_required
def import_page(request):
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            kind = form.cleaned_data["kind"]
            upload.seek(0)
            stream = io.TextIOWrapper(upload.file, encoding="utf-8-sig", newline="")
            try:
                result = records_import(kind=kind, stream=stream, source="upload")
            finally:
                stream.detach()
            if result.ok:
                audit_record(
                    actor=request.user,
                    action="contacts.import",
                    extra={
                        "kind": kind,
                        "file": upload.name[:200],
                        "via": "upload",
                        "rows": result.rows,
                        "created": result.created,
                        "existing": result.existing,
                        "updated": result.updated,
                    },
                    request=request,
                )
                form = ImportForm(initial={"kind": kind})
    else:
        form = ImportForm()
    error_links = [
        (error, f"#{form[name].auto_id}" if name == "file" else f"#{form['kind'].auto_id}_0")
        for name, errors in form.errors.items()
        for error in errors
    ]
    problems = result.problems if result is not None else []
    context = {
        "form": form,
        "kinds": _kinds(form),
        "error_links": error_links,
        "result": result,
        "problems": problems[:PROBLEMS_SHOWN],
        "problems_more": max(0, len(problems) - PROBLEMS_SHOWN),
    }
    status = 400 if error_links or (result is not None and not result.ok) else 200
    return render(request, "contacts/import.html", context, status=status)


urlpatterns = [path("indlaes/", import_page, name="import")]
