"""Life-situation guides: a short question tree written by staff and the steps
a citizen must take across authorities, each shown only when the answers make
it relevant. A guide's whole tree is versioned (GuideVersion) each time staff
save it.

`show_if` (on questions and steps) is a small JSON condition, evaluated by
`guides.conditions.holds`:
    {"key": "children_under_6", "equals": true}
    {"key": "from", "in": ["other_municipality", "abroad"]}
    {"key": "age", "gte": 65}            (also "lte", "gt", "lt")
    {"all": [cond, …]}  {"any": [cond, …]}  {"not": cond}
A condition on a question that is not shown (or not answered) is false.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Authority, Service


def _english() -> bool:
    return (get_language() or "da").startswith("en")


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("Ja/nej")
    CHOICE = "choice", _("Valg")
    DATE = "date", _("Dato")
    NUMBER = "number", _("Tal")


class StepChannel(models.TextChoices):
    """The fastest way to take a step, in the order the checklist prefers."""

    SELF_SERVICE = "self_service", _("Selvbetjening")
    BOOKING = "booking", _("Bestil tid")
    PHONE = "phone", _("Telefon")
    LINK = "link", _("Link")


class Guide(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel på engelsk"), max_length=200, blank=True)
    summary = models.TextField(_("kort beskrivelse"), blank=True)
    summary_en = models.TextField(_("kort beskrivelse på engelsk"), blank=True)
    intro = models.TextField(_("indledning"), blank=True)
    intro_en = models.TextField(_("indledning på engelsk"), blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)
    is_published = models.BooleanField(_("offentliggjort"), default=True)
    # The number of the latest GuideVersion (0 before the first save by staff).
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("senest ændret"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("livssituation")
        verbose_name_plural = _("livssituationer")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return self.title_en if self.title_en and _english() else self.title

    @property
    def display_summary(self) -> str:
        return self.summary_en if self.summary_en and _english() else self.summary

    @property
    def display_intro(self) -> str:
        return self.intro_en if self.intro_en and _english() else self.intro


class Question(models.Model):
    guide = models.ForeignKey(
        Guide, models.CASCADE, related_name="questions", verbose_name=_("livssituation")
    )
    key = models.SlugField(
        _("nøgle"),
        max_length=60,
        help_text=_("Navnet på svaret i API'et og i betingelser, fx »moving_date«."),
    )
    text = models.CharField(_("spørgsmål"), max_length=300)
    text_en = models.CharField(_("spørgsmål på engelsk"), max_length=300, blank=True)
    help_text = models.CharField(_("hjælpetekst"), max_length=300, blank=True)
    help_text_en = models.CharField(_("hjælpetekst på engelsk"), max_length=300, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(
        _("skal besvares"), default=True, help_text=_("Når spørgsmålet vises.")
    )
    show_if = models.JSONField(
        _("vis kun hvis"),
        null=True,
        blank=True,
        help_text=_('Fx {"key": "from", "in": ["other_municipality", "abroad"]}. Tom: altid.'),
    )
    min_value = models.IntegerField(_("mindste tal"), null=True, blank=True)
    max_value = models.IntegerField(_("største tal"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    class Meta:
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "key"], name="guide_question_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text}"

    @property
    def display_text(self) -> str:
        return self.text_en if self.text_en and _english() else self.text

    @property
    def display_help_text(self) -> str:
        return self.help_text_en if self.help_text_en and _english() else self.help_text


class Choice(models.Model):
    question = models.ForeignKey(
        Question, models.CASCADE, related_name="choices", verbose_name=_("spørgsmål")
    )
    value = models.SlugField(_("værdi"), max_length=60)
    label = models.CharField(_("tekst"), max_length=200)
    label_en = models.CharField(_("tekst på engelsk"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    class Meta:
        verbose_name = _("svarmulighed")
        verbose_name_plural = _("svarmuligheder")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="guide_choice_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}"

    @property
    def display_label(self) -> str:
        return self.label_en if self.label_en and _english() else self.label


class Step(models.Model):
    """One thing to do. Tied to a catalogue service (its authority, self-service
    link, booking and department phone give the channel), or a plain link to
    another authority."""

    guide = models.ForeignKey(
        Guide, models.CASCADE, related_name="steps", verbose_name=_("livssituation")
    )
    title = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel på engelsk"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    description_en = models.TextField(_("beskrivelse på engelsk"), blank=True)
    service = models.ForeignKey(
        Service,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="guide_steps",
        verbose_name=_("ydelse"),
    )
    authority = models.ForeignKey(
        Authority,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="guide_steps",
        verbose_name=_("myndighed"),
        help_text=_("Tom: ydelsens myndighed."),
    )
    url = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("Til trin uden ydelse i kataloget.")
    )
    # Set when the step is saved with a service that has a self-service link:
    # if the service later loses it, the step is listed as broken.
    expects_self_service = models.BooleanField(_("peger på selvbetjening"), default=False)
    show_if = models.JSONField(_("vis kun hvis"), null=True, blank=True)
    deadline_question = models.ForeignKey(
        Question,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frist regnet fra"),
        limit_choices_to={"kind": QuestionKind.DATE},
    )
    deadline_offset_days = models.IntegerField(
        _("frist dage efter"),
        null=True,
        blank=True,
        help_text=_("Negativ: dage før. Fx 5: senest 5 dage efter flytningen."),
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    class Meta:
        verbose_name = _("trin")
        verbose_name_plural = _("trin")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_question__isnull=True) | Q(deadline_offset_days__isnull=False),
                name="guide_step_deadline_has_offset",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return self.title_en if self.title_en and _english() else self.title

    @property
    def display_description(self) -> str:
        return self.description_en if self.description_en and _english() else self.description


class GuideVersion(models.Model):
    """The whole guide (questions, choices, steps) as it was saved, numbered."""

    guide = models.ForeignKey(
        Guide, models.CASCADE, related_name="versions", verbose_name=_("livssituation")
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("gemt"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemt af"),
    )
    snapshot = models.JSONField(_("indhold"))

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ["guide", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="guide_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.guide} v{self.number}"
