"""The service catalogue: authorities, departments, subject areas, services and
their channel policies; locations with opening hours, closures and desks."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from indgang.core.text import slugify_da


class Channel(models.TextChoices):
    """The channels named by the Danish channel strategies."""

    PERSONAL = "personal", _("Personligt fremmøde")
    PHONE = "phone", _("Telefon")
    SELF_SERVICE = "self_service", _("Selvbetjening")
    CHAT = "chat", _("Chat")
    EMAIL = "email", _("E-mail")
    DIGITAL_POST = "digital_post", _("Digital Post")
    LETTER = "letter", _("Brev")
    VIDEO = "video", _("Videomøde")


class Outcome(models.TextChoices):
    """How a contact ended, in every channel (henvendelsens udfald)."""

    RESOLVED = "resolved", _("Afklaret med det samme")
    TRANSFERRED = "transferred", _("Viderestillet")
    CALLBACK = "callback", _("Tilbagekald aftalt")
    REFERRED_SELF_SERVICE = "referred_self_service", _("Henvist til selvbetjening")
    CO_SERVED = "co_served", _("Medbetjent")
    FUTILE = "futile", _("Forgæves")


class Point(models.TextChoices):
    """Where a contact was met: in the citizen-service centre, on a telephone
    line or on the web. Front-desk expeditions use the points in the centre
    (`CENTRE_POINTS`); the contact registry uses them all."""

    DESK = "desk", _("Skranke")
    INFORMATION = "information", _("Informationen")
    CASH = "cash", _("Kassen")
    CO_SERVICE = "co_service", _("Medbetjening ved selvbetjeningen")
    KIOSK = "kiosk", _("Nummerstander")
    MAIN_LINE = "main_line", _("Hovednummeret")
    DEPARTMENT_LINE = "department_line", _("Afdelingens nummer")
    WEB = "web", _("Hjemmesiden")


CENTRE_POINTS = (Point.DESK, Point.INFORMATION, Point.CASH, Point.CO_SERVICE, Point.KIOSK)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Mandag")
    TUESDAY = 1, _("Tirsdag")
    WEDNESDAY = 2, _("Onsdag")
    THURSDAY = 3, _("Torsdag")
    FRIDAY = 4, _("Fredag")
    SATURDAY = 5, _("Lørdag")
    SUNDAY = 6, _("Søndag")


class SlugMixin(models.Model):
    """Fills `slug` from `name` with Danish transliteration when left empty."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_da(self.name)[:80]
        super().save(*args, **kwargs)


