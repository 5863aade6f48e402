"""HTML input for the knowledge pages, with Danish messages. Forms never save:
views pass `cleaned_data` to a service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Department, Service

from .models import ArticleStatus, Audience, SynonymGroup


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søg"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-input", "type": "search"}),
    )


class StaffFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søg i artikler"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-input", "type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *ArticleStatus.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    audience = forms.ChoiceField(
        label=_("Målgruppe"),
        required=False,
        choices=[("", _("Alle")), *Audience.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    owner = forms.ModelChoiceField(
        label=_("Ansvarlig afdeling"),
        required=False,
        queryset=Department.objects.order_by("name"),
        empty_label=_("Alle"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class ArticleForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-input"}),
        error_messages={"required": _("Skriv en titel.")},
    )
    summary = forms.CharField(
        label=_("Resumé"),
        required=False,
        max_length=600,
        help_text=_("En eller to sætninger, som vises i søgeresultatet."),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
    )
    body = forms.CharField(
        label=_("Tekst"),
        required=False,
        help_text=_(
            "Markdown: # Overskrift, **fed**, *kursiv*, - punkter, 1. nummererede punkter, "
            "[linktekst](https://…), tabeller med | lodrette streger |."
        ),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 14}),
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Ydelser"),
        required=False,
        queryset=Service.objects.active().order_by("name"),
        help_text=_("Offentlige artikler slutter med ydelsens kanaler."),
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.ChoiceField(
        label=_("Målgruppe"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvem artiklen er til.")},
    )
    owner = forms.ModelChoiceField(
        label=_("Ansvarlig afdeling"),
        required=False,
        queryset=Department.objects.order_by("name"),
        empty_label=_("Ingen"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    review_by = forms.DateField(
        label=_("Gennemses senest"),
        required=False,
        help_text=_("Dato som åååå-mm-dd. Udgivne artikler får ellers en dato et år frem."),
        widget=forms.DateInput(attrs={"class": "form-input", "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ArticleStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg en status.")},
    )


class ReviewDoneForm(forms.Form):
    review_by = forms.DateField(
        label=_("Næste gennemsyn"),
        required=False,
        help_text=_("Tom: om et år."),
        widget=forms.DateInput(attrs={"class": "form-input", "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
    )


class SynonymGroupForm(forms.ModelForm):
    class Meta:
        model = SynonymGroup
        fields = ["terms"]
        labels = {"terms": _("Ord, der betyder det samme")}
        widgets = {"terms": forms.Textarea(attrs={"class": "form-input", "rows": 4})}
        error_messages = {"terms": {"required": _("Skriv mindst to ord.")}}

    def clean_terms(self):
        terms = self.cleaned_data["terms"]
        if len(set(SynonymGroup(terms=terms).term_list())) < 2:
            raise forms.ValidationError(_("En synonymgruppe skal have mindst to forskellige ord."))
        return terms
