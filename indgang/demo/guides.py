"""The demo life-situation guides ("livssituationer"), written as Demo Kommune
would write them, with the rules Danish citizens meet.

Each guide is plain data below; `demo_guides_seed()` writes it to the
database. Guides are looked up by slug, questions by key, choices by value and
steps by position, and updated in place; a guide gets a new version
(`guides.services.guide_version_save`) only when its content changed, or when
it has never been versioned. Running the seed again changes nothing.

Deadlines are relative to a date answer, in days. Where the rule is in months
(a name within 6 months of the birth, funeral aid within 6 months of the
death) the guide counts 180 days, so the checklist's date is never later than
the real deadline; the text states the rule itself. A few deadlines are the
municipality's own advice rather than law (apply for a daycare place 3 months
ahead, contact the school 14 days before moving, …); their texts say so
("gerne").

Links are links shown to citizens on the authorities' own sites (borger.dk,
skat.dk, lifeindenmark.borger.dk, nyidanmark.dk, mit.dk, …); they are never
fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from indgang.catalogue.models import Authority, Service
from indgang.guides.models import Choice, Guide, Question, QuestionKind, Step

from . import data

YES_NO, CHOICE, DATE, NUMBER = (
    QuestionKind.YES_NO,
    QuestionKind.CHOICE,
    QuestionKind.DATE,
    QuestionKind.NUMBER,
)

_BORGER = "https://www.borger.dk"
_LIFE = "https://lifeindenmark.borger.dk"


# --- Shapes ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceData:
    value: str
    label: str
    label_en: str


@dataclass(frozen=True)
class QuestionData:
    key: str
    kind: str
    text: str
    text_en: str
    help_text: str = ""
    help_text_en: str = ""
    choices: tuple[ChoiceData, ...] = ()
    show_if: dict | None = None
    required: bool = True
    min_value: int | None = None
    max_value: int | None = None


@dataclass(frozen=True)
class StepData:
    title: str
    title_en: str
    description: str
    description_en: str
    service: str | None = None  # catalogue slug
    authority: str | None = None  # authority slug; None: the service's
    url: str = ""
    show_if: dict | None = None
    deadline_from: str | None = None  # a date question's key
    deadline_days: int | None = None


@dataclass(frozen=True)
class GuideData:
    slug: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    intro: str
    intro_en: str
    questions: tuple[QuestionData, ...]
    steps: tuple[StepData, ...]


def eq(key: str, value: Any) -> dict:
    return {"key": key, "equals": value}


def among(key: str, *values: str) -> dict:
    return {"key": key, "in": list(values)}


def all_of(*conditions: dict) -> dict:
    return {"all": list(conditions)}


# --- 1. Moving -----------------------------------------------------------------------

_NEW_MUNICIPALITY = among("from", "other_municipality", "abroad")

MOVING = GuideData(
    slug="flytning",
    title="Du skal flytte",
    title_en="You are moving",
    summary=(
        "Meld flytning, og få styr på dagtilbud, skole, læge, boligstøtte, ejendomsskat og affald."
    ),
    summary_en=(
        "Report your move and sort out day care, school, doctor, housing benefit, property tax "
        "and waste."
    ),
    intro=(
        "Svar på et par spørgsmål, så får du en tjekliste med det, du skal huske – med frister "
        "og links. Vi gemmer ikke dine svar."
    ),
    intro_en=(
        "Answer a few questions and get a checklist of what to remember – with deadlines and "
        "links. We do not store your answers."
    ),
    questions=(
        QuestionData(
            "moving_date",
            DATE,
            "Hvornår flytter du?",
            "When are you moving?",
            "Den dag, du flytter ind i din nye bolig.",
            "The day you move into your new home.",
        ),
        QuestionData(
            "from",
            CHOICE,
            "Hvor flytter du fra?",
            "Where are you moving from?",
            choices=(
                ChoiceData("same_municipality", "Inden for kommunen", "Within the municipality"),
                ChoiceData(
                    "other_municipality", "Fra en anden kommune", "From another municipality"
                ),
                ChoiceData("abroad", "Fra udlandet", "From abroad"),
            ),
        ),
        QuestionData(
            "children_under_6",
            YES_NO,
            "Flytter du med børn under 6 år?",
            "Are children under 6 moving with you?",
        ),
        QuestionData(
            "children_school_age",
            YES_NO,
            "Flytter du med børn i skolealderen (6–16 år)?",
            "Are children of school age (6–16) moving with you?",
        ),
        QuestionData(
            "housing",
            CHOICE,
            "Skal du leje eller eje din nye bolig?",
            "Will you rent or own your new home?",
            choices=(
                ChoiceData("rent", "Jeg skal leje", "I will rent"),
                ChoiceData("own", "Jeg skal eje", "I will own"),
            ),
        ),
        QuestionData(
            "pensioner",
            YES_NO,
            "Får du folkepension?",
            "Do you receive the state pension?",
        ),
    ),
    steps=(
        StepData(
            "Meld flytning",
            "Report your move",
            "Meld flytning på borger.dk med MitID. Du kan tidligst melde flytning 4 uger før, "
            "og du skal gøre det senest 5 dage efter, du er flyttet. Du kan melde flytning for "
            "hele familien på én gang. Når du har meldt flytning, får du automatisk et nyt "
            "sundhedskort med din nye adresse.",
            "Report your move on borger.dk with MitID. You can report it at the earliest 4 weeks "
            "before and must do so no later than 5 days after you have moved. You can report "
            "the move for the whole family at once. When you have reported it, you automatically "
            "get a new health card with your new address.",
            service="flytning",
            show_if=among("from", "same_municipality", "other_municipality"),
            deadline_from="moving_date",
            deadline_days=5,
        ),
        StepData(
            "Bliv registreret i folkeregistret (CPR)",
            "Register with the civil registry (CPR)",
            "Flytter du til Danmark fra udlandet, kan du ikke melde flytning digitalt. Bestil "
            "tid i Borgerservice, og mød op senest 5 dage efter, du er flyttet ind. Medbring "
            "pas, lejekontrakt eller skøde og dit opholdsdokument (EU-registreringsbevis eller "
            "opholdstilladelse). Danske og nordiske statsborgere skal ikke have et "
            "opholdsdokument. Se også vores guide »Ny i Danmark«.",
            "If you are moving to Denmark from abroad, you cannot report the move online. Book "
            "a time at Citizen Service and come in no later than 5 days after moving in. Bring "
            "your passport, lease or deed and your residence document (EU registration "
            "certificate or residence permit). Danish and Nordic citizens need no residence "
            'document. See also our guide "New in Denmark".',
            service="indrejse",
            show_if=eq("from", "abroad"),
            deadline_from="moving_date",
            deadline_days=5,
        ),
        StepData(
            "Skriv dit barn op til dagpleje, vuggestue eller børnehave",
            "Apply for a childminder, nursery or kindergarten place",
            "Kommunen skal tilbyde dit barn en plads, når barnet er skrevet op senest 3 måneder "
            "før, I skal bruge pladsen (pasningsgarantien). Flytter I om mindre end 3 måneder, "
            "så skriv barnet op med det samme – så finder vi en plads så hurtigt som muligt. "
            "Her søger du også om økonomisk fripladstilskud.",
            "The municipality must offer your child a place when the child is on the list no "
            "later than 3 months before you need it (the childcare guarantee). If you move in "
            "less than 3 months, apply straight away and we will find a place as soon as we can. "
            "This is also where you apply for a reduced fee.",
            service="pladsanvisning",
            show_if=all_of(eq("children_under_6", True), _NEW_MUNICIPALITY),
            deadline_from="moving_date",
            deadline_days=-90,
        ),
        StepData(
            "Skal dit barn skifte dagtilbud?",
            "Should your child change day care?",
            "Dit barn beholder sin plads, når I flytter inden for kommunen. Ønsker I en plads "
            "tættere på den nye adresse, kan I søge om at flytte barnet i pladsanvisningen.",
            "Your child keeps their place when you move within the municipality. If you would "
            "like a place nearer your new address, you can ask for a transfer.",
            service="pladsanvisning",
            show_if=all_of(eq("children_under_6", True), eq("from", "same_municipality")),
        ),
        StepData(
            "Skriv dit barn ind i skolen",
            "Enrol your child in school",
            "Dit barn har ret til en plads på distriktsskolen ved jeres nye adresse. Skriv "
            "barnet ind gerne senest 14 dage før, I flytter, så det kan begynde med det samme. "
            "Kommer barnet fra udlandet og taler ikke dansk endnu, får det undervisning i dansk "
            "som andetsprog.",
            "Your child has the right to a place at the local school for your new address. "
            "Enrol preferably no later than 14 days before you move, so your child can start at "
            "once. If your child comes from abroad and does not yet speak Danish, they are "
            "taught Danish as a second language.",
            service="skoleindskrivning",
            show_if=all_of(eq("children_school_age", True), _NEW_MUNICIPALITY),
            deadline_from="moving_date",
            deadline_days=-14,
        ),
        StepData(
            "Skal dit barn skifte skole? (frivilligt)",
            "Should your child change school? (optional)",
            "Dit barn kan blive på sin skole, selv om I flytter inden for kommunen. Vil I hellere "
            "have en plads på distriktsskolen ved den nye adresse, kan I søge om skoleskift.",
            "Your child can stay at their school when you move within the municipality. If you "
            "would rather have a place at the local school for the new address, you can apply "
            "for a change of school.",
            service="skoleindskrivning",
            show_if=all_of(eq("children_school_age", True), eq("from", "same_municipality")),
        ),
        StepData(
            "Vælg læge – nyt sundhedskort kommer automatisk",
            "Choose a doctor – your new health card comes automatically",
            "Du får automatisk et nyt sundhedskort, når du er registreret på den nye adresse. "
            "Flytter du til en anden kommune, vælger du læge, når du melder flytning. Lægen skal "
            "have klinik højst 15 km fra din bolig (5 km i København og på Frederiksberg), "
            "medmindre lægen siger ja til dig alligevel. Kommer du fra udlandet, vælger du læge, "
            "når du bliver registreret i Borgerservice.",
            "You automatically get a new health card once you are registered at the new address. "
            "If you move to another municipality, you choose a doctor when you report the move. "
            "The doctor's clinic must be no more than 15 km from your home (5 km in Copenhagen "
            "and Frederiksberg) unless the doctor accepts you anyway. If you come from abroad, "
            "you choose a doctor when you register at Citizen Service.",
            service="sundhedskort-og-laegeskift",
            show_if=_NEW_MUNICIPALITY,
        ),
        StepData(
            "Søg boligstøtte til den nye bolig",
            "Apply for housing benefit for your new home",
            "Boligstøtte følger ikke med, når du flytter – du skal søge igen til den nye bolig. "
            "Søg, så snart du har lejekontrakten; du kan ikke få støtte for tiden, før du søgte. "
            "Udbetaling Danmark beregner støtten ud fra huslejen, husstandens indkomst og formue "
            "og antallet af børn.",
            "Housing benefit does not move with you – you must apply again for the new home. "
            "Apply as soon as you have the lease; you cannot get benefit for the time before you "
            "applied. Udbetaling Danmark calculates it from the rent, the household's income and "
            "savings and the number of children.",
            service="boligstoette",
            show_if=all_of(eq("housing", "rent"), eq("pensioner", False)),
        ),
        StepData(
            "Søg boligydelse til den nye bolig",
            "Apply for housing benefit for pensioners (boligydelse)",
            "Som folkepensionist hedder boligstøtten boligydelse. Den følger ikke med til den nye "
            "bolig – søg igen hos Udbetaling Danmark, så snart du har lejekontrakten. Du kan ikke "
            "få boligydelse for tiden, før du søgte.",
            "For state pensioners, housing benefit is called boligydelse. It does not move with "
            "you – apply again to Udbetaling Danmark as soon as you have the lease. You cannot "
            "get it for the time before you applied.",
            service="boligstoette",
            show_if=all_of(eq("housing", "rent"), eq("pensioner", True)),
        ),
        StepData(
            "Din folkepension følger med",
            "Your state pension moves with you",
            "Du skal ikke søge folkepension igen. Udbetaling Danmark får din nye adresse fra "
            "folkeregistret, når du har meldt flytning. Får du personligt tillæg eller "
            "helbredstillæg og flytter til en anden kommune, så spørg din nye kommune, om du skal "
            "søge igen.",
            "You do not need to apply for the state pension again. Udbetaling Danmark gets your "
            "new address from the civil registry once you have reported the move. If you receive "
            "a personal or health supplement and move to another municipality, ask your new "
            "municipality whether you need to apply again.",
            service="folkepension",
            show_if=eq("pensioner", True),
        ),
        StepData(
            "Ejendomsskat på din nye bolig",
            "Property tax on your new home",
            "Som boligejer betaler du ejendomsskat (grundskyld) og ejendomsværdiskat. For den "
            "bolig, du selv bor i, betaler du dem over skatten – de står på din "
            "forskudsopgørelse. Skatten for resten af det år, du overtager boligen, afregnes "
            "normalt med sælgeren. Har du spørgsmål til grundskylden, så kontakt Opkrævning og "
            "Ejendomsskat.",
            "As a home owner you pay property tax (land tax) and property value tax. For the home "
            "you live in, you pay them through your taxes – they are on your preliminary income "
            "assessment. The tax for the rest of the year you take over is normally settled with "
            "the seller. Questions about land tax go to Payments and Property Tax.",
            service="ejendomsskat",
            show_if=eq("housing", "own"),
        ),
        StepData(
            "Ret din forskudsopgørelse",
            "Update your preliminary income assessment",
            "Tjek din forskudsopgørelse på skat.dk, når du har overtaget boligen: "
            "ejendomsskatterne skal med, og du kan få fradrag for renterne på dit boliglån.",
            "Check your preliminary income assessment on skat.dk once you have taken over the "
            "home: the property taxes must be included, and you can deduct the interest on your "
            "mortgage.",
            service="forskudsopgoerelse",
            show_if=eq("housing", "own"),
        ),
        StepData(
            "Lån til ejendomsskatten",
            "Borrow to pay the property tax",
            "Er du folkepensionist og ejer din bolig, kan du låne til ejendomsskatten hos "
            "kommunen med pant i boligen. Du søger digitalt.",
            "If you receive the state pension and own your home, you can borrow from the "
            "municipality to pay the property tax, secured on the home. Apply online.",
            service="laan-til-ejendomsskat",
            show_if=all_of(eq("housing", "own"), eq("pensioner", True)),
        ),
        StepData(
            "Affaldsordning og beholdere",
            "Waste collection and bins",
            "Som boligejer er du med i kommunens affaldsordning, og du betaler affaldsgebyret. "
            "Tjek, at der står de rigtige beholdere ved boligen. Du kan skifte størrelse på "
            "beholderen og bestille storskrald i selvbetjeningen.",
            "As a home owner you are part of the municipality's waste collection and pay the "
            "waste fee. Check that the right bins are at the home. You can change the size of "
            "the bin and book a bulky waste pick-up online.",
            service="affald",
            show_if=eq("housing", "own"),
        ),
        StepData(
            "Affald og storskrald",
            "Waste and bulky waste",
            "Som lejer sørger udlejeren for affaldsbeholdere, og affaldsgebyret er med i "
            "huslejen. Bor du i hus, kan du selv bestille storskrald; bor du i lejlighed, så "
            "spørg viceværten eller udlejeren.",
            "As a tenant, your landlord provides the bins and the waste fee is part of the rent. "
            "If you live in a house, you can book a bulky waste pick-up yourself; in a flat, ask "
            "the caretaker or landlord.",
            service="affald",
            show_if=eq("housing", "rent"),
        ),
        StepData(
            "Få MitID",
            "Get MitID",
            "Når du har fået et CPR-nummer, kan du få MitID. Bestil tid i Borgerservice, og "
            "medbring pas og opholdsdokument. Har du dansk pas, kan du selv oprette MitID i "
            "appen.",
            "Once you have a CPR number you can get MitID. Book a time at Citizen Service and "
            "bring your passport and residence document. With a Danish passport you can set up "
            "MitID in the app yourself.",
            service="mitid-app",
            show_if=eq("from", "abroad"),
        ),
        StepData(
            "Læs din Digital Post",
            "Read your Digital Post",
            "Når du har et CPR-nummer og er fyldt 15 år, får du post fra det offentlige i "
            "Digital Post – på mit.dk eller i e-Boks. Du skal bruge MitID for at læse den. Kan du "
            "ikke bruge Digital Post, kan du blive fritaget i Borgerservice.",
            "Once you have a CPR number and are 15 or older, public authorities send you mail in "
            "Digital Post – on mit.dk or in e-Boks. You need MitID to read it. If you cannot use "
            "Digital Post, you can be exempted at Citizen Service.",
            authority=data.DIGST,
            url="https://mit.dk/",
            show_if=eq("from", "abroad"),
        ),
    ),
)

# --- 2. Birth ------------------------------------------------------------------------

BIRTH = GuideData(
    slug="foedsel",
    title="Du skal have et barn",
    title_en="You are having a baby",
    summary="Navngivning, faderskab, barsel, børne- og ungeydelse, sundhedsplejerske og dagtilbud.",
    summary_en=(
        "Naming, paternity, parental leave, child benefit, the health visitor and day care."
    ),
    intro=(
        "Når barnet er født, registrerer jordemoderen fødslen, og barnet får et CPR-nummer. "
        "Resten får du overblik over her."
    ),
    intro_en=(
        "When the baby is born, the midwife registers the birth and the baby gets a CPR number. "
        "Here is an overview of the rest."
    ),
    questions=(
        QuestionData(
            "birth_date",
            DATE,
            "Hvornår er barnet født – eller hvornår har I termin?",
            "When was the baby born – or when is it due?",
        ),
        QuestionData(
            "married",
            YES_NO,
            "Er barnets forældre gift med hinanden?",
            "Are the child's parents married to each other?",
        ),
        QuestionData(
            "baptism",
            YES_NO,
            "Skal barnet døbes i folkekirken?",
            "Will the child be baptised in the Church of Denmark?",
        ),
        QuestionData(
            "working",
            YES_NO,
            "Er du i arbejde eller ledig med dagpenge?",
            "Are you employed or receiving unemployment benefit?",
        ),
        QuestionData(
            "needs_daycare",
            YES_NO,
            "Skal barnet i dagpleje eller vuggestue, når orloven slutter?",
            "Will the child go to a childminder or nursery when your leave ends?",
        ),
    ),
    steps=(
        StepData(
            "Registrér faderskab eller medmoderskab",
            "Register paternity or co-maternity",
            "Er I ikke gift, kan I registrere faderskab eller medmoderskab og få fælles "
            "forældremyndighed ved at underskrive en omsorgs- og ansvarserklæring på borger.dk. "
            "Den skal være indsendt senest 4 uger efter fødslen – ellers behandler "
            "Familieretshuset sagen.",
            "If you are not married, you can register paternity or co-maternity and get joint "
            "custody by signing a care and responsibility declaration on borger.dk. It must be "
            "sent no later than 4 weeks after the birth – otherwise the Agency of Family Law "
            "handles the case.",
            authority=data.PARISH,
            url=f"{_BORGER}/familie-og-boern/faderskab-og-medmoderskab",
            show_if=eq("married", False),
            deadline_from="birth_date",
            deadline_days=28,
        ),
        StepData(
            "Giv barnet navn ved dåben",
            "Name the child at the baptism",
            "Barnet skal have et navn senest 6 måneder efter fødslen. Når barnet døbes, får det "
            "sit navn ved dåben. Kontakt kirkekontoret i jeres sogn om dåben i god tid.",
            "The child must have a name no later than 6 months after the birth. A child who is "
            "baptised gets the name at the baptism. Contact the parish office about the "
            "baptism in good time.",
            authority=data.PARISH,
            url="https://www.folkekirken.dk/",
            show_if=eq("baptism", True),
            deadline_from="birth_date",
            deadline_days=180,
        ),
        StepData(
            "Giv barnet navn på borger.dk",
            "Name the child on borger.dk",
            "Barnet skal have et navn senest 6 måneder efter fødslen. Skal barnet ikke døbes, "
            "giver I det navn digitalt på borger.dk; har I fælles forældremyndighed, skal I "
            "begge skrive under. Sognet godkender navnet.",
            "The child must have a name no later than 6 months after the birth. If the child "
            "will not be baptised, you name it online on borger.dk; with joint custody you must "
            "both sign. The parish approves the name.",
            authority=data.PARISH,
            url=f"{_BORGER}/familie-og-boern/navne",
            show_if=eq("baptism", False),
            deadline_from="birth_date",
            deadline_days=180,
        ),
        StepData(
            "Søg barselsdagpenge",
            "Apply for maternity/paternity benefit",
            "Fortæl din arbejdsgiver, hvornår du vil holde orlov. Får du løn under orloven, søger "
            "arbejdsgiveren refusion; ellers søger du selv barselsdagpenge hos Udbetaling "
            "Danmark på borger.dk, senest 8 uger efter din orlov er begyndt.",
            "Tell your employer when you will take leave. If you are paid during the leave, "
            "your employer claims the refund; otherwise you apply for the benefit yourself to "
            "Udbetaling Danmark on borger.dk, no later than 8 weeks after your leave began.",
            authority=data.UDK,
            url=f"{_BORGER}/familie-og-boern/barsel-oversigt",
            show_if=eq("working", True),
        ),
        StepData(
            "Børne- og ungeydelsen kommer automatisk",
            "Child benefit comes automatically",
            "Du skal ikke søge børne- og ungeydelse for et barn, der er født i Danmark. "
            "Udbetaling Danmark udbetaler den hvert kvartal til barnets mor, hvis I ikke aftaler "
            "andet. Er du alene med barnet, kan du søge ekstra børnetilskud.",
            "You do not need to apply for child benefit for a child born in Denmark. Udbetaling "
            "Danmark pays it every quarter to the child's mother unless you agree otherwise. If "
            "you are a single parent, you can apply for extra child allowance.",
            service="boerne-og-ungeydelse",
        ),
        StepData(
            "Sundhedsplejersken kommer på besøg",
            "The health visitor comes to see you",
            "Kommunens sundhedsplejerske får besked om fødslen og kontakter jer for at aftale "
            "det første besøg, som regel inden for den første uge efter, I er kommet hjem.",
            "The municipality's health visitor is told about the birth and contacts you to "
            "arrange the first visit, usually within the first week after you come home.",
            url=f"{data.MUNICIPALITY_SITE}/sundhedsplejen",
        ),
        StepData(
            "Skriv barnet op til dagpleje eller vuggestue",
            "Apply for a childminder or nursery place",
            "Du kan skrive barnet op fra fødslen. Kommunen skal tilbyde en plads fra barnet er "
            "26 uger, når barnet er skrevet op senest 3 måneder før, I skal bruge pladsen.",
            "You can put the child's name down from birth. The municipality must offer a place "
            "from the age of 26 weeks when the child is on the list no later than 3 months "
            "before you need it.",
            service="pladsanvisning",
            show_if=eq("needs_daycare", True),
        ),
    ),
)

# --- 3. Marriage ---------------------------------------------------------------------

MARRIAGE = GuideData(
    slug="aegteskab",
    title="I skal giftes",
    title_en="You are getting married",
    summary="Prøvelse af ægteskabsbetingelser, vielse på rådhuset eller i kirken og navneændring.",
    summary_en=(
        "Approval of the conditions for marriage, a wedding at the town hall or in church, "
        "and a change of name."
    ),
    intro=(
        "Før I kan blive gift, skal Familieretshuset godkende, at I opfylder betingelserne. "
        "Godkendelsen gælder i 4 måneder."
    ),
    intro_en=(
        "Before you can marry, the Agency of Family Law must confirm that you meet the "
        "conditions. The approval is valid for 4 months."
    ),
    questions=(
        QuestionData(
            "wedding_date",
            DATE,
            "Hvornår skal I giftes?",
            "When are you getting married?",
        ),
        QuestionData(
            "civil_ceremony",
            YES_NO,
            "Skal I vies borgerligt på rådhuset?",
            "Will you have a civil wedding at the town hall?",
            "Svar nej, hvis I skal vies i kirken eller et andet trossamfund.",
            "Answer no if you will marry in church or another religious community.",
        ),
        QuestionData(
            "foreign_partner",
            YES_NO,
            "Er en af jer ikke dansk statsborger eller bor i udlandet?",
            "Is one of you not a Danish citizen or living abroad?",
        ),
        QuestionData(
            "name_change",
            YES_NO,
            "Vil en af jer tage den andens efternavn?",
            "Will one of you take the other's surname?",
        ),
    ),
    steps=(
        StepData(
            "Søg om prøvelse af ægteskabsbetingelser",
            "Apply for approval of the conditions for marriage",
            "I søger sammen på borger.dk hos Familieretshuset, tidligst 4 måneder før vielsen – "
            "godkendelsen gælder i 4 måneder. Søg gerne senest 6 uger før, så I er sikre på at "
            "have svaret i tide.",
            "Apply together on borger.dk to the Agency of Family Law, at the earliest 4 months "
            "before the wedding – the approval is valid for 4 months. Apply preferably no later "
            "than 6 weeks before, so you are sure to have the answer in time.",
            service="proevelse-af-aegteskabsbetingelser",
            deadline_from="wedding_date",
            deadline_days=-42,
        ),
        StepData(
            "Dokumenter for den af jer, der ikke er dansk",
            "Documents for the partner who is not Danish",
            "Er en af jer udenlandsk statsborger eller bosat i udlandet, skal I sende flere "
            "dokumenter med, fx pas, fødselsattest og dokumentation for lovligt ophold. Søg i god "
            "tid – behandlingen tager længere, og udenlandske dokumenter skal måske oversættes.",
            "If one of you is a foreign citizen or lives abroad, you must send more documents, "
            "such as passport, birth certificate and proof of legal residence. Apply early – "
            "it takes longer, and foreign documents may need translating.",
            authority=data.FAMILY_COURT,
            url="https://familieretshuset.dk/aegteskab",
            show_if=eq("foreign_partner", True),
        ),
        StepData(
            "Bestil tid til vielsen på rådhuset",
            "Book your wedding at the town hall",
            "Book en tid til vielsen, når I har søgt om prøvelse. Tag to vidner over 18 år med, "
            "og husk billedlegitimation. Vielsen er gratis.",
            "Book a time for the wedding once you have applied for the approval. Bring two "
            "witnesses over 18 and photo ID. The wedding is free.",
            service="vielse",
            show_if=eq("civil_ceremony", True),
        ),
        StepData(
            "Aftal vielsen med kirken",
            "Arrange the wedding with the church",
            "Kontakt kirkekontoret i den kirke, I vil giftes i. Giv præsten prøvelsesattesten "
            "fra Familieretshuset før vielsen.",
            "Contact the office of the church where you want to marry. Give the priest the "
            "certificate from the Agency of Family Law before the wedding.",
            authority=data.PARISH,
            url="https://www.folkekirken.dk/",
            show_if=eq("civil_ceremony", False),
        ),
        StepData(
            "Skift efternavn",
            "Change your surname",
            "Søg om navneændring sammen med prøvelsen af ægteskabsbetingelserne – så er det "
            "gratis. Husk bagefter at få nyt pas og kørekort, hvis navnet skal stå på dem.",
            "Apply for the change of name together with the approval of the conditions for "
            "marriage – then it is free. Afterwards, remember a new passport and driving licence "
            "if the name must be on them.",
            authority=data.PARISH,
            url=f"{_BORGER}/familie-og-boern/navne",
            show_if=eq("name_change", True),
        ),
    ),
)

# --- 4. Death in the family ----------------------------------------------------------

DEATH = GuideData(
    slug="doedsfald",
    title="Dødsfald i familien",
    title_en="A death in the family",
    summary="Anmeld dødsfaldet, begravelse, begravelseshjælp, dødsboet, pension og bolig.",
    summary_en=("Report the death, the funeral, funeral aid, the estate, pension and housing."),
    intro=(
        "Vi er kede af dit tab. Her er det, du skal tage stilling til de første uger. En "
        "bedemand kan hjælpe med meget af det praktiske."
    ),
    intro_en=(
        "We are sorry for your loss. Here is what you need to decide in the first weeks. An "
        "undertaker can help with much of the practical work."
    ),
    questions=(
        QuestionData(
            "date_of_death",
            DATE,
            "Hvornår døde din pårørende?",
            "When did your relative die?",
        ),
        QuestionData(
            "spouse",
            YES_NO,
            "Var du gift eller registreret partner med afdøde?",
            "Were you married to or in a registered partnership with the deceased?",
        ),
        QuestionData(
            "deceased_pensioner",
            YES_NO,
            "Fik afdøde folkepension?",
            "Did the deceased receive the state pension?",
        ),
        QuestionData(
            "rented_home",
            YES_NO,
            "Boede afdøde til leje?",
            "Did the deceased live in a rented home?",
        ),
        QuestionData(
            "housing_benefit",
            YES_NO,
            "Får husstanden boligstøtte eller boligydelse?",
            "Does the household receive housing benefit?",
        ),
    ),
    steps=(
        StepData(
            "Anmeld dødsfaldet og vælg begravelse eller ligbrænding",
            "Report the death and choose burial or cremation",
            "Dødsfaldet anmeldes til sognet, hvor afdøde boede, senest 2 dage efter dødsfaldet – "
            "også hvis afdøde ikke var medlem af folkekirken. Samtidig beder I om begravelse "
            "eller ligbrænding. Det kan gøres på borger.dk, eller bedemanden kan gøre det med en "
            "fuldmagt.",
            "The death is reported to the parish where the deceased lived no later than 2 days "
            "after the death – also if the deceased was not a member of the Church of Denmark. "
            "At the same time you ask for burial or cremation. This can be done on borger.dk, or "
            "the undertaker can do it with your power of attorney.",
            authority=data.PARISH,
            url=f"{_BORGER}/familie-og-boern/doed-og-begravelse",
            deadline_from="date_of_death",
            deadline_days=2,
        ),
        StepData(
            "Begravelse eller bisættelse",
            "The funeral",
            "Begravelsen eller ligbrændingen skal ske senest 8 dage efter dødsfaldet. Aftal "
            "tidspunktet med kirkekontoret eller bedemanden.",
            "The burial or cremation must take place no later than 8 days after the death. "
            "Agree the time with the parish office or the undertaker.",
            authority=data.PARISH,
            url="https://www.folkekirken.dk/",
            deadline_from="date_of_death",
            deadline_days=8,
        ),
        StepData(
            "Søg begravelseshjælp",
            "Apply for funeral aid",
            "Den, der betaler begravelsen, kan søge begravelseshjælp hos Udbetaling Danmark. "
            "Beløbet afhænger af afdødes alder og formue. Søg senest 6 måneder efter dødsfaldet.",
            "The person paying for the funeral can apply to Udbetaling Danmark for funeral aid. "
            "The amount depends on the deceased's age and savings. Apply no later than 6 months "
            "after the death.",
            authority=data.UDK,
            url=f"{_BORGER}/familie-og-boern/doed-og-begravelse",
            deadline_from="date_of_death",
            deadline_days=180,
        ),
        StepData(
            "Dødsboet og skifteretten",
            "The estate and the probate court",
            "Skifteretten skriver til de nærmeste pårørende om, hvordan dødsboet kan gøres op. "
            "Afdødes bankkonti bliver spærret, indtil skifteretten har udleveret boet.",
            "The probate court writes to the next of kin about how the estate can be settled. "
            "The deceased's bank accounts are frozen until the court hands over the estate.",
            authority=data.PROBATE_COURT,
            url="https://www.domstol.dk/",
        ),
        StepData(
            "Uskiftet bo eller ægtefælleudlæg",
            "Undivided estate or spouse's share",
            "Som efterlevende ægtefælle kan du ofte overtage boet uden at dele det med arvingerne "
            "nu (uskiftet bo), eller få det hele, hvis boet er lille (ægtefælleudlæg). "
            "Skifteretten vejleder dig.",
            "As the surviving spouse you can often keep the estate undivided for now, or get it "
            "all if the estate is small. The probate court advises you.",
            authority=data.PROBATE_COURT,
            url="https://www.domstol.dk/",
            show_if=eq("spouse", True),
        ),
        StepData(
            "Folkepensionen stopper automatisk",
            "The state pension stops automatically",
            "Udbetaling Danmark får besked om dødsfaldet fra folkeregistret, og pensionen stopper "
            "af sig selv. Var I begge folkepensionister, får du i 3 måneder udbetalt det, I "
            "tilsammen fik, før din egen pension beregnes igen.",
            "Udbetaling Danmark is told about the death by the civil registry, and the pension "
            "stops by itself. If you were both state pensioners, you receive what you received "
            "together for 3 months before your own pension is recalculated.",
            service="folkepension",
            show_if=eq("deceased_pensioner", True),
        ),
        StepData(
            "Tjek boligstøtten",
            "Check the housing benefit",
            "Husstanden har ændret sig, og boligstøtten eller boligydelsen skal beregnes igen. "
            "Tjek oplysningerne hos Udbetaling Danmark, og meld ændringer i indkomst og formue.",
            "The household has changed, and the housing benefit must be recalculated. Check the "
            "details with Udbetaling Danmark and report any change in income and savings.",
            service="boligstoette",
            show_if=eq("housing_benefit", True),
        ),
        StepData(
            "Du kan blive boende i lejeboligen",
            "You can stay in the rented home",
            "Som efterlevende ægtefælle har du ret til at fortsætte lejemålet. Giv udlejeren "
            "besked om dødsfaldet.",
            "As the surviving spouse you have the right to continue the lease. Tell the landlord "
            "about the death.",
            authority=data.MUNICIPALITY,
            url=f"{_BORGER}/bolig-og-flytning",
            show_if=all_of(eq("rented_home", True), eq("spouse", True)),
        ),
        StepData(
            "Opsig afdødes lejebolig",
            "End the deceased's lease",
            "Dødsboet kan opsige lejemålet, også selv om det er tidsbegrænset eller uopsigeligt. "
            "Kontakt udlejeren hurtigt, så boet ikke betaler husleje længere end nødvendigt.",
            "The estate can end the lease, even if it is fixed-term or non-terminable. Contact "
            "the landlord quickly, so the estate does not pay rent longer than necessary.",
            authority=data.MUNICIPALITY,
            url=f"{_BORGER}/bolig-og-flytning",
            show_if=all_of(eq("rented_home", True), eq("spouse", False)),
        ),
    ),
)

# --- 5. Retirement -------------------------------------------------------------------

PENSION = GuideData(
    slug="pension",
    title="Du skal på folkepension",
    title_en="You are retiring",
    summary="Søg folkepension i tide, og få de tillæg, du har ret til.",
    summary_en="Apply for the state pension in time and get the supplements you are entitled to.",
    intro=(
        "Folkepensionen kommer ikke af sig selv – du skal søge. Udbetaling Danmark skriver til "
        "dig, før du når folkepensionsalderen."
    ),
    intro_en=(
        "The state pension is not automatic – you must apply. Udbetaling Danmark writes to you "
        "before you reach pension age."
    ),
    questions=(
        QuestionData(
            "pension_date",
            DATE,
            "Hvornår når du folkepensionsalderen?",
            "When do you reach state pension age?",
            "Du kan se datoen på borger.dk.",
            "You can find the date on borger.dk.",
        ),
        QuestionData(
            "housing",
            CHOICE,
            "Bor du til leje eller i egen bolig?",
            "Do you rent or own your home?",
            choices=(
                ChoiceData("rent", "Til leje", "I rent"),
                ChoiceData("own", "I egen bolig", "I own my home"),
            ),
        ),
        QuestionData(
            "low_income",
            YES_NO,
            "Har du ud over folkepensionen kun lille indkomst og formue?",
            "Apart from the state pension, do you have little income and savings?",
            "Fx under 100.000 kr. på kontoen og ingen stor arbejdsmarkedspension.",
            "For example under DKK 100,000 in the bank and no large occupational pension.",
        ),
    ),
    steps=(
        StepData(
            "Søg folkepension",
            "Apply for the state pension",
            "Søg digitalt hos Udbetaling Danmark tidligst 6 måneder før, du når "
            "folkepensionsalderen. Søg gerne senest 3 måneder før, så pensionen kan komme fra "
            "første måned. Vil du arbejde videre, kan du i stedet udskyde pensionen og få et "
            "højere beløb senere.",
            "Apply online to Udbetaling Danmark at the earliest 6 months before you reach "
            "pension age. Apply preferably no later than 3 months before, so the pension can "
            "start in the first month. If you keep working, you can defer the pension instead "
            "and get more later.",
            service="folkepension",
            deadline_from="pension_date",
            deadline_days=-90,
        ),
        StepData(
            "Ret din forskudsopgørelse",
            "Update your preliminary income assessment",
            "Folkepension er skattepligtig. Ret forskudsopgørelsen på skat.dk, når du ved, hvad "
            "du får, så du ikke skal betale restskat.",
            "The state pension is taxable. Update your preliminary income assessment on skat.dk "
            "when you know the amount, so you do not owe tax afterwards.",
            service="forskudsopgoerelse",
        ),
        StepData(
            "Søg boligydelse",
            "Apply for housing benefit (boligydelse)",
            "Bor du til leje, kan du som folkepensionist få boligydelse til huslejen. Søg hos "
            "Udbetaling Danmark, når din pension er bevilget.",
            "If you rent, you can get housing benefit for pensioners (boligydelse). Apply to "
            "Udbetaling Danmark once your pension is granted.",
            service="boligstoette",
            show_if=eq("housing", "rent"),
        ),
        StepData(
            "Lån til ejendomsskatten",
            "Borrow to pay the property tax",
            "Ejer du din bolig, kan du som folkepensionist låne til ejendomsskatten hos kommunen "
            "med pant i boligen.",
            "If you own your home, you can as a state pensioner borrow from the municipality to "
            "pay the property tax, secured on the home.",
            service="laan-til-ejendomsskat",
            show_if=eq("housing", "own"),
        ),
        StepData(
            "Søg helbredstillæg",
            "Apply for the health supplement",
            "Med lille formue kan du få tilskud til fx tandlæge, medicin, briller og fodterapi. "
            "Kommunen behandler ansøgningen.",
            "With low savings you can get help with costs such as dentist, medicine, glasses and "
            "chiropody. The municipality handles the application.",
            service="helbredstillaeg",
            show_if=eq("low_income", True),
        ),
        StepData(
            "Ældrecheck kommer automatisk",
            "The elderly cheque comes automatically",
            "Har du lille formue og kun få indtægter ud over folkepensionen, får du ældrechecken "
            "automatisk én gang om året. Du skal ikke søge.",
            "If you have low savings and little income besides the state pension, you get the "
            "elderly cheque automatically once a year. You do not need to apply.",
            authority=data.UDK,
            url=f"{_BORGER}/oekonomi-skat-su/pension-og-efterloen",
            show_if=eq("low_income", True),
        ),
    ),
)

# --- 6. New in Denmark ---------------------------------------------------------------

NEW_IN_DENMARK = GuideData(
    slug="ny-i-danmark",
    title="Ny i Danmark",
    title_en="New in Denmark",
    summary="Opholdsdokument, CPR-nummer, MitID, sundhedskort, Digital Post og skat.",
    summary_en="Residence document, CPR number, MitID, health card, Digital Post and tax.",
    intro=(
        "Skal du bo i Danmark i mere end 3 måneder, skal du registreres i folkeregistret og have "
        "et CPR-nummer. Rækkefølgen afhænger af dit statsborgerskab."
    ),
    intro_en=(
        "If you will live in Denmark for more than 3 months, you must register with the civil "
        "registry and get a CPR number. The order depends on your citizenship."
    ),
    questions=(
        QuestionData(
            "arrival_date",
            DATE,
            "Hvornår kom du – eller kommer du – til Danmark?",
            "When did you – or will you – arrive in Denmark?",
        ),
        QuestionData(
            "citizenship",
            CHOICE,
            "Hvilket statsborgerskab har du?",
            "What is your citizenship?",
            choices=(
                ChoiceData(
                    "nordic",
                    "Nordisk (Finland, Island, Norge, Sverige)",
                    "Nordic (Finland, Iceland, Norway, Sweden)",
                ),
                ChoiceData("eu", "EU, EØS eller Schweiz", "EU, EEA or Switzerland"),
                ChoiceData("other", "Et andet land", "Another country"),
            ),
        ),
        QuestionData(
            "has_job",
            YES_NO,
            "Skal du arbejde i Danmark?",
            "Will you work in Denmark?",
        ),
        QuestionData(
            "children",
            YES_NO,
            "Har du børn med?",
            "Are children coming with you?",
        ),
        QuestionData(
            "children_under_6",
            YES_NO,
            "Er nogen af børnene under 6 år?",
            "Are any of the children under 6?",
            show_if=eq("children", True),
        ),
        QuestionData(
            "children_school_age",
            YES_NO,
            "Er nogen af børnene i skolealderen (6–16 år)?",
            "Are any of the children of school age (6–16)?",
            show_if=eq("children", True),
        ),
    ),
    steps=(
        StepData(
            "Søg registreringsbevis som EU-borger",
            "Apply for an EU registration certificate",
            "Skal du bo i Danmark i mere end 3 måneder, skal du have et registreringsbevis fra "
            "SIRI, før du kan få et CPR-nummer. Søg inden for de første 3 måneder.",
            "If you will live in Denmark for more than 3 months, you need a registration "
            "certificate from SIRI before you can get a CPR number. Apply within the first 3 "
            "months.",
            service="eu-registreringsbevis",
            show_if=eq("citizenship", "eu"),
            deadline_from="arrival_date",
            deadline_days=90,
        ),
        StepData(
            "Opholds- og arbejdstilladelse",
            "Residence and work permit",
            "Som statsborger uden for EU skal du have opholds- og arbejdstilladelse, før du "
            "begynder at arbejde – som regel før du rejser ind. Du søger på nyidanmark.dk; SIRI "
            "behandler sager om arbejde.",
            "As a non-EU citizen you need a residence and work permit before you start work – "
            "usually before you arrive. Apply on nyidanmark.dk; SIRI handles work cases.",
            authority=data.SIRI,
            url="https://www.nyidanmark.dk/",
            show_if=all_of(eq("citizenship", "other"), eq("has_job", True)),
        ),
        StepData(
            "Opholdstilladelse",
            "Residence permit",
            "Som statsborger uden for EU skal du have opholdstilladelse, fx som familiesammenført "
            "eller studerende. Du søger på nyidanmark.dk; Udlændingestyrelsen behandler sagen.",
            "As a non-EU citizen you need a residence permit, for example through family "
            "reunification or as a student. Apply on nyidanmark.dk; the Danish Immigration "
            "Service handles the case.",
            authority=data.IMMIGRATION,
            url="https://www.nyidanmark.dk/",
            show_if=all_of(eq("citizenship", "other"), eq("has_job", False)),
        ),
        StepData(
            "Bliv registreret i folkeregistret og få CPR-nummer",
            "Register with the civil registry and get a CPR number",
            "Bestil tid i Borgerservice, og mød op senest 5 dage efter, du er flyttet ind i din "
            "bolig. Medbring pas, lejekontrakt og dit opholdsdokument – nordiske statsborgere "
            "skal kun have pas og lejekontrakt med. Du vælger læge samtidig.",
            "Book a time at Citizen Service and come in no later than 5 days after moving into "
            "your home. Bring your passport, lease and residence document – Nordic citizens "
            "only need passport and lease. You choose a doctor at the same time.",
            service="indrejse",
            deadline_from="arrival_date",
            deadline_days=5,
        ),
        StepData(
            "Sundhedskortet kommer med posten",
            "Your health card comes by post",
            "Når du er registreret, får du det gule sundhedskort med posten. Det viser dit "
            "CPR-nummer og din læge, og du skal vise det hos lægen og på apoteket.",
            "Once you are registered, the yellow health card comes by post. It shows your CPR "
            "number and your doctor; show it at the doctor's and the pharmacy.",
            service="sundhedskort-og-laegeskift",
        ),
        StepData(
            "Få MitID",
            "Get MitID",
            "Med CPR-nummeret kan du få MitID, som du bruger til at logge på offentlige sider og "
            "netbank. Bestil tid i Borgerservice, og medbring pas og opholdsdokument.",
            "With your CPR number you can get MitID, which you use to log on to public websites "
            "and online banking. Book a time at Citizen Service and bring your passport and "
            "residence document.",
            service="mitid-app",
        ),
        StepData(
            "Læs din Digital Post",
            "Read your Digital Post",
            "Når du har CPR-nummer og MitID og er fyldt 15 år, får du post fra det offentlige i "
            "Digital Post på mit.dk eller i e-Boks. Kan du ikke bruge Digital Post, kan du blive "
            "fritaget i Borgerservice.",
            "Once you have a CPR number and MitID and are 15 or older, public authorities send "
            "you mail in Digital Post on mit.dk or in e-Boks. If you cannot use Digital Post, "
            "you can be exempted at Citizen Service.",
            authority=data.DIGST,
            url="https://mit.dk/",
        ),
        StepData(
            "Få et skattekort",
            "Get a tax card",
            "Før du får løn, skal du have et skattekort. Opret din forskudsopgørelse på skat.dk, "
            "når du har fået CPR-nummer – ellers trækker arbejdsgiveren 55 % i skat.",
            "Before you are paid, you need a tax card. Create your preliminary income "
            "assessment on skat.dk once you have a CPR number – otherwise your employer deducts "
            "55% tax.",
            service="forskudsopgoerelse",
            show_if=eq("has_job", True),
        ),
        StepData(
            "Skriv dit barn op til dagpleje, vuggestue eller børnehave",
            "Apply for a childminder, nursery or kindergarten place",
            "Når barnet har CPR-nummer, kan du skrive det op til et dagtilbud.",
            "Once your child has a CPR number, you can apply for a day care place.",
            service="pladsanvisning",
            show_if=eq("children_under_6", True),
        ),
        StepData(
            "Skriv dit barn ind i skolen",
            "Enrol your child in school",
            "Børn skal gå i skole fra de er 6 år. Barnet får en plads på distriktsskolen og "
            "undervisning i dansk som andetsprog, hvis det er nødvendigt.",
            "Children must go to school from the age of 6. Your child gets a place at the local "
            "school and lessons in Danish as a second language if needed.",
            service="skoleindskrivning",
            show_if=eq("children_school_age", True),
        ),
        StepData(
            "Lær dansk gratis",
            "Learn Danish for free",
            "Kommunen tilbyder danskuddannelse til voksne, der er nye i Danmark. Tilmeld dig, "
            "når du har fået CPR-nummer.",
            "The municipality offers Danish courses to adults who are new in Denmark. Sign up "
            "once you have a CPR number.",
            url=f"{_LIFE}/",
        ),
    ),
)

GUIDES: tuple[GuideData, ...] = (MOVING, BIRTH, MARRIAGE, DEATH, PENSION, NEW_IN_DENMARK)


# --- Writing -------------------------------------------------------------------------


@dataclass
class GuidesSeedResult:
    guides: int = 0
    questions: int = 0
    steps: int = 0
    # Rows written by this run, and guides that got a new version.
    created: int = 0
    updated: int = 0
    deleted: int = 0
    versions: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.versions)


def _write(obj, values: dict, result: GuidesSeedResult) -> bool:
    """Give an existing row `values`, saving only what differs; True if it changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(obj, name, values[name])
    obj.full_clean()
    obj.save(update_fields=changed)
    result.updated += 1
    return True