class TranslatedNameMixin(models.Model):
    """`name` is Danish; `name_en` is the optional English name."""

    name_en = models.CharField(_("navn på engelsk"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "da").startswith("en"):
            return self.name_en
        return self.name


class Authority(SlugMixin):
    """The public authority responsible for a service (the municipality,
    Udbetaling Danmark, Skattestyrelsen, Politiet, …)."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    is_municipality = models.BooleanField(_("er kommunen selv"), default=False)
    website = models.URLField(_("hjemmeside"), blank=True)

    class Meta:
        verbose_name = _("myndighed")
        verbose_name_plural = _("myndigheder")
        ordering = ["-is_municipality", "name"]

    def __str__(self) -> str:
        return self.name


class Department(SlugMixin):
    """A department (afdeling/forvaltning) of the municipality."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SubjectArea(SlugMixin, TranslatedNameMixin):
    """Fagområde: Pas, Kørekort, Folkeregister, …"""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    description_en = models.TextField(_("beskrivelse på engelsk"), blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    class Meta:
        verbose_name = _("fagområde")
        verbose_name_plural = _("fagområder")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_description(self) -> str:
        if self.description_en and (get_language() or "da").startswith("en"):
            return self.description_en
        return self.description


class ServiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def offering(self, channel: str):
        return self.filter(channels__channel=channel).distinct()


class Service(SlugMixin, TranslatedNameMixin):
    """Ydelse: one thing a citizen can get done, with its channel policy."""

    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    subject_area = models.ForeignKey(
        SubjectArea, models.PROTECT, related_name="services", verbose_name=_("fagområde")
    )
    authority = models.ForeignKey(
        Authority, models.PROTECT, related_name="services", verbose_name=_("myndighed")
    )
    department = models.ForeignKey(
        Department,
        models.PROTECT,
        related_name="services",
        verbose_name=_("ansvarlig afdeling"),
        null=True,
        blank=True,
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    description_en = models.TextField(_("beskrivelse på engelsk"), blank=True)
    mandatory_self_service = models.BooleanField(
        _("obligatorisk digital selvbetjening"),
        default=False,
        help_text=_("Loven kræver, at borgeren bruger selvbetjeningsløsningen."),
    )
    self_service_url = models.URLField(_("link til selvbetjening"), blank=True, max_length=500)
    needs_personal_attendance = models.BooleanField(
        _("kræver personligt fremmøde"),
        default=False,
        help_text=_(
            "Fx pas og kørekort: borgeren skal møde op (fingeraftryk, foto, legitimation)."
        ),
    )
    minutes_per_expedition = models.PositiveSmallIntegerField(
        _("minutter pr. ekspedition"), default=10
    )
    fee = models.DecimalField(
        _("gebyr (kr.)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    keywords = models.TextField(
        _("søgeord"), blank=True, help_text=_("Adskilt med komma, fx: sundhedskort, det gule kort")
    )
    is_archived = models.BooleanField(_("arkiveret"), default=False)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("ydelse")
        verbose_name_plural = _("ydelser")
        ordering = ["subject_area__position", "subject_area__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_per_expedition__gte=1), name="service_minutes_positive"
            ),
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee__gte=0), name="service_fee_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(mandatory_self_service=False) | ~Q(self_service_url=""),
                name="service_mandatory_self_service_has_url",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_description(self) -> str:
        if self.description_en and (get_language() or "da").startswith("en"):
            return self.description_en
        return self.description

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    def channel_set(self) -> set[str]:
        """The channels offered (uses a prefetched `channels` when present)."""
        return {sc.channel for sc in self.channels.all()}


class ServiceChannel(models.Model):
    """A channel a service is offered in, with its response deadline."""

    service = models.ForeignKey(
        Service, models.CASCADE, related_name="channels", verbose_name=_("ydelse")
    )
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    response_deadline_days = models.PositiveSmallIntegerField(
        _("svarfrist (arbejdsdage)"),
        null=True,
        blank=True,
        help_text=_("Hvor hurtigt borgeren får svar i denne kanal. Tom: svar med det samme."),
    )

    class Meta:
        verbose_name = _("kanal for ydelse")
        verbose_name_plural = _("kanaler for ydelse")
        ordering = ["service", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["service", "channel"], name="service_channel_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.get_channel_display()}"


class LocationKind(models.TextChoices):
    CITIZEN_SERVICE_CENTRE = "citizen_service_centre", _("Borgerservicecenter")
    LIBRARY = "library", _("Bibliotek")
    OTHER = "other", _("Andet")


class Location(SlugMixin):
    """A place citizens meet the municipality: the citizen-service centre, a
    library point, …"""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, blank=True)
    kind = models.CharField(
        _("type"),
        max_length=30,
        choices=LocationKind.choices,
        default=LocationKind.CITIZEN_SERVICE_CENTRE,
    )
    street = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    closed_on_public_holidays = models.BooleanField(
        _("lukket på helligdage"),
        default=True,
        help_text=_("Danske helligdage samt grundlovsdag, juleaftensdag og nytårsaftensdag."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("lokation")
        verbose_name_plural = _("lokationer")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (self.street, place) if p)


class WeeklyIntervalBase(models.Model):
    """One interval on one weekday: open from `opens` to `closes` (local time)."""

    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices)
    opens = models.TimeField(_("åbner"))
    closes = models.TimeField(_("lukker"))

    class Meta:
        abstract = True
        ordering = ["weekday", "opens"]


class OpeningHours(WeeklyIntervalBase):
    location = models.ForeignKey(
        Location, models.CASCADE, related_name="opening_hours", verbose_name=_("lokation")
    )

    class Meta(WeeklyIntervalBase.Meta):
        verbose_name = _("åbningstid")
        verbose_name_plural = _("åbningstider")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="opening_hours_closes_after_opens"
            ),
            models.UniqueConstraint(
                fields=["location", "weekday", "opens"], name="opening_hours_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """The location is closed from `starts_on` to `ends_on` (both included); with
    times given, only between them on each of those days."""

    location = models.ForeignKey(
        Location, models.CASCADE, related_name="closures", verbose_name=_("lokation")
    )
    starts_on = models.DateField(_("fra dato"))
    ends_on = models.DateField(_("til og med dato"))
    from_time = models.TimeField(_("fra kl."), null=True, blank=True)
    to_time = models.TimeField(_("til kl."), null=True, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lukning")
        verbose_name_plural = _("lukninger")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="closure_ends_after_start"
            ),
            models.CheckConstraint(
                condition=(Q(from_time__isnull=True) & Q(to_time__isnull=True))
                | (
                    Q(from_time__isnull=False)
                    & Q(to_time__isnull=False)
                    & Q(to_time__gt=F("from_time"))
                ),
                name="closure_times_both_or_none",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location}: {self.starts_on}–{self.ends_on} {self.reason}"


class ExtraOpening(models.Model):
    """An extra opening on one date, also on a holiday or a closed weekday."""

    location = models.ForeignKey(
        Location, models.CASCADE, related_name="extra_openings", verbose_name=_("lokation")
    )
    date = models.DateField(_("dato"))
    opens = models.TimeField(_("åbner"))
    closes = models.TimeField(_("lukker"))
    reason = models.CharField(_("begrundelse"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ekstra åbning")
        verbose_name_plural = _("ekstra åbninger")
        ordering = ["date", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="extra_opening_closes_after_opens"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location}: {self.date} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Desk(models.Model):
    """A counter (skranke) at a location and the services it can handle."""

    location = models.ForeignKey(
        Location, models.CASCADE, related_name="desks", verbose_name=_("lokation")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("navn"), max_length=100, blank=True)
    services = models.ManyToManyField(
        Service, related_name="desks", verbose_name=_("ydelser"), blank=True
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("skranke")
        verbose_name_plural = _("skranker")
        ordering = ["location", "number"]
        constraints = [
            models.UniqueConstraint(fields=["location", "number"], name="desk_number_unique")
        ]

    def __str__(self) -> str:
        label = _("Skranke %(number)s") % {"number": self.number}
        return f"{self.location} – {label}" + (f" ({self.name})" if self.name else "")


class PhoneHours(WeeklyIntervalBase):
    """When a department answers its phone (telefontid)."""

    department = models.ForeignKey(
        Department, models.CASCADE, related_name="phone_hours", verbose_name=_("afdeling")
    )

    class Meta(WeeklyIntervalBase.Meta):
        verbose_name = _("telefontid")
        verbose_name_plural = _("telefontider")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="phone_hours_closes_after_opens"
            ),
            models.UniqueConstraint(
                fields=["department", "weekday", "opens"], name="phone_hours_unique_start"
            ),
        ]

    def __str__(self) -> str:
        span = f"{self.opens:%H:%M}–{self.closes:%H:%M}"
        return f"{self.department}: {self.get_weekday_display()} {span}"
