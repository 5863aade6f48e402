"""The demo municipality as plain data: "Demo Kommune" with its authorities,
departments, subject areas, services, locations, desks and staff.

Everything here is plain Python; `services.demo_seed()` writes it to the
database. Slugs are spelled out so they stay stable when a name is edited.

Fees are the latest published figures we could check (the year is noted);
a real municipality keeps them from the annual price announcements.
Self-service links are shaped like the real ones on borger.dk, skat.dk,
mitid.dk, bygogmiljoe.dk and lifeindenmark.borger.dk; links to the
municipality's own pages use its demo domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.easter import easter

from indgang.catalogue.models import Channel, LocationKind
from indgang.core.permissions import Role

MUNICIPALITY_DOMAIN = "demo.kommune.dk"
MUNICIPALITY_SITE = f"https://{MUNICIPALITY_DOMAIN}"

# Response deadlines (working days) for the written channels.
EMAIL_DAYS = 5
DIGITAL_POST_DAYS = 10
LETTER_DAYS = 15

# Weekday numbers as in catalogue.models.Weekday.
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@dataclass(frozen=True)
class AuthorityData:
    slug: str
    name: str
    website: str
    is_municipality: bool = False


@dataclass(frozen=True)
class DepartmentData:
    slug: str
    name: str
    phone: str
    email: str
    # (weekday, opens, closes), several intervals a day allowed.
    phone_hours: tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class SubjectAreaData:
    slug: str
    name: str
    name_en: str
    position: int
    description: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class ServiceData:
    slug: str
    name: str
    name_en: str
    subject_area: str  # slug
    authority: str  # slug
    department: str | None  # slug
    description: str
    description_en: str
    # channel -> response deadline in working days (None: answered at once)
    channels: dict[str, int | None]
    mandatory_self_service: bool = False
    self_service_url: str = ""
    needs_personal_attendance: bool = False
    minutes_per_expedition: int = 10
    fee: Decimal | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClosureData:
    starts_on: date
    ends_on: date
    reason: str
    from_time: str | None = None
    to_time: str | None = None


@dataclass(frozen=True)
class ExtraOpeningData:
    day: date
    opens: str
    closes: str
    reason: str


@dataclass(frozen=True)
class DeskData:
    number: int
    name: str
    # Service slugs, or ALL_PERSONAL for every demo service offered in person.
    services: tuple[str, ...]


@dataclass(frozen=True)
class LocationData:
    slug: str
    name: str
    kind: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    opening_hours: tuple[tuple[int, str, str], ...]
    desks: tuple[DeskData, ...] = ()


@dataclass(frozen=True)
class StaffData:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    department: str | None = None  # slug
    is_superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@{MUNICIPALITY_DOMAIN}"


ALL_PERSONAL = "*"


def _channels(*channels: str) -> dict[str, int | None]:
    """Channels with the standard response deadline of each written channel."""
    deadlines = {
        Channel.EMAIL: EMAIL_DAYS,
        Channel.DIGITAL_POST: DIGITAL_POST_DAYS,
        Channel.LETTER: LETTER_DAYS,
    }
    return {str(c): deadlines.get(c) for c in channels}


def _weekdays(days: tuple[int, ...], opens: str, closes: str) -> tuple[tuple[int, str, str], ...]:
    return tuple((d, opens, closes) for d in days)


# --- Authorities -------------------------------------------------------------

MUNICIPALITY = "demo-kommune"
UDK = "udbetaling-danmark"
SKAT = "skattestyrelsen"
POLICE = "politiet"
STPS = "styrelsen-for-patientsikkerhed"
FSTYR = "faerdselsstyrelsen"
DIGST = "digitaliseringsstyrelsen"
SIRI = "siri"
FAMILY_COURT = "familieretshuset"
# Authorities that only the life-situation guides (demo/guides.py) name.
PARISH = "sognet"
PROBATE_COURT = "skifteretten"
IMMIGRATION = "udlaendingestyrelsen"

AUTHORITIES: tuple[AuthorityData, ...] = (
    AuthorityData(MUNICIPALITY, "Demo Kommune", MUNICIPALITY_SITE, is_municipality=True),
    AuthorityData(
        UDK,
        "Udbetaling Danmark",
        "https://www.atp.dk/vores-opgaver/administration-af-velfaerdsydelser/udbetaling-danmark",
    ),
    AuthorityData(SKAT, "Skattestyrelsen", "https://skat.dk"),
    AuthorityData(POLICE, "Politiet", "https://politi.dk"),
    AuthorityData(STPS, "Styrelsen for Patientsikkerhed", "https://stps.dk"),
    AuthorityData(FSTYR, "Færdselsstyrelsen", "https://fstyr.dk"),
    AuthorityData(DIGST, "Digitaliseringsstyrelsen", "https://digst.dk"),
    AuthorityData(
        SIRI,
        "Styrelsen for International Rekruttering og Integration (SIRI)",
        "https://siri.dk",
    ),
    AuthorityData(FAMILY_COURT, "Familieretshuset", "https://familieretshuset.dk"),
    # Births, names and deaths are registered by the parish (the South Jutland
    # municipalities do it themselves); the parish is the burial authority.
    AuthorityData(PARISH, "Sognet (personregistrering)", "https://www.personregistrering.dk"),
    AuthorityData(PROBATE_COURT, "Skifteretten", "https://www.domstol.dk"),
    AuthorityData(IMMIGRATION, "Udlændingestyrelsen", "https://us.dk"),
)

# --- Departments -------------------------------------------------------------

CITIZEN_SERVICE = "borgerservice"
COLLECTION = "opkraevning-og-ejendomsskat"
TECHNICAL = "teknik-og-miljoe"
CHILDCARE = "pladsanvisningen"
SCHOOLS = "skoleafdelingen"
SOCIAL_HEALTH = "social-og-sundhed"
HOUSING = "boliganvisningen"
ELECTIONS = "valgsekretariatet"

# The municipality's usual phone hours: Mon–Wed 9–15, Thu 9–17, Fri 9–13.
_STANDARD_PHONE_HOURS = (
    *_weekdays((MON, TUE, WED), "09:00", "15:00"),
    (THU, "09:00", "17:00"),
    (FRI, "09:00", "13:00"),
)

DEPARTMENTS: tuple[DepartmentData, ...] = (
    DepartmentData(
        CITIZEN_SERVICE,
        "Borgerservice",
        "70 10 20 30",
        f"borgerservice@{MUNICIPALITY_DOMAIN}",
        _STANDARD_PHONE_HOURS,
    ),
    DepartmentData(
        COLLECTION,
        "Opkrævning og Ejendomsskat",
        "70 10 20 31",
        f"opkraevning@{MUNICIPALITY_DOMAIN}",
        # Closed for lunch 12–12.30, so two intervals a day.
        (
            *_weekdays((MON, TUE, WED, THU), "09:00", "12:00"),
            *_weekdays((MON, TUE, WED, THU), "12:30", "15:00"),
            (FRI, "09:00", "12:00"),
        ),
    ),
    DepartmentData(
        TECHNICAL,
        "Teknik og Miljø",
        "70 10 20 32",
        f"teknik@{MUNICIPALITY_DOMAIN}",
        (*_weekdays((MON, TUE, WED, THU), "09:00", "14:00"), (FRI, "09:00", "12:00")),
    ),
    DepartmentData(
        CHILDCARE,
        "Børn og Unge – Pladsanvisningen",
        "70 10 20 33",
        f"pladsanvisning@{MUNICIPALITY_DOMAIN}",
        (*_weekdays((MON, TUE, WED), "09:00", "13:00"), (THU, "12:00", "17:00")),
    ),
    DepartmentData(
        SCHOOLS,
        "Skoleafdelingen",
        "70 10 20 34",
        f"skole@{MUNICIPALITY_DOMAIN}",
        (*_weekdays((MON, TUE, WED, THU), "09:00", "14:00"), (FRI, "09:00", "12:00")),
    ),
    DepartmentData(
        SOCIAL_HEALTH,
        "Social og Sundhed",
        "70 10 20 35",
        f"social.sundhed@{MUNICIPALITY_DOMAIN}",
        (
            *_weekdays((MON, TUE, WED, THU, FRI), "08:00", "12:00"),
            (THU, "13:00", "16:00"),
        ),
    ),
    DepartmentData(
        HOUSING,
        "Boliganvisningen",
        "70 10 20 36",
        f"boliganvisning@{MUNICIPALITY_DOMAIN}",
        (*_weekdays((MON, TUE, WED), "10:00", "14:00"), (THU, "10:00", "17:00")),
    ),
    DepartmentData(
        ELECTIONS,
        "Valgsekretariatet",
        "70 10 20 37",
        f"valg@{MUNICIPALITY_DOMAIN}",
        _weekdays((MON, TUE, WED, THU, FRI), "10:00", "14:00"),
    ),
)

# --- Subject areas -----------------------------------------------------------

SUBJECT_AREAS: tuple[SubjectAreaData, ...] = (
    SubjectAreaData(
        "pas",
        "Pas",
        "Passports",
        10,
        "Pas til voksne og børn og legitimationskort.",
        "Passports for adults and children, and ID cards.",
    ),
    SubjectAreaData(
        "koerekort",
        "Kørekort",
        "Driving licences",
        20,
        "Forny, ombyt og erstat.",
        "Renew, exchange or replace.",
    ),
    SubjectAreaData(
        "folkeregister",
        "Folkeregister",
        "Civil registration",
        30,
        "Flytning, attester og navne- og adressebeskyttelse.",
        "Moving, certificates and name and address protection.",
    ),
    SubjectAreaData(
        "sygesikring",
        "Sygesikring",
        "Health insurance",
        40,
        "Sundhedskort, lægevalg, det blå kort og lægekørsel.",
        "Health card, choice of doctor, the blue EU card and transport to the doctor.",
    ),
    SubjectAreaData(
        "mitid",
        "MitID",
        "MitID",
        50,
        "Få MitID med eller uden app.",
        "Get MitID with or without the app.",
    ),
    SubjectAreaData(
        "digital-post",
        "Digital Post",
        "Digital Post",
        60,
        "Fritagelse og hjælp.",
        "Exemption and help.",
    ),
    SubjectAreaData(
        "vielser",
        "Vielser",
        "Weddings",
        70,
        "Borgerlig vielse på rådhuset.",
        "Civil weddings at the town hall.",
    ),
    SubjectAreaData(
        "ejendomsskat",
        "Ejendomsskat",
        "Property tax",
        80,
        "Ejendomsskat og lån til at betale den.",
        "Property tax and loans to pay it.",
    ),
    SubjectAreaData(
        "opkraevning",
        "Opkrævning",
        "Payments and arrears",
        90,
        "Regninger og betalingsaftaler.",
        "Bills and payment plans.",
    ),
    SubjectAreaData(
        "boliganvisning",
        "Bolig",
        "Housing",
        100,
        "Boliganvisning, indskudslån og boligstøtte.",
        "Housing allocation, deposit loans and housing benefit.",
    ),
    SubjectAreaData(
        "valg",
        "Valg",
        "Elections",
        110,
        "Brevstemme og valgkort.",
        "Postal votes and polling cards.",
    ),
    SubjectAreaData(
        "pension",
        "Pension",
        "Pensions",
        120,
        "Folkepension og tillæg.",
        "State pension and supplements.",
    ),
    SubjectAreaData(
        "boern-og-familie",
        "Børn og familie",
        "Children and family",
        130,
        "Dagtilbud, skole og børne- og ungeydelse.",
        "Day care, school and child benefit.",
    ),
    SubjectAreaData(
        "skat",
        "Skat",
        "Tax",
        140,
        "Forskudsopgørelse og skattekort.",
        "Preliminary income assessment and tax card.",
    ),
    SubjectAreaData(
        "byggeri",
        "Byggeri",
        "Building",
        150,
        "Byggetilladelse og anmeldelse.",
        "Building permits and notifications.",
    ),
    SubjectAreaData(
        "affald",
        "Affald og genbrug",
        "Waste and recycling",
        160,
        "Storskrald m.m.",
        "Bulky waste and more.",
    ),
    SubjectAreaData(
        "miljoe-og-natur",
        "Miljø og natur",
        "Environment and nature",
        170,
        "Rotter og nyttehaver.",
        "Rats and allotments.",
    ),
    SubjectAreaData(
        "ny-i-danmark",
        "Ny i Danmark",
        "New in Denmark",
        180,
        "Indrejse, CPR-nummer og registreringsbevis.",
        "Arrival, CPR number and registration certificate.",
    ),
)

# --- Services ----------------------------------------------------------------

_P, _PH, _SS, _CH = Channel.PERSONAL, Channel.PHONE, Channel.SELF_SERVICE, Channel.CHAT
_EM, _DP, _LE, _VI = Channel.EMAIL, Channel.DIGITAL_POST, Channel.LETTER, Channel.VIDEO

_BORGER = "https://www.borger.dk"

SERVICES: tuple[ServiceData, ...] = (
    # Pas
    ServiceData(
        slug="pas-voksne",
        name="Pas til voksne",
        name_en="Passport for adults",
        subject_area="pas",
        authority=POLICE,
        department=CITIZEN_SERVICE,
        description=(
            "Bestil tid og mød op i Borgerservice med dit gamle pas, så tager vi foto og "
            "fingeraftryk. Udfyld gerne ansøgningen digitalt først – så går det hurtigere."
        ),
        description_en=(
            "Book a time and come to Citizen Service with your old passport; we take your photo "
            "and fingerprints. Filling in the application online first makes the visit quicker."
        ),
        channels=_channels(_P, _PH, _SS),
        self_service_url=f"{_BORGER}/transport-trafik-rejser/pas-og-id/pas/ansoeg-om-pas",
        needs_personal_attendance=True,
        minutes_per_expedition=15,
        fee=Decimal("891"),  # 18 år til folkepensionsalderen, 2023; dobbelt uden gammelt pas
        keywords=("pas", "nyt pas", "forny pas", "passport", "rejsepas", "mistet pas"),
    ),
    ServiceData(
        slug="pas-boern",
        name="Pas til børn og unge under 18 år",
        name_en="Passport for children under 18",
        subject_area="pas",
        authority=POLICE,
        department=CITIZEN_SERVICE,
        description=(
            "Barnet skal selv møde op, og alle med forældremyndighed skal give samtykke – "
            "det kan gøres digitalt inden besøget."
        ),
        description_en=(
            "The child must attend in person, and everyone with parental responsibility must "
            "consent, which can be done online before the visit."
        ),
        channels=_channels(_P, _PH, _SS),
        self_service_url=f"{_BORGER}/transport-trafik-rejser/pas-og-id/pas/ansoeg-om-pas",
        needs_personal_attendance=True,
        minutes_per_expedition=15,
        fee=Decimal("150"),  # 0–11 år, 2023
        keywords=("børnepas", "pas til barn", "samtykke pas", "givsamtykke"),
    ),
    ServiceData(
        slug="legitimationskort",
        name="Legitimationskort",
        name_en="ID card",
        subject_area="pas",
        authority=MUNICIPALITY,
        department=CITIZEN_SERVICE,
        description=(
            "Er du fyldt 15 år og bor i Demo Kommune, kan du få et legitimationskort med foto. "
            "Det gælder i 10 år, men kan ikke bruges som rejsedokument."
        ),
        description_en=(
            "If you are 15 or older and live in Demo Kommune, you can get a photo ID card. "
            "It is valid for 10 years but is not a travel document."
        ),
        channels=_channels(_P, _PH),
        needs_personal_attendance=True,
        minutes_per_expedition=10,
        fee=Decimal("150"),
        keywords=("id-kort", "ungekort", "billedlegitimation", "legitimation"),
    ),
    # Kørekort
    ServiceData(
        slug="koerekort-fornyelse",
        name="Fornyelse af kørekort",
        name_en="Renewing a driving licence",
        subject_area="koerekort",
        authority=FSTYR,
        department=CITIZEN_SERVICE,
        description=(
            "Du kan forny dit kørekort op til tre måneder før det udløber. Medbring et nyt foto "
            "eller få taget et hos os, og aflever dit gamle kørekort."
        ),
        description_en=(
            "You can renew your licence up to three months before it expires. Bring a new photo "
            "or have one taken here, and hand in your old licence."
        ),
        channels=_channels(_P, _PH, _SS),
        self_service_url=f"{_BORGER}/transport-trafik-rejser/koerekort/forny-koerekort",
        needs_personal_attendance=True,
        minutes_per_expedition=15,
        fee=Decimal("190"),  # Færdselsstyrelsen 2025
        keywords=("kørekort", "forny kørekort", "udløbet kørekort", "driving licence"),
    ),
    ServiceData(
        slug="koerekort-ombytning",
        name="Ombytning af udenlandsk kørekort",
        name_en="Exchanging a foreign driving licence",
        subject_area="koerekort",
        authority=FSTYR,
        department=CITIZEN_SERVICE,
        description=(
            "Har du fast bopæl i Danmark, kan du bytte dit udenlandske kørekort til et dansk. "
            "Medbring kørekortet, pas og foto."
        ),
        description_en=(
            "If you live in Denmark, you can exchange your foreign licence for a Danish one. "
            "Bring the licence, your passport and a photo."
        ),
        channels=_channels(_P, _PH),
        needs_personal_attendance=True,
        minutes_per_expedition=20,
        fee=Decimal("360"),  # Færdselsstyrelsen 2025
        keywords=("ombytning", "udenlandsk kørekort", "exchange licence", "ombyt kørekort"),
    ),
    ServiceData(
        slug="koerekort-duplikat",
        name="Mistet eller ødelagt kørekort",
        name_en="Lost or damaged driving licence",
        subject_area="koerekort",
        authority=FSTYR,
        department=CITIZEN_SERVICE,
        description=(
            "Har du mistet dit kørekort, eller er det slidt, får du et duplikatkørekort i "
            "Borgerservice. Du kan få et midlertidigt kørekort med det samme."
        ),
        description_en=(
            "If your licence is lost or worn, Citizen Service issues a duplicate. "
            "You can get a temporary licence straight away."
        ),
        channels=_channels(_P, _PH),
        needs_personal_attendance=True,
        minutes_per_expedition=15,
        fee=Decimal("370"),  # Færdselsstyrelsen 2025
        keywords=("duplikatkørekort", "mistet kørekort", "stjålet kørekort", "nyt kørekort"),
    ),
    # Folkeregister
    ServiceData(
        slug="flytning",
        name="Anmeld flytning",
        name_en="Reporting a change of address",
        subject_area="folkeregister",
        authority=MUNICIPALITY,
        department=CITIZEN_SERVICE,
        description=(
            "Du skal melde flytning digitalt senest fem dage efter, du er flyttet. Du vælger "
            "læge samtidig og får et nyt sundhedskort med posten."
        ),
        description_en=(
            "Report your move online no later than five days after moving. You choose a doctor "
            "at the same time and receive a new health card by post."
        ),
        channels=_channels(_SS, _P, _PH, _CH),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/bolig-og-flytning/flytning_oversigt/flytning-i-danmark",
        minutes_per_expedition=10,
        fee=Decimal("0"),
        keywords=("flytning", "meld flytning", "ny adresse", "adresseændring", "flytte"),
    ),
    ServiceData(
        slug="bopaelsattest",
        name="Bopælsattest",
        name_en="Certificate of residence",
        subject_area="folkeregister",
        authority=MUNICIPALITY,
        department=CITIZEN_SERVICE,
        description=(
            "En bopælsattest viser, hvor du bor og har boet ifølge folkeregistret. "
            "Du kan bestille den digitalt eller få den i Borgerservice."
        ),
        description_en=(
            "A certificate of residence shows where you live and have lived according to the "
            "civil register. Order it online or get it at Citizen Service."
        ),
        channels=_channels(_SS, _P, _PH, _DP),
        self_service_url=f"{_BORGER}/samfund-og-rettigheder/folkeregister/bopaelsattest",
        minutes_per_expedition=5,
        fee=Decimal("75"),
        keywords=("bopælsattest", "adresseattest", "folkeregisterattest", "personattest"),
    ),
    ServiceData(
        slug="navne-og-adressebeskyttelse",
        name="Navne- og adressebeskyttelse",
        name_en="Name and address protection",
        subject_area="folkeregister",
        authority=MUNICIPALITY,
        department=CITIZEN_SERVICE,
        description=(
            "Med navne- og adressebeskyttelse videregiver folkeregistret ikke din adresse til "
            "private. Beskyttelsen gælder et år ad gangen og søges digitalt."
        ),
        description_en=(
            "With name and address protection the civil register does not pass your address on "
            "to private parties. It lasts a year at a time; apply online."
        ),
        channels=_channels(_SS, _P, _PH, _DP),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/samfund-og-rettigheder/folkeregister/navne-og-adressebeskyttelse",
        minutes_per_expedition=10,
        keywords=("adressebeskyttelse", "hemmelig adresse", "beskyttet adresse"),
    ),
    # Sygesikring
    ServiceData(
        slug="sundhedskort-og-laegeskift",
        name="Sundhedskort og lægeskift",
        name_en="Health card and change of doctor",
        subject_area="sygesikring",
        authority=MUNICIPALITY,
        department=CITIZEN_SERVICE,
        description=(
            "Skift læge eller bestil nyt sundhedskort digitalt. Det er gratis ved flytning; "
            "ellers koster et nyt kort et gebyr."
        ),
        description_en=(
            "Change doctor or order a new health card online. It is free when you move; "
            "otherwise a new card costs a fee."
        ),
        channels=_channels(_SS, _P, _PH, _CH),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/sundhed-og-sygdom/laege-og-sygesikring/laegevalg-og-sundhedskort",
        minutes_per_expedition=10,
        fee=Decimal("225"),  # 2024
        keywords=(
            "sundhedskort",
            "det gule kort",
            "sygesikringsbevis",
            "lægeskift",
            "skift læge",
            "sikringsgruppe",
        ),
    ),
    ServiceData(
        slug="eu-sygesikringskort",
        name="Det blå EU-sygesikringskort",
        name_en="European Health Insurance Card",
        subject_area="sygesikring",
        authority=UDK,
        department=CITIZEN_SERVICE,
        description=(
            "Det blå kort giver ret til nødvendig behandling på rejser i EU, EØS og Schweiz. "
            "Du bestiller det gratis på borger.dk og får et midlertidigt bevis med det samme."
        ),
        description_en=(
            "The blue card covers necessary treatment when travelling in the EU, EEA and "
            "Switzerland. Order it free on borger.dk and get a temporary certificate at once."
        ),
        channels=_channels(_SS, _P, _PH, _DP),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/transport-trafik-rejser/udlandsrejser/eu-sygesikringskortet-det-blaa-kort",
        minutes_per_expedition=10,
        fee=Decimal("0"),
        keywords=("blåt kort", "det blå kort", "ehic", "rejsesygesikring", "sygesikring udland"),
    ),
    ServiceData(
        slug="laegekoersel",
        name="Lægekørsel",
        name_en="Transport to the doctor",
        subject_area="sygesikring",
        authority=MUNICIPALITY,
        department=SOCIAL_HEALTH,
        description=(
            "Modtager du pension og kan ikke selv komme til lægen, kan du søge om kørsel eller "
            "befordringsgodtgørelse til læge og speciallæge."
        ),
        description_en=(
            "If you receive a pension and cannot get to the doctor on your own, you can apply "
            "for transport or a travel allowance to your doctor or specialist."
        ),
        channels=_channels(_SS, _PH, _DP, _LE),
        self_service_url=f"{_BORGER}/sundhed-og-sygdom/laege-og-sygesikring/befordring-til-laege",
        keywords=("lægekørsel", "befordring", "kørsel til læge", "befordringsgodtgørelse"),
    ),
    ServiceData(
        slug="refusion-behandling-i-eu",
        name="Refusion for behandling i et andet EU-land",
        name_en="Reimbursement for treatment in another EU country",
        subject_area="sygesikring",
        authority=STPS,
        department=None,
        description=(
            "Har du selv betalt for behandling i et andet EU/EØS-land, kan du søge "
            "Styrelsen for Patientsikkerhed om at få udgiften refunderet."
        ),
        description_en=(
            "If you paid for treatment in another EU/EEA country yourself, you can apply to the "
            "Danish Patient Safety Authority for a refund."
        ),
        channels=_channels(_SS, _PH, _LE),
        self_service_url="https://stps.dk/da/borgere/eu-sygesikring/",
        keywords=("refusion", "behandling i udlandet", "lægeregning udland"),
    ),
    # MitID
    ServiceData(
        slug="mitid-app",
        name="MitID med app",
        name_en="MitID with the app",
        subject_area="mitid",
        authority=DIGST,
        department=CITIZEN_SERVICE,
        description=(
            "Med et pas eller kørekort kan du selv oprette MitID i appen. "
            "Kan du ikke det, hjælper vi dig i Borgerservice."
        ),
        description_en=(
            "With a passport or driving licence you can set up MitID in the app yourself. "
            "If you cannot, we help you at Citizen Service."
        ),
        channels=_channels(_SS, _P, _PH),
        self_service_url="https://www.mitid.dk/",
        minutes_per_expedition=15,
        fee=Decimal("0"),
        keywords=("mitid", "nemid", "mitid app", "login", "digital signatur"),
    ),
    ServiceData(
        slug="mitid-uden-app",
        name="MitID uden app (kodeviser eller kodeoplæser)",
        name_en="MitID without the app (code display or audio code reader)",
        subject_area="mitid",
        authority=DIGST,
        department=CITIZEN_SERVICE,
        description=(
            "Kan du ikke bruge appen, får du MitID med en kodeviser eller kodeoplæser i "
            "Borgerservice. Medbring pas eller kørekort."
        ),
        description_en=(
            "If you cannot use the app, you get MitID with a code display or audio code reader "
            "at Citizen Service. Bring your passport or driving licence."
        ),
        channels=_channels(_P, _PH),
        needs_personal_attendance=True,
        minutes_per_expedition=20,
        fee=Decimal("0"),
        keywords=("kodeviser", "kodeoplæser", "nemid nøglekort", "mitid chip"),
    ),
    # Digital Post
    ServiceData(
        slug="fritagelse-digital-post",
        name="Fritagelse for Digital Post",
        name_en="Exemption from Digital Post",
        subject_area="digital-post",
        authority=MUNICIPALITY,
        department=CITIZEN_SERVICE,
        description=(
            "Kan du ikke bruge Digital Post, kan du blive fritaget og få din post fra det "
            "offentlige med almindelig post. Fritagelsen aftales i Borgerservice."
        ),
        description_en=(
            "If you cannot use Digital Post, you can be exempted and receive your public mail "
            "on paper. The exemption is arranged at Citizen Service."
        ),
        channels=_channels(_P, _PH, _LE),
        minutes_per_expedition=15,
        fee=Decimal("0"),
        keywords=("fritagelse", "e-boks", "digital post", "papirpost", "mit.dk"),
    ),
    # Vielser
    ServiceData(
        slug="vielse",
        name="Borgerlig vielse",
        name_en="Civil wedding",
        subject_area="vielser",
        authority=MUNICIPALITY,
        department=CITIZEN_SERVICE,
        description=(
            "Når Familieretshuset har godkendt ægteskabsbetingelserne, kan I blive viet på "
            "rådhuset. Book en tid og tag to vidner med."
        ),
        description_en=(
            "Once the Agency of Family Law has approved the conditions for marriage, you can be "
            "married at the town hall. Book a time and bring two witnesses."
        ),
        channels=_channels(_P, _PH, _EM),
        needs_personal_attendance=True,
        minutes_per_expedition=30,
        fee=Decimal("0"),
        keywords=("vielse", "bryllup", "borgerlig vielse", "gift", "rådhusbryllup"),
    ),
    ServiceData(
        slug="proevelse-af-aegteskabsbetingelser",
        name="Prøvelse af ægteskabsbetingelser",
        name_en="Approval of the conditions for marriage",
        subject_area="vielser",
        authority=FAMILY_COURT,
        department=None,
        description=(
            "Før vielsen skal Familieretshuset prøve, om I opfylder betingelserne for at blive "
            "gift. I søger digitalt og kan tidligst søge fire måneder før."
        ),
        description_en=(
            "Before the wedding, the Agency of Family Law checks that you meet the conditions "
            "for marriage. Apply online, at the earliest four months ahead."
        ),
        channels=_channels(_SS, _PH),
        mandatory_self_service=True,
        self_service_url="https://familieretshuset.dk/aegteskab/proevelse-af-aegteskabsbetingelser",
        keywords=("ægteskabserklæring", "prøvelsesattest", "ægteskabsbetingelser"),
    ),
    # Ejendomsskat
    ServiceData(
        slug="ejendomsskat",
        name="Ejendomsskat",
        name_en="Property tax",
        subject_area="ejendomsskat",
        authority=MUNICIPALITY,
        department=COLLECTION,
        description=(
            "Kommunen opkræver grundskyld i to rater om året på dit ejendomsskattebillet. "
            "Spørgsmål om selve vurderingen hører til Vurderingsstyrelsen."
        ),
        description_en=(
            "The municipality collects land tax in two instalments a year on your property tax "
            "bill. Questions about the valuation itself go to the Danish Property Assessment "
            "Agency."
        ),
        channels=_channels(_PH, _EM, _DP, _P),
        minutes_per_expedition=15,
        keywords=("grundskyld", "ejendomsskattebillet", "dækningsafgift", "rate"),
    ),
    ServiceData(
        slug="laan-til-ejendomsskat",
        name="Lån til betaling af ejendomsskat",
        name_en="Loan for paying property tax",
        subject_area="ejendomsskat",
        authority=MUNICIPALITY,
        department=COLLECTION,
        description=(
            "Er du folkepensionist og ejer din bolig, kan du låne til ejendomsskatten med "
            "pant i boligen. Du søger digitalt."
        ),
        description_en=(
            "If you receive a state pension and own your home, you can borrow to pay property "
            "tax, secured on the home. Apply online."
        ),
        channels=_channels(_SS, _PH, _DP, _P),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/bolig-og-flytning/ejendomsskat/laan-til-betaling-af-ejendomsskat",
        minutes_per_expedition=20,
        keywords=("lån til grundskyld", "pensionistlån", "ejendomsskattelån"),
    ),
    # Opkrævning
    ServiceData(
        slug="opkraevning-og-restancer",
        name="Opkrævning og restancer",
        name_en="Payments and arrears",
        subject_area="opkraevning",
        authority=MUNICIPALITY,
        department=COLLECTION,
        description=(
            "Kan du ikke betale en regning fra kommunen til tiden, så kontakt os – vi kan "
            "ofte lave en betalingsaftale, før gælden sendes til inddrivelse."
        ),
        description_en=(
            "If you cannot pay a municipal bill on time, contact us – we can often agree a "
            "payment plan before the debt is sent for collection."
        ),
        channels=_channels(_PH, _EM, _DP, _P),
        minutes_per_expedition=15,
        keywords=("restance", "betalingsaftale", "rykker", "gæld", "regning", "afdrag"),
    ),
    # Bolig
    ServiceData(
        slug="boliganvisning",
        name="Boliganvisning",
        name_en="Social housing referral",
        subject_area="boliganvisning",
        authority=MUNICIPALITY,
        department=HOUSING,
        description=(
            "Står du akut uden bolig, kan kommunen i nogle tilfælde anvise en almen bolig. "
            "Kontakt Boliganvisningen for en vurdering."
        ),
        description_en=(
            "If you urgently have nowhere to live, the municipality can in some cases refer you "
            "to social housing. Contact the housing office for an assessment."
        ),
        channels=_channels(_P, _PH, _EM, _DP),
        minutes_per_expedition=20,
        keywords=("bolig", "akut bolig", "almen bolig", "boligsocial anvisning", "hjemløs"),
    ),
    ServiceData(
        slug="indskudslaan",
        name="Indskudslån",
        name_en="Loan for a rental deposit",
        subject_area="boliganvisning",
        authority=MUNICIPALITY,
        department=HOUSING,
        description=(
            "Skal du flytte ind i en almen bolig og har svært ved at betale indskuddet, kan du "
            "søge om et rentefrit lån. Søg digitalt, før du flytter ind."
        ),
        description_en=(
            "If you are moving into social housing and cannot pay the deposit, you can apply "
            "for an interest-free loan. Apply online before you move in."
        ),
        channels=_channels(_SS, _PH, _DP, _P),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/bolig-og-flytning/leje-af-bolig/indskudslaan",
        minutes_per_expedition=20,
        keywords=("beboerindskud", "depositum", "lån til indskud"),
    ),
    ServiceData(
        slug="boligstoette",
        name="Boligstøtte",
        name_en="Housing benefit",
        subject_area="boliganvisning",
        authority=UDK,
        department=CITIZEN_SERVICE,
        description=(
            "Boligstøtte er et tilskud til huslejen, som Udbetaling Danmark behandler. "
            "Du søger digitalt; Borgerservice hjælper, hvis du ikke kan selv."
        ),
        description_en=(
            "Housing benefit is a rent subsidy handled by Udbetaling Danmark. Apply online; "
            "Citizen Service helps if you cannot do it yourself."
        ),
        channels=_channels(_SS, _PH, _DP, _P),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/bolig-og-flytning/boligstoette-oversigt/boligstoette",
        minutes_per_expedition=15,
        keywords=("boligsikring", "boligydelse", "huslejetilskud", "tilskud til husleje"),
    ),
    # Valg
    ServiceData(
        slug="brevstemme",
        name="Brevstemme",
        name_en="Postal vote",
        subject_area="valg",
        authority=MUNICIPALITY,
        department=ELECTIONS,
        description=(
            "Kan du ikke stemme på valgdagen, kan du brevstemme i Borgerservice i ugerne før "
            "valget. Medbring legitimation."
        ),
        description_en=(
            "If you cannot vote on election day, you can cast a postal vote at Citizen Service "
            "in the weeks before the election. Bring ID."
        ),
        channels=_channels(_P, _PH),
        needs_personal_attendance=True,
        minutes_per_expedition=10,
        fee=Decimal("0"),
        keywords=("brevstemme", "stemme", "valg", "brevafstemning", "forhåndsstemme"),
    ),
    # Pension
    ServiceData(
        slug="folkepension",
        name="Folkepension",
        name_en="State pension",
        subject_area="pension",
        authority=UDK,
        department=CITIZEN_SERVICE,
        description=(
            "Folkepension kommer ikke automatisk – du søger digitalt hos Udbetaling Danmark, "
            "tidligst et halvt år før du når folkepensionsalderen."
        ),
        description_en=(
            "The state pension is not paid automatically – apply online to Udbetaling Danmark, "
            "at the earliest six months before you reach pension age."
        ),
        channels=_channels(_SS, _PH, _DP, _P),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/oekonomi-skat-su/pension-og-efterloen/foer-du-gaar-paa-folkepension",
        minutes_per_expedition=20,
        keywords=("pension", "folkepension", "pensionsalder", "udskyd pension", "ældrecheck"),
    ),
    ServiceData(
        slug="helbredstillaeg",
        name="Helbredstillæg",
        name_en="Health supplement for pensioners",
        subject_area="pension",
        authority=MUNICIPALITY,
        department=SOCIAL_HEALTH,
        description=(
            "Folkepensionister med lav formue kan få tilskud til fx tandlæge, medicin og "
            "briller. Kommunen behandler ansøgningen."
        ),
        description_en=(
            "State pensioners with low savings can get help with costs such as dentist, "
            "medicine and glasses. The municipality handles the application."
        ),
        channels=_channels(_SS, _PH, _DP, _P),
        self_service_url=f"{_BORGER}/oekonomi-skat-su/pension-og-efterloen/helbredstillaeg",
        minutes_per_expedition=15,
        keywords=("helbredstillæg", "tandlægetilskud", "medicintilskud", "briller"),
    ),
    # Børn og familie
    ServiceData(
        slug="boerne-og-ungeydelse",
        name="Børne- og ungeydelse",
        name_en="Child and youth benefit",
        subject_area="boern-og-familie",
        authority=UDK,
        department=CITIZEN_SERVICE,
        description=(
            "Børne- og ungeydelsen udbetales kvartalsvis af Udbetaling Danmark og kommer som "
            "regel automatisk. Ændringer og ansøgninger klares digitalt."
        ),
        description_en=(
            "Udbetaling Danmark pays the child and youth benefit quarterly, usually "
            "automatically. Changes and applications are made online."
        ),
        channels=_channels(_SS, _PH, _DP, _P),
        mandatory_self_service=True,
        self_service_url=f"{_BORGER}/familie-og-boern/familieydelser/boerne-og-ungeydelse",
        minutes_per_expedition=10,
        keywords=("børnepenge", "børnecheck", "ungeydelse", "familieydelse"),
    ),
    ServiceData(
        slug="pladsanvisning",
        name="Pladsanvisning – vuggestue, dagpleje og børnehave",
        name_en="Childcare places – nursery, childminder and kindergarten",
        subject_area="boern-og-familie",
        authority=MUNICIPALITY,
        department=CHILDCARE,
        description=(
            "Skriv dit barn op til dagpleje, vuggestue eller børnehave digitalt. "
            "Her søger du også om økonomisk fripladstilskud."
        ),
        description_en=(
            "Put your child's name down for a childminder, nursery or kindergarten online. "
            "This is also where you apply for a reduced fee."
        ),
        channels=_channels(_SS, _PH, _EM, _P),
        mandatory_self_service=True,
        self_service_url=f"{MUNICIPALITY_SITE}/pladsanvisning",
        minutes_per_expedition=15,
        keywords=("dagpleje", "vuggestue", "børnehave", "opskrivning", "friplads", "pasning"),
    ),
    ServiceData(
        slug="skoleindskrivning",
        name="Skoleindskrivning",
        name_en="School enrolment",
        subject_area="boern-og-familie",
        authority=MUNICIPALITY,
        department=SCHOOLS,
        description=(
            "Børn skal skrives ind i børnehaveklasse i det år, de fylder seks. "
            "Indskrivningen foregår digitalt i vinterhalvåret."
        ),
        description_en=(
            "Children are enrolled in reception class in the year they turn six. "
            "Enrolment takes place online during the winter."
        ),
        channels=_channels(_SS, _PH, _EM),
        mandatory_self_service=True,
        self_service_url=f"{MUNICIPALITY_SITE}/skoleindskrivning",
        keywords=("skolestart", "børnehaveklasse", "indskrivning", "skoleskift", "sfo"),
    ),
    # Skat
    ServiceData(
        slug="forskudsopgoerelse",
        name="Forskudsopgørelse og skattekort",
        name_en="Preliminary income assessment and tax card",
        subject_area="skat",
        authority=SKAT,
        department=CITIZEN_SERVICE,
        description=(
            "Ret din forskudsopgørelse på skat.dk, når din indkomst eller dine fradrag ændrer "
            "sig. Borgerservice kan hjælpe dig i gang."
        ),
        description_en=(
            "Update your preliminary income assessment on skat.dk when your income or "
            "deductions change. Citizen Service can help you get started."
        ),
        channels=_channels(_SS, _PH, _P),
        self_service_url="https://skat.dk/borger/forskudsopgoerelse",
        minutes_per_expedition=15,
        keywords=("forskudsopgørelse", "skattekort", "trækprocent", "fradrag", "skat"),
    ),
    # Byggeri
    ServiceData(
        slug="byggesag",
        name="Byggetilladelse og byggesag",
        name_en="Building permit",
        subject_area="byggeri",
        authority=MUNICIPALITY,
        department=TECHNICAL,
        description=(
            "Ansøg om byggetilladelse eller anmeld byggeri på Byg og Miljø. "
            "Byggesagsbehandleren kan holde et videomøde med dig om projektet."
        ),
        description_en=(
            "Apply for a building permit or notify building work via Byg og Miljø. "
            "A caseworker can meet you by video about the project."
        ),
        channels=_channels(_SS, _PH, _EM, _VI),
        mandatory_self_service=True,
        self_service_url="https://bygogmiljoe.dk",
        keywords=("byggetilladelse", "carport", "tilbygning", "anmeld byggeri", "byggesag"),
    ),
    # Affald og genbrug
    ServiceData(
        slug="affald",
        name="Affald og storskrald",
        name_en="Waste and bulky waste",
        subject_area="affald",
        authority=MUNICIPALITY,
        department=TECHNICAL,
        description=(
            "Bestil afhentning af storskrald, skift størrelse på affaldsbeholderen eller meld "
            "en manglende tømning."
        ),
        description_en=(
            "Book a bulky waste pick-up, change the size of your bin or report a missed collection."
        ),
        channels=_channels(_SS, _PH, _EM, _CH),
        self_service_url=f"{MUNICIPALITY_SITE}/affald/bestil-storskrald",
        keywords=("storskrald", "skraldespand", "tømning", "genbrug", "renovation"),
    ),
    # Miljø og natur
    ServiceData(
        slug="rotteanmeldelse",
        name="Anmeld rotter",
        name_en="Reporting rats",
        subject_area="miljoe-og-natur",
        authority=MUNICIPALITY,
        department=TECHNICAL,
        description=(
            "Du har pligt til at anmelde rotter, og det skal ske digitalt. Kommunens "
            "rottebekæmper kommer normalt inden for få hverdage."
        ),
        description_en=(
            "You are required to report rats, and it must be done online. The municipality's "
            "pest controller usually comes within a few working days."
        ),
        channels=_channels(_SS, _PH),
        mandatory_self_service=True,
        self_service_url=f"{MUNICIPALITY_SITE}/miljoe/anmeld-rotter",
        keywords=("rotter", "rotte", "skadedyr", "rottebekæmpelse", "mus"),
    ),
    ServiceData(
        slug="nyttehaver",
        name="Nyttehaver",
        name_en="Allotment gardens",
        subject_area="miljoe-og-natur",
        authority=MUNICIPALITY,
        department=TECHNICAL,
        description=(
            "Kommunen udlejer nyttehaver for en sæson ad gangen. Skriv dig på ventelisten digitalt."
        ),
        description_en=(
            "The municipality rents out allotment gardens one season at a time. "
            "Join the waiting list online."
        ),
        channels=_channels(_SS, _EM, _PH),
        self_service_url=f"{MUNICIPALITY_SITE}/nyttehaver",
        keywords=("nyttehave", "kolonihave", "haveleje", "venteliste have"),
    ),
    # Ny i Danmark
    ServiceData(
        slug="indrejse",
        name="Tilflytning fra udlandet (CPR-registrering)",
        name_en="Moving to Denmark (CPR registration)",
        subject_area="ny-i-danmark",
        authority=MUNICIPALITY,
        department=CITIZEN_SERVICE,
        description=(
            "Flytter du til Danmark, skal du registreres i folkeregistret og få et CPR-nummer. "
            "Bestil tid og medbring pas, opholdsdokument og lejekontrakt."
        ),
        description_en=(
            "When you move to Denmark you must register with the civil register and get a CPR "
            "number. Book a time and bring your passport, residence document and lease."
        ),
        channels=_channels(_P, _PH, _EM),
        self_service_url="https://lifeindenmark.borger.dk/moving-to-denmark",
        needs_personal_attendance=True,
        minutes_per_expedition=30,
        fee=Decimal("0"),
        keywords=("indrejse", "cpr-nummer", "tilflytning", "cpr registration", "ny i danmark"),
    ),
    ServiceData(
        slug="eu-registreringsbevis",
        name="Registreringsbevis for EU/EØS-borgere",
        name_en="Registration certificate for EU/EEA citizens",
        subject_area="ny-i-danmark",
        authority=SIRI,
        department=None,
        description=(
            "EU/EØS-borgere, der skal bo i Danmark i mere end tre måneder, skal have et "
            "registreringsbevis fra SIRI, før de kan få et CPR-nummer."
        ),
        description_en=(
            "EU/EEA citizens staying in Denmark for more than three months need a registration "
            "certificate from SIRI before they can get a CPR number."
        ),
        channels=_channels(_SS, _PH),
        self_service_url="https://lifeindenmark.borger.dk/moving-to-denmark/eu-eea-citizens",
        keywords=("eu-ophold", "registreringsbevis", "eu residence", "siri", "opholdsbevis"),
    ),
)

# --- Locations and desks -----------------------------------------------------

PASSPORT_AND_LICENCE = (
    "pas-voksne",
    "pas-boern",
    "legitimationskort",
    "koerekort-fornyelse",
    "koerekort-ombytning",
    "koerekort-duplikat",
)

LOCATIONS: tuple[LocationData, ...] = (
    LocationData(
        slug="borgerservice-raadhuset",
        name="Borgerservice Rådhuset",
        kind=LocationKind.CITIZEN_SERVICE_CENTRE,
        street="Torvet 1",
        postcode="4000",
        city="Demoby",
        phone="70 10 20 30",
        email=f"borgerservice@{MUNICIPALITY_DOMAIN}",
        opening_hours=(
            *_weekdays((MON, TUE, WED), "10:00", "15:00"),
            # The long Thursday has a short lunch closure.
            (THU, "10:00", "12:00"),
            (THU, "12:30", "17:30"),
            (FRI, "10:00", "13:00"),
            (SAT, "10:00", "13:00"),
        ),
        desks=(
            DeskData(1, "Pas og kørekort", PASSPORT_AND_LICENCE),
            DeskData(2, "Pas og kørekort", PASSPORT_AND_LICENCE),
            DeskData(
                3,
                "Folkeregister og sygesikring",
                (
                    "flytning",
                    "indrejse",
                    "bopaelsattest",
                    "navne-og-adressebeskyttelse",
                    "sundhedskort-og-laegeskift",
                    "eu-sygesikringskort",
                    "fritagelse-digital-post",
                ),
            ),
            DeskData(4, "Alle ydelser", (ALL_PERSONAL,)),
            DeskData(
                5,
                "Ejendomsskat, opkrævning og bolig",
                (
                    "ejendomsskat",
                    "laan-til-ejendomsskat",
                    "opkraevning-og-restancer",
                    "boliganvisning",
                    "indskudslaan",
                    "boligstoette",
                    "folkepension",
                    "helbredstillaeg",
                ),
            ),
            DeskData(
                6,
                "Vielser og MitID",
                ("vielse", "mitid-app", "mitid-uden-app", "brevstemme"),
            ),
        ),
    ),
    LocationData(
        slug="borgerservice-biblioteket",
        name="Borgerservice Biblioteket",
        kind=LocationKind.LIBRARY,
        street="Biblioteksgade 2",
        postcode="4000",
        city="Demoby",
        phone="70 10 20 30",
        email=f"borgerservice@{MUNICIPALITY_DOMAIN}",
        opening_hours=(
            (TUE, "12:00", "17:00"),
            (THU, "12:00", "17:00"),
            (SAT, "10:00", "13:00"),
        ),
        desks=(
            DeskData(
                1,
                "Pas og kørekort",
                ("pas-voksne", "pas-boern", "legitimationskort", "koerekort-fornyelse"),
            ),
            DeskData(
                2,
                "Borgerservice i biblioteket",
                (
                    "flytning",
                    "sundhedskort-og-laegeskift",
                    "mitid-app",
                    "forskudsopgoerelse",
                    "pladsanvisning",
                    "boerne-og-ungeydelse",
                    "fritagelse-digital-post",
                    "brevstemme",
                ),
            ),
        ),
    ),
)

TOWN_HALL = LOCATIONS[0].slug
LIBRARY = LOCATIONS[1].slug


def _first_weekday(year: int, month: int, weekday: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def municipal_election_day(year: int) -> date:
    """Kommunal- og regionsrådsvalg: the third Tuesday of November every four
    years (2025, 2029, …); the first one in `year` or later."""
    year += (2025 - year) % 4
    return _first_weekday(year, 11, TUE) + timedelta(weeks=2)


def closures_for(year: int) -> dict[str, tuple[ClosureData, ...]]:
    """Dated closures per location slug for `year`, on dates fixed by the year
    (the same on every run in that year, so the seed stays idempotent)."""
    town_hall: list[ClosureData] = []
    for y in (year, year + 1):
        friday_after_ascension = easter(y) + timedelta(days=40)
        town_hall.append(
            ClosureData(
                friday_after_ascension,
                friday_after_ascension,
                "Lukket fredag efter Kristi himmelfartsdag",
            )
        )
    training_day = _first_weekday(year, 12, WED)
    town_hall.append(
        ClosureData(
            training_day,
            training_day,
            "Kompetencedag for medarbejderne – åbent fra kl. 12",
            from_time="10:00",
            to_time="12:00",
        )
    )
    return {TOWN_HALL: tuple(town_hall)}


def extra_openings_for(year: int) -> dict[str, tuple[ExtraOpeningData, ...]]:
    """Extra openings per location slug: longer hours for postal votes on the
    Saturday before the next municipal election."""
    saturday_before = municipal_election_day(year) - timedelta(days=3)
    return {
        TOWN_HALL: (
            ExtraOpeningData(
                saturday_before, "10:00", "16:00", "Ekstra åbent for brevstemmer før valget"
            ),
        )
    }


# --- Staff -------------------------------------------------------------------

STAFF: tuple[StaffData, ...] = (
    StaffData("skranke", "Mette", "Jensen", (Role.FRONT_DESK,), CITIZEN_SERVICE),
    StaffData("skranke2", "Ahmad", "Rasmussen", (Role.FRONT_DESK,), CITIZEN_SERVICE),
    StaffData("kontaktcenter", "Jonas", "Nielsen", (Role.CONTACT_CENTRE,), CITIZEN_SERVICE),
    StaffData("sagsbehandler", "Camilla", "Larsen", (Role.BACK_OFFICE,), COLLECTION),
    StaffData("byggesag", "Søren", "Andersen", (Role.BACK_OFFICE,), TECHNICAL),
    StaffData("chef", "Hanne", "Kristensen", (Role.MANAGER,), CITIZEN_SERVICE),
    StaffData("admin", "Peter", "Madsen", (Role.ADMINISTRATOR,), None, is_superuser=True),
)

# The telephony platform pushing calls through the API (a system, not a person).
INTEGRATION = StaffData("telefoni", "Telefoniplatformen", "(system)", (Role.INTEGRATION,))