def _create(model, values: dict, result: GuidesSeedResult):
    obj = model(**values)
    obj.full_clean()
    obj.save()
    result.created += 1
    return obj


def _seed_guide(
    g: GuideData,
    position: int,
    *,
    services: dict[str, Service],
    authorities: dict[str, Authority],
    result: GuidesSeedResult,
) -> Guide:
    before = result.created + result.updated + result.deleted
    values = {
        "title": g.title,
        "title_en": g.title_en,
        "summary": g.summary,
        "summary_en": g.summary_en,
        "intro": g.intro,
        "intro_en": g.intro_en,
        "position": position,
    }
    guide = Guide.objects.filter(slug=g.slug).first()
    if guide is None:
        guide = _create(Guide, {"slug": g.slug, "is_published": True, **values}, result)
    else:
        # Whether staff have unpublished a guide is theirs to decide.
        _write(guide, values, result)

    questions = {q.key: q for q in guide.questions.all()}
    for key, question in questions.items():
        if key not in {q.key for q in g.questions}:
            question.delete()
            result.deleted += 1
    by_key: dict[str, Question] = {}
    for n, q in enumerate(g.questions, start=1):
        values = {
            "text": q.text,
            "text_en": q.text_en,
            "help_text": q.help_text,
            "help_text_en": q.help_text_en,
            "kind": str(q.kind),
            "required": q.required,
            "show_if": q.show_if,
            "min_value": q.min_value,
            "max_value": q.max_value,
            "position": n * 10,
        }
        question = questions.get(q.key)
        if question is None:
            question = _create(Question, {"guide": guide, "key": q.key, **values}, result)
        else:
            _write(question, values, result)
        by_key[q.key] = question
        choices = {c.value: c for c in question.choices.all()}
        wanted = {c.value for c in q.choices}
        for value, choice in choices.items():
            if value not in wanted:
                choice.delete()
                result.deleted += 1
        for m, c in enumerate(q.choices, start=1):
            values = {"label": c.label, "label_en": c.label_en, "position": m * 10}
            choice = choices.get(c.value)
            if choice is None:
                _create(Choice, {"question": question, "value": c.value, **values}, result)
            else:
                _write(choice, values, result)

    steps = {s.position: s for s in guide.steps.all()}
    wanted_positions = {n * 10 for n in range(1, len(g.steps) + 1)}
    for pos, step in steps.items():
        if pos not in wanted_positions:
            step.delete()
            result.deleted += 1
    for n, s in enumerate(g.steps, start=1):
        service = services[s.service] if s.service else None
        values = {
            "title": s.title,
            "title_en": s.title_en,
            "description": s.description,
            "description_en": s.description_en,
            "service": service,
            "authority": authorities[s.authority] if s.authority else None,
            "url": s.url,
            "expects_self_service": bool(service and service.self_service_url),
            "show_if": s.show_if,
            "deadline_question": by_key[s.deadline_from] if s.deadline_from else None,
            "deadline_offset_days": s.deadline_days,
        }
        step = steps.get(n * 10)
        if step is None:
            _create(Step, {"guide": guide, "position": n * 10, **values}, result)
        else:
            _write(step, values, result)

    result.guides += 1
    result.questions += len(g.questions)
    result.steps += len(g.steps)
    content_changed = result.created + result.updated + result.deleted != before
    if content_changed or guide.version == 0:
        from indgang.guides.services import guide_version_save

        guide_version_save(guide=guide)
        result.versions += 1
    return guide


@transaction.atomic
def demo_guides_seed() -> GuidesSeedResult:
    """Create or update the demo life-situation guides. Run after `demo_seed()`:
    steps point at its services and authorities. Idempotent: a second run
    writes nothing and makes no new versions."""
    slugs = {s.service for g in GUIDES for s in g.steps if s.service}
    services = {s.slug: s for s in Service.objects.filter(slug__in=slugs)}
    missing = slugs - set(services)
    if missing:
        raise RuntimeError(
            "Run demo_seed() before demo_guides_seed(); missing services: "
            + ", ".join(sorted(missing))
        )
    authorities = {a.slug: a for a in Authority.objects.all()}
    result = GuidesSeedResult()
    for n, g in enumerate(GUIDES, start=1):
        _seed_guide(g, n * 10, services=services, authorities=authorities, result=result)
    return result
