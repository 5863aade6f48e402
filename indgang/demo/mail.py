"""Demo digital mail for "Demo Kommune": triage rules and a dozen mails from
citizens, secure (Digital Post) and plain, received over the last working
days, so the inbox has overdue, due and fresh mail and shows both kinds of
suggestion (a rule, the knowledge base) and none.

`demo_mail_seed()` is idempotent: a rule whose words exist is left alone and
a mail is stored once per message id (`mail_receive`). Run it after
`demo_seed()` and `demo_knowledge_seed()` (rules name their services and
departments; two mails are triaged by the knowledge search).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction

from indgang.catalogue.models import Department, Service, SubjectArea
from indgang.contacts.models import MailKind
from indgang.core import clock
from indgang.digitalmail.models import MailRule, MailSource
from indgang.digitalmail.services import mail_receive

from . import data

SECURE, PLAIN = MailKind.SECURE, MailKind.PLAIN


@dataclass(frozen=True)
class RuleData:
    words: str
    subject_area: str  # slug
    department: str | None  # slug
    service: str | None  # slug
    position: int


@dataclass(frozen=True)
class MailData:
    key: str  # the message id is <demo-mail-KEY@demo.kommune.dk>
    kind: str
    hours_ago: int
    sender_name: str
    sender_address: str
    subject: str
    body: str


@dataclass
class MailSeedResult:
    rules: int = 0  # created by this run
    mails: int = 0  # created by this run
    existing: int = 0  # mails stored before

    @property
    def changed(self) -> bool:
        return bool(self.rules or self.mails)


RULES: tuple[RuleData, ...] = (
    RuleData(
        "vuggestue, dagpleje, børnehave, pasningsplads, pladsanvisning*",
        "boern-og-familie",
        data.CHILDCARE,
        "pladsanvisning",
        10,
    ),
    RuleData(
        "pas, passet, pas*fornyelse, pasfoto, rejsepas",
        "pas",
        data.CITIZEN_SERVICE,
        "pas-voksne",
        20,
    ),
    RuleData("kørekort*, førerbevis", "koerekort", data.CITIZEN_SERVICE, "koerekort-fornyelse", 30),
    RuleData(
        "flytning, flytter, flyttet, ny adresse, adresseændring",
        "folkeregister",
        data.CITIZEN_SERVICE,
        "flytning",
        40,
    ),
    RuleData("ejendomsskat*, grundskyld", "ejendomsskat", data.COLLECTION, "ejendomsskat", 50),
    RuleData(
        "rykker, restance, betalingsaftale, inkasso",
        "opkraevning",
        data.COLLECTION,
        "opkraevning-og-restancer",
        60,
    ),
    RuleData(
        "boligstøtte, boligsikring, huslejetilskud",
        "boliganvisning",
        data.CITIZEN_SERVICE,
        "boligstoette",
        70,
    ),
    RuleData(
        "storskrald, skraldespand*, affald*, genbrug*", "affald", data.TECHNICAL, "affald", 80
    ),
    RuleData(
        "rotte, rotter, rottespærre", "miljoe-og-natur", data.TECHNICAL, "rotteanmeldelse", 90
    ),
)

MAILS: tuple[MailData, ...] = (
    MailData(
        "01",
        SECURE,
        2,
        "Mette Kristensen",
        "",
        "Pas til min datter på 9 år",
        "Hej Borgerservice\n\nMin datters pas udløber i marts, og vi skal til Spanien i påsken. "
        "Skal vi begge møde op, og kan jeg bestille tid allerede nu?\n\n"
        "Venlig hilsen\nMette Kristensen",
    ),
    MailData(
        "02",
        PLAIN,
        5,
        "Jonas Møller",
        "jonas.moeller@example.org",
        "Mit kørekort er udløbet",
        "Hej\n\nJeg har opdaget, at mit kørekort udløb i sidste måned. Må jeg stadig køre, "
        "indtil jeg har fået det nye? Og skal jeg have et nyt foto med?\n\nMvh Jonas",
    ),
    MailData(
        "03",
        PLAIN,
        22,
        "Fatima Ali",
        "fatima.ali@example.org",
        "Har jeg meldt flytning rigtigt?",
        "Goddag\n\nJeg flyttede den 1. til Skovvej 12, 1. th. og meldte flytning på borger.dk. "
        "Min Digital Post kommer stadig med den gamle adresse på. Hvornår bliver den ændret?\n\n"
        "Med venlig hilsen\nFatima Ali",
    ),
    MailData(
        "04",
        SECURE,
        27,
        "Poul Erik Hansen",
        "",
        "Ejendomsskattebillet 2027 – forkert beløb?",
        "Til Opkrævningen\n\nPå min ejendomsskattebillet er grundskylden steget med næsten "
        "2.000 kr., men vurderingen er ikke ændret. Kan I forklare, hvorfor beløbet er højere?\n\n"
        "Venlig hilsen\nPoul Erik Hansen",
    ),
    MailData(
        "05",
        PLAIN,
        49,
        "Lise Andersen",
        "lise.andersen@example.org",
        "Rykker – men jeg har betalt",
        "Hej\n\nJeg har fået en rykker for daginstitutionsbetaling for oktober, men jeg betalte "
        "den 3. oktober over netbank. Kan I se betalingen? Jeg vil ikke betale rykkergebyret.\n\n"
        "Lise",
    ),
    MailData(
        "06",
        PLAIN,
        53,
        "Ole Sørensen",
        "ole.soerensen@example.org",
        "Afhentning af storskrald",
        "Hej Teknik og Miljø\n\nHvornår bliver der hentet storskrald på Birkevej? Jeg har en "
        "gammel sofa og et køleskab, der skal af sted. Skal det bestilles?\n\nHilsen Ole",
    ),
    MailData(
        "07",
        SECURE,
        72,
        "Anne Marie Nielsen",
        "",
        "Ansøgning om boligstøtte – har ikke hørt noget",
        "Kære kommune\n\nJeg søgte om boligstøtte for seks uger siden, da min mand døde. "
        "Jeg har ikke hørt noget siden. Kan I fortælle, hvor langt sagen er?\n\n"
        "Venlig hilsen\nAnne Marie Nielsen",
    ),
    MailData(
        "08",
        PLAIN,
        75,
        "Henrik Larsen",
        "henrik.larsen@example.org",
        "Rotter i haven",
        "Hej\n\nVi har set rotter ved kompostbunken de sidste par aftener. Kommer kommunen ud "
        "og bekæmper dem, eller skal vi selv ringe til et firma?\n\nMvh Henrik Larsen",
    ),
    MailData(
        "09",
        SECURE,
        96,
        "Sara Petersen",
        "",
        "Plads i vuggestue fra 1. august",
        "Hej Pladsanvisningen\n\nVi har skrevet vores søn op til vuggestue fra 1. august. "
        "Hvornår får vi besked om, hvor han får plads? Vi ønsker helst Solsikken.\n\n"
        "Venlig hilsen\nSara og Mikkel",
    ),
    MailData(
        "10",
        PLAIN,
        120,
        "Bent Jørgensen",
        "bent.joergensen@example.org",
        "Mistet det gule kort",
        "Goddag\n\nJeg har mistet mit sundhedskort på ferien. Hvordan får jeg et nyt, og kan "
        "jeg bruge appen, indtil det kommer?\n\nBent Jørgensen",
    ),
    MailData(
        "11",
        PLAIN,
        146,
        "Camilla og Thomas",
        "camilla.thomsen@example.org",
        "Vi vil gerne giftes på rådhuset",
        "Hej\n\nVi vil gerne giftes borgerligt en lørdag i juni. Hvad skal vi gøre først, og "
        "hvor lang tid i forvejen skal vi søge om prøvelse af ægteskabsbetingelser?\n\n"
        "De bedste hilsner\nCamilla og Thomas",
    ),
    MailData(
        "12",
        PLAIN,
        170,
        "Gitte Holm",
        "gitte.holm@example.org",
        "Tak for god betjening",
        "Hej\n\nJeg vil bare sige tak til den søde medarbejder i Borgerservice i torsdags, "
        "som tog sig god tid til min mor. Det betød meget for hende.\n\nGitte",
    ),
)


def message_id_of(mail: MailData) -> str:
    return f"<demo-mail-{mail.key}@{data.MUNICIPALITY_DOMAIN}>"


def _seed_rules(result: MailSeedResult) -> None:
    areas = {a.slug: a for a in SubjectArea.objects.all()}
    departments = {d.slug: d for d in Department.objects.all()}
    services = {s.slug: s for s in Service.objects.all()}
    existing = set(MailRule.objects.values_list("words", flat=True))
    for rule in RULES:
        if rule.words in existing or rule.subject_area not in areas:
            continue
        MailRule.objects.create(
            words=rule.words,
            subject_area=areas[rule.subject_area],
            department=departments.get(rule.department or ""),
            service=services.get(rule.service or ""),
            position=rule.position,
        )
        result.rules += 1


@transaction.atomic
def demo_mail_seed() -> MailSeedResult:
    """Add the missing demo rules and mails (see the module)."""
    result = MailSeedResult()
    _seed_rules(result)
    now = clock.now()
    for mail in MAILS:
        _mail, created = mail_receive(
            message_id=message_id_of(mail),
            kind=mail.kind,
            source=MailSource.MAILBOX if mail.kind == PLAIN else MailSource.API,
            sender_name=mail.sender_name,
            sender_address=mail.sender_address,
            subject=mail.subject,
            body=mail.body,
            received_at=now - timedelta(hours=mail.hours_ago),
        )
        if created:
            result.mails += 1
        else:
            result.existing += 1
    return result
