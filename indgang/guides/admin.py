"""Danish admin for life-situation guides. Staff write a guide with its
questions and steps on one page; a question's answer options are edited on
the question's own page (Django has no nested inlines: "Ret" on the question
row leads there). Conditions (`show_if`) are checked before saving, and every
save records a numbered version of the whole guide (GuideVersion, read-only).
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indgang.core.admin import ReadOnlyAdmin

from .conditions import condition_errors
from .models import Choice, Guide, GuideVersion, Question, QuestionKind, Step
from .services import guide_version_save

QUESTIONS_PREFIX = "questions"  # the inline formset's prefix (Question.guide related_name)


def _posted_question_keys(data, guide: Guide | None) -> set[str]:
    """The guide's question keys as they will be after this save: from the
    posted question rows when the guide page posts them, else the database."""
    if data is not None and f"{QUESTIONS_PREFIX}-TOTAL_FORMS" in data:
        try:
            total = int(data[f"{QUESTIONS_PREFIX}-TOTAL_FORMS"])
        except (TypeError, ValueError):
            total = 0
        keys = set()
        for i in range(total):
            key = (data.get(f"{QUESTIONS_PREFIX}-{i}-key") or "").strip()
            if key and not data.get(f"{QUESTIONS_PREFIX}-{i}-DELETE"):
                keys.add(key)
        return keys
    if guide is None or guide.pk is None:
        return set()
    return set(guide.questions.values_list("key", flat=True))


def _show_if_errors(show_if, *, keys: set[str]) -> list[str]:
    return condition_errors(show_if, keys=keys)


class _GuideChildForm(forms.ModelForm):
    """A question or step on the guide page: its condition must name the
    guide's questions. The guide page's POST tells which questions there are."""

    def _guide(self) -> Guide | None:
        guide_id = getattr(self.instance, "guide_id", None)
        return Guide.objects.filter(pk=guide_id).first() if guide_id else None

    def _keys(self) -> set[str]:
        data = self.data if self.is_bound else None
        return _posted_question_keys(data, self._guide())

    def clean_show_if(self):
        show_if = self.cleaned_data.get("show_if")
        if show_if in ("", {}, []):
            return None
        keys = self._keys()
        own_key = self.cleaned_data.get("key") or getattr(self.instance, "key", None)
        if isinstance(self.instance, Question) and own_key:
            keys.discard(own_key)  # a question cannot depend on itself
        problems = _show_if_errors(show_if, keys=keys)
        if problems:
            raise forms.ValidationError(problems)
        return show_if


class QuestionInlineForm(_GuideChildForm):
    class Meta:
        model = Question
        fields = ["key", "text", "text_en", "kind", "required", "show_if", "position"]
        widgets = {"show_if": forms.Textarea(attrs={"rows": 2, "cols": 40})}


class QuestionInline(admin.TabularInline):
    model = Question
    form = QuestionInlineForm
    extra = 0
    show_change_link = True  # answer options, help texts and number limits on its own page
    ordering = ["position", "pk"]


class StepInlineForm(_GuideChildForm):
    url = forms.URLField(
        label=Step._meta.get_field("url").verbose_name,
        help_text=Step._meta.get_field("url").help_text,
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Step
        fields = [
            "title",
            "title_en",
            "description",
            "description_en",
            "service",
            "authority",
            "url",
            "show_if",
            "deadline_question",
            "deadline_offset_days",
            "position",
        ]
        widgets = {
            "show_if": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "description": forms.Textarea(attrs={"rows": 3, "cols": 60}),
            "description_en": forms.Textarea(attrs={"rows": 3, "cols": 60}),
        }

    def clean(self):
        cleaned = super().clean()
        question = cleaned.get("deadline_question")
        offset = cleaned.get("deadline_offset_days")
        guide_id = getattr(self.instance, "guide_id", None)
        if question is not None:
            if question.kind != QuestionKind.DATE:
                self.add_error(
                    "deadline_question", gettext("Fristen skal regnes fra et datospørgsmål.")
                )
            elif guide_id is not None and question.guide_id != guide_id:
                self.add_error(
                    "deadline_question",
                    gettext("Vælg et datospørgsmål fra denne livssituation."),
                )
            if offset is None:
                self.add_error(
                    "deadline_offset_days",
                    gettext("Skriv antal dage efter datoen (negativt: før)."),
                )
        elif offset is not None:
            self.add_error(
                "deadline_question", gettext("Vælg det datospørgsmål, fristen regnes fra.")
            )
        if not cleaned.get("service") and not cleaned.get("url"):
            self.add_error("url", gettext("Vælg en ydelse, eller skriv et link."))
        return cleaned

    def save(self, commit=True):
        step = super().save(commit=False)
        # If the service later loses its self-service link, the step is listed as broken.
        step.expects_self_service = bool(step.service and step.service.self_service_url)
        if commit:
            step.save()
            self.save_m2m()
        return step


class StepInline(admin.StackedInline):
    model = Step
    form = StepInlineForm
    extra = 0
    ordering = ["position", "pk"]
    autocomplete_fields = ["service"]
    readonly_fields = ["expects_self_service"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("deadline_question")
        if field is not None:
            queryset = Question.objects.filter(kind=QuestionKind.DATE)
            field.queryset = queryset.filter(guide=obj) if obj is not None else queryset.none()
        return formset


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "position", "version", "updated_at"]
    list_editable = ["is_published", "position"]
    list_filter = ["is_published"]
    search_fields = ["title", "title_en", "slug", "summary"]
    readonly_fields = ["version", "updated_at", "versions_link"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "intro", "position", "is_published"]}),
        (_("Engelsk"), {"fields": ["title_en", "summary_en", "intro_en"]}),
        (_("Versioner"), {"fields": ["version", "updated_at", "versions_link"]}),
    ]
    inlines = [QuestionInline, StepInline]

    @admin.display(description=_("tidligere versioner"))
    def versions_link(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        url = reverse("admin:guides_guideversion_changelist")
        return format_html(
            '<a href="{}?guide__id__exact={}">{}</a>', url, obj.pk, gettext("Se alle versioner")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        guide_version_save(guide=form.instance, by=request.user)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["value", "label", "label_en", "position"]
    ordering = ["position", "pk"]


class QuestionForm(_GuideChildForm):
    class Meta:
        model = Question
        fields = [
            "guide",
            "key",
            "text",
            "text_en",
            "help_text",
            "help_text_en",
            "kind",
            "required",
            "show_if",
            "min_value",
            "max_value",
            "position",
        ]
        widgets = {"show_if": forms.Textarea(attrs={"rows": 3, "cols": 60})}

    def _guide(self):
        return self.cleaned_data.get("guide") or super()._guide()

    def _keys(self) -> set[str]:
        guide = self._guide()
        return set(guide.questions.values_list("key", flat=True)) if guide else set()

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", gettext("Største tal skal være mindst det mindste."))
        return cleaned


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """A question with its answer options (for choice questions)."""

    form = QuestionForm
    list_display = ["key", "text", "guide", "kind", "required", "position"]
    list_filter = ["guide", "kind"]
    list_select_related = ["guide"]
    search_fields = ["key", "text", "guide__title"]
    inlines = [ChoiceInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        guide_version_save(guide=form.instance.guide, by=request.user)

    def delete_model(self, request, obj):
        guide = obj.guide
        super().delete_model(request, obj)
        guide_version_save(guide=guide, by=request.user)


@admin.register(GuideVersion)
class GuideVersionAdmin(ReadOnlyAdmin):
    list_display = ["guide", "number", "created_at", "created_by"]
    list_filter = ["guide"]
    list_select_related = ["guide", "created_by"]
    fields = ["guide", "number", "created_at", "created_by", "snapshot_pretty"]
    readonly_fields = fields

    @admin.display(description=_("indhold"))
    def snapshot_pretty(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.snapshot, ensure_ascii=False, indent=2))
