"""`python manage.py seed_demo`: load "Demo Kommune"; safe to run again."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indgang.demo.activity import ActivityResult, demo_activity_seed
from indgang.demo.bookings import demo_bookings_seed
from indgang.demo.chat import demo_chat_seed
from indgang.demo.guidance import demo_guidance_seed
from indgang.demo.guides import demo_guides_seed
from indgang.demo.knowledge import KnowledgeSeedResult, demo_knowledge_seed
from indgang.demo.mail import demo_mail_seed
from indgang.demo.services import SeedResult, demo_seed


class Command(BaseCommand):
    help = gettext_lazy(
        "Opretter eller opdaterer demokommunen (ydelser, lokationer, skranker og "
        "medarbejdere) og tilføjer to års opkald, henvendelser og selvbetjeningstal. "
        "Kan køres igen uden at ændre noget."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=gettext_lazy(
                "Giv alle NYE demomedarbejdere denne adgangskode (ellers en tilfældig hver). "
                "Eksisterende medarbejdere beholder deres."
            ),
        )
        parser.add_argument(
            "--no-activity",
            action="store_true",
            help=gettext_lazy(
                "Spring opkald, henvendelser, selvbetjeningstal, tal for digital post og "
                "bookinger de næste to uger over."
            ),
        )

    def handle(self, *args, password=None, no_activity=False, **options):
        if password:
            try:
                validate_password(password)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        result = demo_seed(password=password)
        guides = demo_guides_seed()
        guidance = demo_guidance_seed(password=password)
        result.staff += guidance.staff
        self._summary(result)
        self._staff_table(result)
        self._integration(result)
        self._knowledge(demo_knowledge_seed())
        self.stdout.write(
            _(
                "Livssituationer: %(guides)s med %(questions)s spørgsmål og %(steps)s trin "
                "(%(versions)s nye versioner)."
            )
            % {
                "guides": guides.guides,
                "questions": guides.questions,
                "steps": guides.steps,
                "versions": guides.versions,
            }
        )
        self.stdout.write(
            _(
                "Borgervejledning: %(calendars)s nye mødekalendere, %(plans)s ny plan, "
                "%(meetings)s møder booket."
            )
            % {
                "calendars": guidance.calendars,
                "plans": guidance.plans,
                "meetings": guidance.meetings,
            }
        )
        chat = demo_chat_seed()
        self.stdout.write(
            _("Chat: %(hours)s åbningstider, %(answers)s standardsvar og %(waiting)s borgere i kø.")
            % {"hours": chat.hours, "answers": chat.canned_answers, "waiting": chat.waiting}
        )
        mail = demo_mail_seed()
        self.stdout.write(
            _("Digital post: %(rules)s sorteringsregler og %(mails)s breve i indbakken.")
            % {"rules": mail.rules, "mails": mail.mails}
        )
        if not no_activity:
            self._activity(demo_activity_seed())
            booked = demo_bookings_seed().created
            self.stdout.write(_("Bookinger de næste to uger: %(n)s nye.") % {"n": booked})

    def _integration(self, result: SeedResult) -> None:
        account = result.integration
        if account is None:
            return
        if account.token:
            self.stdout.write(
                _(
                    "API-token til integrationsbrugeren %(username)s (telefoniplatformen), "
                    "vises kun nu: %(token)s"
                )
                % {"username": account.username, "token": account.token}
            )
        else:
            self.stdout.write(
                _(
                    "Integrationsbrugeren %(username)s har allerede et API-token. Lav et nyt "
                    "med: python manage.py drf_create_token -r %(username)s"
                )
                % {"username": account.username}
            )

    def _knowledge(self, knowledge: KnowledgeSeedResult) -> None:
        if not knowledge.changed:
            self.stdout.write(_("Ingen nye artikler: vidensbasen var allerede på plads."))
            return
        self.stdout.write(
            _(
                "Vidensbase: %(articles)s artikler og %(synonyms)s synonymgrupper tilføjet, "
                "%(reviews)s gennemsynsopgaver oprettet."
            )
            % {
                "articles": knowledge.articles,
                "synonyms": knowledge.synonym_groups,
                "reviews": knowledge.review_tasks,
            }
        )

    def _activity(self, activity: ActivityResult) -> None:
        if not activity.changed:
            self.stdout.write(
                _("Ingen ny aktivitet: opkald og henvendelser var allerede på plads.")
            )
            return
        period = ""
        if activity.first_day:
            period = _(" (%(first)s–%(last)s)") % {
                "first": activity.first_day.isoformat(),
                "last": activity.last_day.isoformat(),
            }
        self.stdout.write(
            _(
                "Aktivitet tilføjet%(period)s: %(calls)s opkald, %(contacts)s henvendelser, "
                "%(self_service)s selvbetjeningstal og %(mail)s tal for digital post."
            )
            % {
                "period": period,
                "calls": activity.calls,
                "contacts": activity.contacts,
                "self_service": activity.self_service_counts,
                "mail": activity.mail_counts,
            }
        )

    def _summary(self, result: SeedResult) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo Kommune er klar: %(services)s ydelser i %(subject_areas)s fagområder, "
                    "%(locations)s lokationer, %(desks)s skranker og %(staff)s medarbejdere."
                )
                % {
                    "services": result.services,
                    "subject_areas": result.subject_areas,
                    "locations": result.locations,
                    "desks": result.desks,
                    "staff": len(result.staff),
                }
            )
        )
        if result.changed:
            self.stdout.write(
                _("Rækker oprettet: %(created)s, ændret: %(updated)s, slettet: %(deleted)s.")
                % {"created": result.created, "updated": result.updated, "deleted": result.deleted}
            )
        else:
            self.stdout.write(_("Ingen ændringer: demodata var allerede på plads."))

    def _staff_table(self, result: SeedResult) -> None:
        show_passwords = settings.DEBUG
        header = [_("Brugernavn"), _("Navn"), _("Rolle")]
        rows = [[a.username, a.full_name, a.role_labels] for a in result.staff]
        if show_passwords:
            header.append(_("Adgangskode"))
            for row, account in zip(rows, result.staff, strict=True):
                row.append(account.password or _("(uændret)"))
        widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
        self.stdout.write("")
        for line in [header, ["-" * w for w in widths], *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
            )
        self.stdout.write("")
        if not show_passwords:
            self.stdout.write(
                _(
                    "Adgangskoder vises kun, når DEBUG er slået til. Sæt en adgangskode med: "
                    "python manage.py changepassword <brugernavn>"
                )
            )
