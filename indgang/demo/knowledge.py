"""Demo knowledge base for "Demo Kommune": one public help article per demo
service, internal articles for the contact centre's subject areas, and the
synonym groups that let a citizen's own words find them.

Articles are written as a Danish municipality writes to citizens: plain
Danish, "Du skal …", concrete steps, the fee from the catalogue, which
authority decides, and the self-service link. The fee, authority, department
phone number and link are taken from `data.py`, so they never disagree with
the catalogue.

`demo_knowledge_seed()` is idempotent: an article whose slug exists is left
alone (staff may have edited it), and a synonym group is added only when no
group already holds its first term. Some review dates lie in the past, so the
demo has review tasks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction

from indgang.accounts.models import User
from indgang.catalogue.models import Department, Service
from indgang.core import clock
from indgang.knowledge.models import Article, ArticleStatus, SynonymGroup
from indgang.knowledge.search import synonyms_changed
from indgang.knowledge.services import article_create, review_tasks_create

from . import data


@dataclass(frozen=True)
class ArticleData:
    slug: str
    title: str
    summary: str
    intro: str
    steps: tuple[str, ...] = ()
    notes: str = ""  # further Markdown, after the steps
    services: tuple[str, ...] = ()  # service slugs; the first is the main one
    audience: str = "public"
    owner: str = data.CITIZEN_SERVICE  # department slug
    # Review date relative to the day the demo is seeded; negative: already passed.
    review_in_days: int = 180


@dataclass
class KnowledgeSeedResult:
    articles: int = 0  # created by this run
    synonym_groups: int = 0  # created by this run
    review_tasks: int = 0
    skipped: int = 0  # slugs that already existed

    @property
    def changed(self) -> bool:
        return bool(self.articles or self.synonym_groups or self.review_tasks)


# --- Synonym groups ------------------------------------------------------------
# The first term names the group (an existing group with it is left alone).

SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("sundhedskort", "sygesikringskort", "sygesikringsbevis", "det gule kort", "gult kort"),
    ("pas", "rejsepas", "passport"),
    ("kørekort", "førerbevis", "koerekort", "driving licence"),
    ("flytning", "adresseændring", "flytte", "ny adresse", "skift adresse"),
    ("boligstøtte", "boligsikring", "huslejetilskud", "boligydelse", "tilskud til husleje"),
    ("mitid", "nemid", "mit id"),
    ("digital post", "e-boks", "mit.dk", "eboks"),
    ("ejendomsskat", "grundskyld", "ejendomsskattebillet"),
    ("vielse", "bryllup", "borgerlig vielse", "rådhusbryllup", "blive gift"),
    ("folkepension", "pension", "alderspension"),
    ("børne- og ungeydelse", "børnepenge", "børnecheck"),
    ("storskrald", "skrald", "affald", "renovation"),
    ("legitimationskort", "id-kort", "billedlegitimation"),
    ("det blå kort", "blåt sygesikringskort", "ehic", "rejsesygesikring"),
    ("brevstemme", "brevafstemning", "forhåndsstemme", "stemme før valget"),
    ("restance", "gæld", "rykker", "skylder"),
    ("lægeskift", "skifte læge", "ny læge", "lægevalg"),
    ("dagtilbud", "vuggestue", "dagpleje", "børnehave", "institution"),
    ("byggetilladelse", "byggesag", "byggeansøgning"),
    ("cpr-nummer", "personnummer", "cpr"),
)


# --- Public articles: one per demo service (and a little more) ------------------

_PUBLIC: tuple[ArticleData, ...] = (
    ArticleData(
        slug="pas-voksne",
        title="Nyt pas eller forny dit pas (voksne)",
        summary=(
            "Du skal bestille tid og møde op i Borgerservice for at få nyt pas. "
            "Tag dit gamle pas med. Et pas til voksne gælder i 10 år."
        ),
        intro=(
            "Skal du rejse uden for Norden, skal du have et gyldigt pas. Du kan forny dit pas "
            "i Borgerservice, når det snart udløber, eller søge om et nyt, hvis det er udløbet."
        ),
        steps=(
            "Udfyld ansøgningen om pas digitalt på borger.dk – så går besøget hurtigere.",
            "Bestil tid i Borgerservice.",
            "Mød op med dit gamle pas. Vi tager foto og fingeraftryk.",
            "Betal gebyret, når du er her.",
            "Passet bliver sendt til dig med posten, typisk inden for et par uger.",
        ),
        notes=(
            "Har du mistet dit pas, skal du melde det til politiet, før du søger om et nyt. "
            "Se artiklen om mistet pas.\n\n"
            "Er du over folkepensionsalderen, er prisen lavere."
        ),
        services=("pas-voksne",),
        review_in_days=-14,
    ),
    ArticleData(
        slug="mistet-pas",
        title="Mistet eller stjålet pas",
        summary=(
            "Har du mistet dit pas, eller er det blevet stjålet, skal du melde det til politiet "
            "og derefter søge om et nyt pas i Borgerservice."
        ),
        intro=(
            "Et bortkommet pas skal spærres, så ingen andre kan bruge det. Det gør du ved at "
            "melde det til politiet. Passet kan ikke bruges igen, selv om du finder det."
        ),
        steps=(
            "Meld passet mistet eller stjålet på politi.dk eller på telefon 114.",
            "Bestil tid i Borgerservice og søg om et nyt pas.",
            "Tag anden legitimation med, fx kørekort, og et eventuelt nyt foto.",
            "Skal du rejse snart, så spørg politiet om et nødpas.",
        ),
        services=("pas-voksne", "pas-boern"),
    ),
    ArticleData(
        slug="pas-boern",
        title="Pas til børn og unge under 18 år",
        summary=(
            "Barnet skal selv møde op i Borgerservice, og alle med forældremyndighed skal give "
            "samtykke. Et børnepas gælder i 5 år."
        ),
        intro=(
            "Børn skal have deres eget pas, også spædbørn. Pas til børn under 18 år søges i "
            "Borgerservice, og barnet skal være med, så vi kan tage foto."
        ),
        steps=(
            "Alle med forældremyndighed giver samtykke digitalt med MitID på borger.dk "
            "(»Giv samtykke til pas«).",
            "Bestil tid i Borgerservice til barnet.",
            "Mød op med barnet og barnets gamle pas, hvis det har et.",
            "Barnet under 12 år skal ikke afgive fingeraftryk.",
        ),
        notes="Kan en forælder ikke give samtykke digitalt, kan samtykket gives på papir.",
        services=("pas-boern",),
    ),
    ArticleData(
        slug="legitimationskort",
        title="Legitimationskort (id-kort) med foto",
        summary=(
            "Er du fyldt 15 år og bor i kommunen, kan du få et legitimationskort med foto i "
            "Borgerservice. Kortet gælder i 10 år, men er ikke et rejsedokument."
        ),
        intro=(
            "Legitimationskortet er et billed-id, du kan bruge, når du skal vise, hvem du er – "
            "fx i banken, ved køb af alkohol, eller når du skal oprette MitID. Det er godt, "
            "hvis du ikke har pas eller kørekort."
        ),
        steps=(
            "Bestil tid i Borgerservice.",
            "Tag dit sundhedskort og eventuelt dit gamle id-kort med.",
            "Vi tager dit foto, og du betaler gebyret.",
            "Kortet sendes til dig med posten.",
        ),
        services=("legitimationskort",),
    ),
    ArticleData(
        slug="koerekort-fornyelse",
        title="Forny dit kørekort",
        summary=(
            "Du kan forny dit kørekort op til tre måneder før det udløber. Du skal møde op i "
            "Borgerservice med et nyt foto og dit gamle kørekort."
        ),
        intro=(
            "Et kørekort gælder typisk i 15 år. Når det er udløbet, må du ikke køre bil på det, "
            "så husk at forny i god tid."
        ),
        steps=(
            "Søg om fornyelse digitalt på borger.dk.",
            "Bestil tid i Borgerservice.",
            "Tag et godkendt pasfoto med, eller få taget foto hos os.",
            "Aflever dit gamle kørekort og betal gebyret.",
            "Det nye kørekort sendes til dig. Du får et midlertidigt kørekort med det samme.",
        ),
        notes=(
            "Har du et kørekort til lastbil eller bus, eller har lægen sat en tidsbegrænsning, "
            "skal du have en lægeattest med."
        ),
        services=("koerekort-fornyelse",),
        review_in_days=-30,
    ),
    ArticleData(
        slug="koerekort-ombytning",
        title="Byt dit udenlandske kørekort til et dansk",
        summary=(
            "Har du fast bopæl i Danmark, kan du ombytte dit udenlandske kørekort til et dansk "
            "i Borgerservice. Medbring kørekort, pas og foto."
        ),
        intro=(
            "Kørekort fra EU- og EØS-lande gælder i Danmark, men du kan bytte dem til et dansk. "
            "Kørekort fra andre lande skal du normalt ombytte inden for 90 dage efter, du har "
            "fået bopæl i Danmark."
        ),
        steps=(
            "Bestil tid i Borgerservice.",
            "Tag dit udenlandske kørekort, dit pas og et pasfoto med.",
            "Udfyld ansøgningen hos os og betal gebyret.",
            "Nogle lande kræver, at du består en kontrollerende køreprøve først.",
        ),
        services=("koerekort-ombytning",),
    ),
    ArticleData(
        slug="koerekort-duplikat",
        title="Mistet eller ødelagt kørekort",
        summary=(
            "Har du mistet dit kørekort, eller er det slidt eller ødelagt, kan du få et "
            "duplikatkørekort i Borgerservice. Du får et midlertidigt kørekort med det samme."
        ),
        intro=(
            "Er dit kørekort stjålet, skal du melde det til politiet. Er det bare væk eller "
            "slidt, kan du få et nyt (et duplikat) med de samme kategorier."
        ),
        steps=(
            "Bestil tid i Borgerservice.",
            "Tag et pasfoto og anden legitimation med, fx pas.",
            "Betal gebyret. Du får et midlertidigt kørekort, så du kan køre med det samme.",
        ),
        services=("koerekort-duplikat",),
    ),
    ArticleData(
        slug="flytning",
        title="Meld flytning",
        summary=(
            "Du skal melde flytning digitalt på borger.dk senest fem dage efter, du er flyttet. "
            "Det er gratis, og du vælger læge samtidig."
        ),
        intro=(
            "Når du flytter, skal du melde din nye adresse til kommunen. Så får myndigheder, "
            "læge og Digital Post automatisk din nye adresse. Du kan tidligst melde flytning "
            "fire uger før."
        ),
        steps=(
            "Log ind med MitID på borger.dk og vælg »Meld flytning«.",
            "Skriv din nye adresse og datoen for flytningen.",
            "Vælg læge i din nye kommune, hvis du flytter langt.",
            "Du får et nyt sundhedskort med posten.",
        ),
        notes=(
            "Flytter du som familie, kan én voksen melde flytning for alle, der flytter med.\n\n"
            "Kan du ikke selv bruge borger.dk, hjælper Borgerservice dig."
        ),
        services=("flytning",),
    ),
    ArticleData(
        slug="bopaelsattest",
        title="Bopælsattest",
        summary=(
            "En bopælsattest viser, hvor du bor og har boet ifølge folkeregistret. "
            "Du kan bestille den digitalt eller hente den i Borgerservice."
        ),
        intro=(
            "Du kan få brug for en bopælsattest, fx når du skal giftes i udlandet, søge "
            "statsborgerskab eller dokumentere din adresse over for en udenlandsk myndighed."
        ),
        steps=(
            "Bestil attesten digitalt på borger.dk med MitID.",
            "Attesten sendes til din Digital Post.",
            "Har du brug for en attest på engelsk eller med stempel, så kontakt Borgerservice.",
        ),
        services=("bopaelsattest",),
    ),
    ArticleData(
        slug="navne-og-adressebeskyttelse",
        title="Navne- og adressebeskyttelse (hemmelig adresse)",
        summary=(
            "Med navne- og adressebeskyttelse videregiver folkeregistret ikke din adresse til "
            "private. Beskyttelsen gælder et år ad gangen og søges digitalt."
        ),
        intro=(
            "Vil du ikke have, at andre kan slå din adresse op, kan du søge om navne- og "
            "adressebeskyttelse. Offentlige myndigheder kan stadig se din adresse."
        ),
        steps=(
            "Søg om beskyttelse digitalt på borger.dk.",
            "Beskyttelsen gælder fra den dag, den er registreret, og et år frem.",
            "Du får besked i Digital Post, før den udløber, så du kan forny den.",
        ),
        notes="Beskyttelsen er gratis for de fleste.",
        services=("navne-og-adressebeskyttelse",),
    ),
    ArticleData(
        slug="sundhedskort-og-laegeskift",
        title="Sundhedskort (det gule kort) og skift af læge",
        summary=(
            "Du kan skifte læge og bestille nyt sundhedskort digitalt. Har du mistet dit "
            "sundhedskort, koster et nyt kort et gebyr. Ved flytning er det gratis."
        ),
        intro=(
            "Sundhedskortet – også kaldet det gule kort eller sygesikringskortet – viser, at du "
            "har ret til gratis behandling hos læge og på sygehus. Du kan også bruge det "
            "digitale sundhedskort i appen »Sundhedskort«."
        ),
        steps=(
            "Log ind på borger.dk med MitID.",
            "Vælg »Skift læge« eller »Bestil nyt sundhedskort«.",
            "Har du mistet kortet, så bestil et nyt og betal gebyret.",
            "Det nye kort kommer med posten efter ca. to uger.",
        ),
        notes=(
            "Du kan skifte læge, hvis lægen har plads. Det koster et gebyr, hvis du skifter "
            "læge, uden at du er flyttet."
        ),
        services=("sundhedskort-og-laegeskift",),
        review_in_days=-7,
    ),
    ArticleData(
        slug="eu-sygesikringskort",
        title="Det blå EU-sygesikringskort",
        summary=(
            "Det blå kort giver ret til nødvendig behandling på rejser i EU, EØS og Schweiz. "
            "Du bestiller det gratis på borger.dk."
        ),
        intro=(
            "Skal du på ferie i Europa, bør du have det blå sygesikringskort med. Kortet gælder "
            "i op til fem år."
        ),
        steps=(
            "Bestil kortet gratis på borger.dk med MitID.",
            "Skal du rejse, før kortet kommer, kan du få et midlertidigt bevis med det samme.",
            "Tag kortet med på rejsen sammen med dit pas.",
        ),
        services=("eu-sygesikringskort",),
    ),
    ArticleData(
        slug="laegekoersel",
        title="Lægekørsel og befordringsgodtgørelse",
        summary=(
            "Modtager du pension og kan ikke selv komme til lægen, kan du søge om kørsel eller "
            "befordringsgodtgørelse til læge og speciallæge."
        ),
        intro=(
            "Kommunen kan betale for transport til din egen læge eller speciallæge, hvis du "
            "får social pension og ikke kan tage offentlig transport."
        ),
        steps=(
            "Søg digitalt på borger.dk eller send et brev til Social og Sundhed.",
            "Skriv, hvor du skal hen, og hvorfor du ikke selv kan komme derhen.",
            "Gem dine kvitteringer, hvis du får godtgørelse for udgifter.",
        ),
        services=("laegekoersel",),
        owner=data.SOCIAL_HEALTH,
    ),
    ArticleData(
        slug="refusion-behandling-i-eu",
        title="Refusion for lægebehandling i et andet EU-land",
        summary=(
            "Har du selv betalt for lægebehandling i et andet EU/EØS-land, kan du søge "
            "Styrelsen for Patientsikkerhed om at få pengene tilbage."
        ),
        intro=(
            "Har du fået en lægeregning på ferie i udlandet, kan du ofte få refunderet udgiften "
            "svarende til, hvad behandlingen ville koste i Danmark."
        ),
        steps=(
            "Gem regningen og kvitteringen for betalingen.",
            "Søg om refusion digitalt hos Styrelsen for Patientsikkerhed.",
            "Vedlæg kopi af regningen og oplys, hvor og hvornår du blev behandlet.",
        ),
        services=("refusion-behandling-i-eu",),
    ),
    ArticleData(
        slug="mitid-app",
        title="Få MitID med app",
        summary=(
            "Har du pas eller kørekort, kan du selv oprette MitID i MitID-appen. "
            "Kan du ikke det, hjælper Borgerservice dig gratis."
        ),
        intro=(
            "MitID er dit digitale id, som afløste NemID. Du bruger det til at logge på "
            "borger.dk, netbank og Digital Post."
        ),
        steps=(
            "Hent MitID-appen på din telefon.",
            "Scan chippen i dit pas eller brug dit kørekort.",
            "Følg vejledningen i appen og vælg et bruger-id.",
            "Har du glemt dit bruger-id eller mistet din telefon, så gå ind på mitid.dk.",
        ),
        notes="Kan du ikke oprette MitID selv, så bestil tid i Borgerservice og tag pas med.",
        services=("mitid-app",),
        review_in_days=-60,
    ),
    ArticleData(
        slug="mitid-uden-app",
        title="MitID uden app: kodeviser eller kodeoplæser",
        summary=(
            "Kan du ikke bruge MitID-appen, kan du få MitID med en kodeviser eller kodeoplæser "
            "i Borgerservice. Medbring pas eller kørekort."
        ),
        intro=(
            "Har du ikke en smartphone, eller er appen svær at bruge, kan du få MitID med en "
            "lille kodeviser. Er du blind eller svagsynet, kan du få en kodeoplæser, der læser "
            "koden højt."
        ),
        steps=(
            "Bestil tid i Borgerservice.",
            "Tag pas, kørekort eller legitimationskort med.",
            "Vi opretter dit MitID og udleverer kodeviseren.",
            "Mister du kodeviseren, så spær den på mitid.dk og kom ind efter en ny.",
        ),
        services=("mitid-uden-app",),
    ),
    ArticleData(
        slug="fritagelse-digital-post",
        title="Fritagelse for Digital Post",
        summary=(
            "Kan du ikke bruge Digital Post (mit.dk eller e-Boks), kan du blive fritaget og få "
            "din post fra det offentlige som papirbrev. Fritagelsen aftales i Borgerservice."
        ),
        intro=(
            "Alle over 15 år får som udgangspunkt post fra det offentlige digitalt. Har du fx "
            "ikke adgang til computer, eller har du svært ved at bruge den, kan du blive "
            "fritaget."
        ),
        steps=(
            "Kom i Borgerservice eller send en blanket med posten.",
            "Fortæl, hvorfor du ikke kan bruge Digital Post.",
            "Fritagelsen gælder fra den dag, den er registreret.",
        ),
        notes=(
            "I stedet for fritagelse kan en pårørende få fuldmagt til at læse din Digital "
            "Post for dig."
        ),
        services=("fritagelse-digital-post",),
    ),
    ArticleData(
        slug="vielse",
        title="Borgerlig vielse på rådhuset",
        summary=(
            "Når Familieretshuset har godkendt jeres ægteskabsbetingelser, kan I blive gift "
            "på rådhuset. Book en tid og tag to vidner med. Det er gratis."
        ),
        intro=(
            "En borgerlig vielse foregår på rådhuset og tager ca. 15 minutter. "
            "I kan have gæster med."
        ),
        steps=(
            "Søg om prøvelse af ægteskabsbetingelser hos Familieretshuset.",
            "Når I har fået prøvelsesattesten, booker I en dato til vielsen.",
            "Tag to vidner over 18 år og jeres legitimation med på dagen.",
            "Kom 10 minutter før.",
        ),
        notes="Vielser holdes på hverdage og nogle lørdage.",
        services=("vielse",),
    ),
    ArticleData(
        slug="proevelse-af-aegteskabsbetingelser",
        title="Prøvelse af ægteskabsbetingelser",
        summary=(
            "Før I kan blive gift, skal Familieretshuset prøve, om I opfylder betingelserne. "
            "I søger digitalt og kan tidligst søge fire måneder før vielsen."
        ),
        intro=(
            "Prøvelsen gælder, uanset om I skal giftes på rådhuset eller i kirken. "
            "I får en prøvelsesattest, der gælder i fire måneder."
        ),
        steps=(
            "Udfyld ægteskabserklæringen digitalt hos Familieretshuset – begge skal logge på "
            "med MitID.",
            "Vedlæg de dokumenter, ansøgningen beder om.",
            "Betal gebyret til Familieretshuset.",
        ),
        services=("proevelse-af-aegteskabsbetingelser",),
    ),
    ArticleData(
        slug="ejendomsskat",
        title="Ejendomsskat (grundskyld) og ejendomsskattebillet",
        summary=(
            "Kommunen opkræver ejendomsskat i to rater om året, i januar og juli. Spørgsmål "
            "om selve vurderingen hører til Vurderingsstyrelsen."
        ),
        intro=(
            "Ejer du en bolig eller en grund, betaler du grundskyld til kommunen. Beløbet står "
            "på dit ejendomsskattebillet, som du får i Digital Post."
        ),
        steps=(
            "Find dit ejendomsskattebillet i Digital Post.",
            "Betal raterne via betalingsservice eller med indbetalingskortet.",
            "Er du uenig i vurderingen, så kontakt Vurderingsstyrelsen – ikke kommunen.",
        ),
        notes="Betaler du for sent, får du en rykker og renter.",
        services=("ejendomsskat",),
        owner=data.COLLECTION,
        review_in_days=-21,
    ),
    ArticleData(
        slug="laan-til-ejendomsskat",
        title="Lån til betaling af ejendomsskat",
        summary=(
            "Er du folkepensionist og ejer din bolig, kan du låne til ejendomsskatten med pant "
            "i boligen. Du søger digitalt."
        ),
        intro=(
            "Lånet betyder, at du ikke selv skal betale ejendomsskatten nu. Kommunen betaler, "
            "og lånet bliver tilbagebetalt, når boligen sælges."
        ),
        steps=(
            "Søg om lånet digitalt på borger.dk.",
            "Kommunen tinglyser et pantebrev i din bolig.",
            "Du skal søge igen, hvis du vil låne til næste år.",
        ),
        services=("laan-til-ejendomsskat",),
        owner=data.COLLECTION,
    ),
    ArticleData(
        slug="opkraevning-og-restancer",
        title="Kan du ikke betale en regning fra kommunen?",
        summary=(
            "Kan du ikke betale en regning fra kommunen til tiden, så kontakt Opkrævningen. "
            "Vi kan ofte lave en betalingsaftale, før gælden sendes til inddrivelse."
        ),
        intro=(
            "Har du fået en rykker, eller skylder du kommunen penge, er det vigtigt at kontakte "
            "os hurtigt. Når gælden er sendt til Gældsstyrelsen, kan vi ikke længere lave en "
            "aftale."
        ),
        steps=(
            "Ring til Opkrævningen eller skriv til os.",
            "Fortæl, hvilken regning det drejer sig om, og hvad du kan betale om måneden.",
            "Vi sender betalingsaftalen til din Digital Post.",
        ),
        services=("opkraevning-og-restancer",),
        owner=data.COLLECTION,
    ),
    ArticleData(
        slug="boliganvisning",
        title="Akut brug for en bolig – boliganvisning",
        summary=(
            "Står du akut uden bolig, kan kommunen i nogle tilfælde anvise en almen bolig. "
            "Kontakt Boliganvisningen for en vurdering."
        ),
        intro=(
            "Kommunen kan anvise en ledig almen bolig til borgere med et akut boligsocialt "
            "behov, fx ved skilsmisse, udsættelse eller hjemløshed."
        ),
        steps=(
            "Kontakt Boliganvisningen på telefon eller mail.",
            "Du får en samtale, hvor vi vurderer din situation.",
            "Husk også at skrive dig op hos boligselskaberne.",
        ),
        services=("boliganvisning",),
        owner=data.HOUSING,
    ),
    ArticleData(
        slug="indskudslaan",
        title="Indskudslån til almen bolig",
        summary=(
            "Skal du flytte ind i en almen bolig og har svært ved at betale indskuddet, kan du "
            "søge om et rentefrit lån. Søg digitalt, før du flytter ind."
        ),
        intro=(
            "Kommunen kan låne dig penge til beboerindskuddet (depositum) i en almen "
            "familiebolig. Lånet er rentefrit de første fem år."
        ),
        steps=(
            "Søg om indskudslån digitalt på borger.dk, før du flytter ind.",
            "Vedlæg lejekontrakten.",
            "Du får svar i Digital Post.",
        ),
        services=("indskudslaan",),
        owner=data.HOUSING,
    ),
    ArticleData(
        slug="boligstoette",
        title="Boligstøtte – tilskud til huslejen",
        summary=(
            "Boligstøtte er et tilskud til huslejen, som Udbetaling Danmark behandler. "
            "Du søger digitalt; Borgerservice hjælper, hvis du ikke kan selv."
        ),
        intro=(
            "Du kan få boligstøtte, hvis du bor til leje, og husstandens indkomst ikke er for "
            "høj. Pensionister kan også få boligstøtte i en andelsbolig eller ejerbolig."
        ),
        steps=(
            "Beregn på borger.dk, om du kan få boligstøtte.",
            "Søg digitalt med MitID og vedlæg lejekontrakten.",
            "Giv Udbetaling Danmark besked, hvis din indkomst eller husleje ændrer sig.",
        ),
        services=("boligstoette",),
    ),
    ArticleData(
        slug="brevstemme",
        title="Brevstemme – stem før valgdagen",
        summary=(
            "Kan du ikke stemme på valgdagen, kan du brevstemme i Borgerservice i ugerne før "
            "valget. Husk legitimation."
        ),
        intro=(
            "Skal du være bortrejst, på arbejde eller på sygehus på valgdagen, kan du afgive "
            "din stemme på forhånd. Du behøver ikke bestille tid."
        ),
        steps=(
            "Mød op i Borgerservice i åbningstiden i perioden før valget.",
            "Tag pas, kørekort eller sundhedskort med.",
            "Du udfylder brevstemmesedlen hos os, og vi sender den til dit valgsted.",
            "Er du syg og kan ikke komme, kan du søge om at brevstemme i hjemmet.",
        ),
        services=("brevstemme",),
        owner=data.ELECTIONS,
    ),
    ArticleData(
        slug="folkepension",
        title="Søg folkepension",
        summary=(
            "Folkepension kommer ikke automatisk. Du søger digitalt hos Udbetaling Danmark, "
            "tidligst et halvt år før du når folkepensionsalderen."
        ),
        intro=(
            "Folkepensionen består af et grundbeløb og et pensionstillæg. Hvor meget du får, "
            "afhænger af din indkomst, og om du bor alene. Du kan også vælge at udskyde din "
            "pension."
        ),
        steps=(
            "Find din folkepensionsalder på borger.dk.",
            "Søg om folkepension digitalt med MitID, tidligst seks måneder før.",
            "Udbetaling Danmark sender afgørelsen til din Digital Post.",
        ),
        services=("folkepension",),
    ),
    ArticleData(
        slug="helbredstillaeg",
        title="Helbredstillæg – tilskud til tandlæge, medicin og briller",
        summary=(
            "Folkepensionister med lav formue kan få tilskud til fx tandlæge, medicin og "
            "briller. Kommunen behandler ansøgningen."
        ),
        intro=(
            "Helbredstillæg dækker en del af din egenbetaling til medicin, tandlæge, "
            "fysioterapi og fodterapi. Har du meget store udgifter, kan du også søge "
            "personligt tillæg."
        ),
        steps=(
            "Søg om helbredstillæg digitalt på borger.dk.",
            "Vis regningen hos tandlægen eller på apoteket – så trækkes tilskuddet fra.",
            "Din formue må ikke overstige grænsen, der står på borger.dk.",
        ),
        services=("helbredstillaeg",),
        owner=data.SOCIAL_HEALTH,
    ),
    ArticleData(
        slug="boerne-og-ungeydelse",
        title="Børne- og ungeydelse (børnepenge)",
        summary=(
            "Børne- og ungeydelsen udbetales kvartalsvis af Udbetaling Danmark og kommer som "
            "regel automatisk. Ændringer klares digitalt."
        ),
        intro=(
            "Du får børne- og ungeydelse for børn under 18 år. Beløbet er størst, mens barnet "
            "er lille, og udbetales i januar, april, juli og oktober."
        ),
        steps=(
            "Ydelsen kommer automatisk, når barnet er født i Danmark.",
            "Er du flyttet til Danmark, skal du selv søge digitalt.",
            "Giv Udbetaling Danmark besked, hvis barnet flytter.",
        ),
        services=("boerne-og-ungeydelse",),
    ),
    ArticleData(
        slug="pladsanvisning",
        title="Skriv dit barn op til vuggestue, dagpleje eller børnehave",
        summary=(
            "Skriv dit barn op til dagpleje, vuggestue eller børnehave digitalt. Her søger du "
            "også om økonomisk fripladstilskud."
        ),
        intro=(
            "Du kan skrive dit barn op, så snart barnet har fået et CPR-nummer. Kommunen har "
            "pladsgaranti fra barnet er 26 uger."
        ),
        steps=(
            "Log ind på kommunens pladsanvisning med MitID.",
            "Vælg de dagtilbud, du ønsker, og den dato, du har brug for plads.",
            "Du får tilbud om plads i Digital Post senest en måned før.",
            "Søg om friplads samme sted, hvis husstandens indkomst er lav.",
        ),
        services=("pladsanvisning",),
        owner=data.CHILDCARE,
    ),
    ArticleData(
        slug="skoleindskrivning",
        title="Skoleindskrivning til børnehaveklasse",
        summary=(
            "Børn skal skrives ind i børnehaveklasse i det år, de fylder seks. "
            "Indskrivningen foregår digitalt i vinterhalvåret."
        ),
        intro=(
            "Dit barn får automatisk plads på distriktsskolen, men du skal selv skrive barnet "
            "ind. Du kan også ønske en anden skole eller udsat skolestart."
        ),
        steps=(
            "Du får et brev i Digital Post, når indskrivningen åbner.",
            "Log ind med MitID og skriv barnet ind – husk også SFO.",
            "Vil du skifte skole senere, så kontakt Skoleafdelingen.",
        ),
        services=("skoleindskrivning",),
        owner=data.SCHOOLS,
    ),
    ArticleData(
        slug="forskudsopgoerelse",
        title="Forskudsopgørelse og skattekort",
        summary=(
            "Ret din forskudsopgørelse på skat.dk, når din indkomst eller dine fradrag ændrer "
            "sig. Borgerservice kan hjælpe dig i gang."
        ),
        intro=(
            "Forskudsopgørelsen bestemmer din trækprocent og dit fradrag på skattekortet. "
            "Er den forkert, kommer du til at betale for meget eller for lidt i skat."
        ),
        steps=(
            "Log ind på skat.dk med MitID.",
            "Ret din forventede indkomst og dine fradrag.",
            "Dit nye skattekort sendes automatisk til din arbejdsgiver.",
        ),
        notes="Spørgsmål om din skat kan du også stille Skattestyrelsen på telefon.",
        services=("forskudsopgoerelse",),
    ),
    ArticleData(
        slug="byggesag",
        title="Byggetilladelse – carport, tilbygning og andet byggeri",
        summary=(
            "Du søger byggetilladelse eller anmelder byggeri digitalt på Byg og Miljø. "
            "Byggesagsbehandleren kan holde et videomøde med dig om projektet."
        ),
        intro=(
            "Nogle byggerier kræver tilladelse, fx en tilbygning til huset. Mindre byggerier "
            "som en carport eller et skur skal ofte kun anmeldes eller kræver intet."
        ),
        steps=(
            "Tjek lokalplanen og bygningsreglementet for din grund.",
            "Søg eller anmeld digitalt på bygogmiljoe.dk med tegninger.",
            "Du må først gå i gang, når du har fået tilladelsen.",
            "Meld byggeriet færdigt, når du er færdig.",
        ),
        services=("byggesag",),
        owner=data.TECHNICAL,
        review_in_days=-3,
    ),
    ArticleData(
        slug="affald",
        title="Storskrald, affaldsbeholdere og manglende tømning",
        summary=(
            "Bestil afhentning af storskrald, skift størrelse på din affaldsbeholder eller meld "
            "en manglende tømning på kommunens hjemmeside."
        ),
        intro=(
            "Storskrald er fx møbler, madrasser og store hvidevarer. Det bliver hentet ved "
            "skel, når du har bestilt det. Mindre affald kan du selv køre på genbrugspladsen."
        ),
        steps=(
            "Bestil storskrald digitalt senest en uge før.",
            "Stil tingene ved skel aftenen før afhentning.",
            "Er din skraldespand ikke blevet tømt, så meld det samme sted.",
        ),
        services=("affald",),
        owner=data.TECHNICAL,
    ),
    ArticleData(
        slug="rotteanmeldelse",
        title="Anmeld rotter",
        summary=(
            "Du har pligt til at anmelde rotter, og det skal ske digitalt. Kommunens "
            "rottebekæmper kommer normalt inden for få hverdage. Det er gratis."
        ),
        intro=(
            "Ser du rotter eller tegn på rotter, fx huller, gnav eller ekskrementer, skal du "
            "anmelde det til kommunen."
        ),
        steps=(
            "Anmeld rotter digitalt på kommunens hjemmeside.",
            "Skriv, hvor du har set rotterne – ude, inde eller i kloakken.",
            "Rottebekæmperen kontakter dig og aftaler et besøg.",
        ),
        notes="Mus skal du selv bekæmpe – kommunen tager sig kun af rotter.",
        services=("rotteanmeldelse",),
        owner=data.TECHNICAL,
    ),
    ArticleData(
        slug="nyttehaver",
        title="Lej en nyttehave",
        summary=(
            "Kommunen udlejer nyttehaver for en sæson ad gangen. Skriv dig på ventelisten digitalt."
        ),
        intro=(
            "En nyttehave er et lille jordstykke, hvor du kan dyrke grøntsager og blomster. "
            "Sæsonen går fra april til oktober."
        ),
        steps=(
            "Skriv dig på ventelisten på kommunens hjemmeside.",
            "Du får et tilbud, når der bliver en have ledig.",
            "Betal lejen for sæsonen.",
        ),
        services=("nyttehaver",),
        owner=data.TECHNICAL,
    ),
    ArticleData(
        slug="indrejse",
        title="Flyt til Danmark – få CPR-nummer",
        summary=(
            "Flytter du til Danmark, skal du registreres i folkeregistret og få et CPR-nummer. "
            "Bestil tid og medbring pas, opholdsdokument og lejekontrakt."
        ),
        intro=(
            "Med et CPR-nummer kan du få sundhedskort, læge, MitID og åbne en bankkonto. "
            "Du skal registreres, hvis du skal bo i Danmark i mere end tre måneder."
        ),
        steps=(
            "Få opholdstilladelse eller registreringsbevis først.",
            "Bestil tid i Borgerservice.",
            "Mød op med pas, opholdsdokument og lejekontrakt.",
            "Dit sundhedskort kommer med posten efter et par uger.",
        ),
        services=("indrejse",),
    ),
    ArticleData(
        slug="eu-registreringsbevis",
        title="Registreringsbevis for EU/EØS-borgere",
        summary=(
            "EU/EØS-borgere, der skal bo i Danmark i mere end tre måneder, skal have et "
            "registreringsbevis fra SIRI, før de kan få et CPR-nummer."
        ),
        intro=(
            "Registreringsbeviset viser, at du har ret til ophold i Danmark som EU-borger, "
            "fx fordi du arbejder eller studerer her."
        ),
        steps=(
            "Søg om registreringsbevis digitalt hos SIRI.",
            "Vedlæg pas og fx ansættelseskontrakt.",
            "Når du har beviset, bestiller du tid i Borgerservice og får dit CPR-nummer.",
        ),
        services=("eu-registreringsbevis",),
    ),
)


# --- Internal articles for the contact centre -------------------------------------

_INTERNAL: tuple[ArticleData, ...] = (
    ArticleData(
        slug="kc-pas",
        title="Kontaktcenter: Spørgsmål om pas",
        summary=(
            "Sådan svarer du om nyt pas, børnepas, pris og mistet pas. Borgeren skal altid møde "
            "op; henvis til tidsbestilling."
        ),
        intro="Pas udstedes af Politiet, men ansøgningen tages i Borgerservice.",
        steps=(
            "Spørg, om det er til en voksen eller et barn, og om det gamle pas findes.",
            "Henvis til tidsbestilling – der er ingen drop-in på pas.",
            "Børnepas: mind om samtykke fra alle med forældremyndighed (»Giv samtykke« på "
            "borger.dk).",
            "Mistet pas: borgeren skal melde det til politiet (114 eller politi.dk) først.",
            "Akut rejse inden for få dage: henvis til politiets nødpas.",
        ),
        notes=(
            "**Priser:** voksne 891 kr., børn 150 kr. Lavere pris for pensionister.\n\n"
            "Løses ved første kontakt: ja, i de fleste tilfælde (udfald »løst« eller "
            "»henvist til selvbetjening«)."
        ),
        services=("pas-voksne", "pas-boern"),
        audience="internal",
        review_in_days=-10,
    ),
    ArticleData(
        slug="kc-koerekort",
        title="Kontaktcenter: Spørgsmål om kørekort",
        summary="Fornyelse, ombytning og mistet kørekort: priser, hvad borgeren skal medbringe.",
        intro="Kørekort udstedes af Færdselsstyrelsen; ansøgningen tages i Borgerservice.",
        steps=(
            "Fornyelse (190 kr.): tidligst tre måneder før udløb. Foto og gammelt kørekort.",
            "Duplikat ved mistet/ødelagt kort (370 kr.): midlertidigt kørekort med det samme.",
            "Ombytning af udenlandsk kørekort (360 kr.): kørekort, pas og foto.",
            "Tidsbegrænset kørekort eller erhvervskørekort: lægeattest først – henvis til egen "
            "læge.",
        ),
        notes="Spørgsmål om køreprøver og frakendelse: henvis til Politiet.",
        services=("koerekort-fornyelse", "koerekort-ombytning", "koerekort-duplikat"),
        audience="internal",
    ),
    ArticleData(
        slug="kc-sundhedskort",
        title="Kontaktcenter: Sundhedskort og lægeskift",
        summary=(
            "Nyt sundhedskort (225 kr. ved mistet kort, gratis ved flytning), lægeskift og "
            "det digitale sundhedskort."
        ),
        intro="Alt klares digitalt på borger.dk (obligatorisk selvbetjening).",
        steps=(
            "Mistet kort: henvis til »Bestil nyt sundhedskort« på borger.dk; gebyr 225 kr.",
            "Mind om appen »Sundhedskort« – den kan bruges med det samme.",
            "Lægeskift: læg vægt på, at lægen skal have åbent for tilgang.",
            "Kan borgeren ikke selv: hjælp med skærmdeling eller book tid i Borgerservice.",
        ),
        services=("sundhedskort-og-laegeskift",),
        audience="internal",
    ),
    ArticleData(
        slug="kc-flytning",
        title="Kontaktcenter: Flytning",
        summary="Flytning meldes digitalt senest fem dage efter. Hvad sker der med læge og post.",
        intro="Flytning er obligatorisk selvbetjening; tilbyd hjælp, hvis borgeren ikke kan selv.",
        steps=(
            "Henvis til »Meld flytning« på borger.dk (send linket med SMS, hvis borgeren vil).",
            "Flytning kan tidligst meldes fire uger før.",
            "Nyt sundhedskort sendes automatisk.",
            "Flytning til udlandet meldes også digitalt.",
            "Tvivl om, hvor borgeren bor (fx dobbelt bopæl): opret tilbagekald til "
            "Borgerservice' folkeregister.",
        ),
        services=("flytning",),
        audience="internal",
        review_in_days=-5,
    ),
    ArticleData(
        slug="kc-ejendomsskat",
        title="Kontaktcenter: Ejendomsskat og grundskyld",
        summary=(
            "Rater, ejendomsskattebillet og lån til ejendomsskat. Spørgsmål om vurderingen går "
            "til Vurderingsstyrelsen."
        ),
        intro="Opkrævning og Ejendomsskat har telefontid med frokostlukning 12–12.30.",
        steps=(
            "Rater forfalder i januar og juli; se ejendomsskattebilletten i Digital Post.",
            "Vurderingen: henvis til Vurderingsstyrelsen (vurderingsportalen.dk).",
            "Lån til ejendomsskat for folkepensionister: henvis til borger.dk.",
            "Konkrete beløb og fejl: viderestil til Opkrævning og Ejendomsskat, hvis nogen er "
            "til stede; ellers opret tilbagekald.",
        ),
        services=("ejendomsskat", "laan-til-ejendomsskat"),
        audience="internal",
        owner=data.COLLECTION,
    ),
    ArticleData(
        slug="kc-opkraevning",
        title="Kontaktcenter: Regninger, rykkere og betalingsaftaler",
        summary=(
            "Borgeren kan ikke betale en regning fra kommunen. Opkrævningen kan lave "
            "betalingsaftaler, så længe gælden ikke er sendt til Gældsstyrelsen."
        ),
        intro="Tag stilling til, om gælden stadig ligger hos kommunen.",
        steps=(
            "Spørg efter regningens nummer eller hvad den drejer sig om.",
            "Er gælden sendt til inddrivelse: henvis til Gældsstyrelsen.",
            "Ellers: viderestil til Opkrævning og Ejendomsskat eller opret tilbagekald med "
            "borgerens forslag til afdrag.",
        ),
        services=("opkraevning-og-restancer",),
        audience="internal",
        owner=data.COLLECTION,
    ),
    ArticleData(
        slug="kc-boligstoette",
        title="Kontaktcenter: Boligstøtte, indskudslån og boliganvisning",
        summary=(
            "Boligstøtte behandles af Udbetaling Danmark; indskudslån og akut bolig behandles "
            "af kommunen."
        ),
        intro="Find først ud af, hvad borgeren har brug for.",
        steps=(
            "Boligstøtte: henvis til borger.dk; sagsspørgsmål til Udbetaling Danmark.",
            "Indskudslån: skal søges før indflytning, digitalt på borger.dk.",
            "Akut uden bolig: viderestil til Boliganvisningen eller opret tilbagekald samme dag.",
        ),
        services=("boligstoette", "indskudslaan", "boliganvisning"),
        audience="internal",
        owner=data.HOUSING,
    ),
    ArticleData(
        slug="kc-digital-post",
        title="Kontaktcenter: Digital Post, mit.dk og e-Boks",
        summary="Fritagelse for Digital Post, fuldmagt og hjælp til mit.dk.",
        intro=(
            "Fritagelse kan ikke gives over telefonen; borgeren skal møde op eller sende blanket."
        ),
        steps=(
            "Fritagelse: henvis til Borgerservice eller blanket med posten.",
            "Pårørende vil læse post: fuldmagt på mit.dk.",
            "Tekniske problemer med mit.dk eller e-Boks: henvis til deres support.",
        ),
        services=("fritagelse-digital-post",),
        audience="internal",
    ),
    ArticleData(
        slug="kc-mitid",
        title="Kontaktcenter: MitID",
        summary="Oprettelse, glemt bruger-id, mistet telefon og kodeviser.",
        intro="MitID kan ikke oprettes eller nulstilles over telefonen.",
        steps=(
            "Har borgeren pas med chip: oprettelse i MitID-appen.",
            "Glemt bruger-id, mistet telefon: mitid.dk eller MitID-support.",
            "Ingen smartphone: kodeviser i Borgerservice – book tid, medbring pas/kørekort.",
            "Spærret MitID: henvis til MitID-support.",
        ),
        services=("mitid-app", "mitid-uden-app"),
        audience="internal",
        review_in_days=-45,
    ),
    ArticleData(
        slug="kc-vielser",
        title="Kontaktcenter: Vielser og ægteskabsbetingelser",
        summary="Rækkefølgen er: prøvelse hos Familieretshuset, derefter booking af vielse.",
        intro="Vielser på rådhuset er gratis.",
        steps=(
            "Har parret ikke fået prøvelsesattest: henvis til Familieretshuset.",
            "Attesten gælder i fire måneder.",
            "Booking af dato: e-mail til Borgerservice med attest og ønsket dato.",
            "To vidner over 18 år skal være med.",
        ),
        services=("vielse", "proevelse-af-aegteskabsbetingelser"),
        audience="internal",
    ),
    ArticleData(
        slug="kc-valg",
        title="Kontaktcenter: Valg og brevstemmer",
        summary="Brevstemme, valgkort og hjemmebrevstemme.",
        intro="I valgperioden er der mange opkald; svar kort og henvis til Borgerservice.",
        steps=(
            "Brevstemme: mød op i Borgerservice med legitimation, ingen tidsbestilling.",
            "Mistet valgkort: borgeren kan stemme uden, med legitimation.",
            "Hjemmebrevstemme: viderestil til Valgsekretariatet eller opret tilbagekald.",
        ),
        services=("brevstemme",),
        audience="internal",
        owner=data.ELECTIONS,
    ),
    ArticleData(
        slug="kc-pension",
        title="Kontaktcenter: Folkepension og helbredstillæg",
        summary=(
            "Folkepension søges digitalt hos Udbetaling Danmark; helbredstillæg behandles af "
            "kommunen (Social og Sundhed)."
        ),
        intro="Mange ældre ringer for at få hjælp til ansøgningen.",
        steps=(
            "Folkepension: tidligst et halvt år før pensionsalderen, digitalt.",
            "Kan borgeren ikke selv: book tid i Borgerservice.",
            "Helbredstillæg og lægekørsel: viderestil til Social og Sundhed.",
        ),
        services=("folkepension", "helbredstillaeg", "laegekoersel"),
        audience="internal",
        owner=data.SOCIAL_HEALTH,
    ),
    ArticleData(
        slug="kc-viderestilling-og-tilbagekald",
        title="Kontaktcenter: Viderestilling og tilbagekald",
        summary=(
            "Viderestil kun til medarbejdere, der er til stede. Er afdelingen lukket, så opret "
            "et tilbagekald med borgerens telefonnummer."
        ),
        intro="Målet er at løse flest mulige henvendelser ved første kontakt.",
        steps=(
            "Søg i vidensbasen, før du viderestiller.",
            "Se telefonbogen: kun medarbejdere med status »ledig« kan tage imod.",
            "Er afdelingen lukket, registreres opkaldet som forgæves, og du opretter et "
            "tilbagekald.",
            "Skriv borgerens spørgsmål præcist i tilbagekaldet, så sagsbehandleren kan "
            "forberede sig.",
        ),
        audience="internal",
    ),
)

ARTICLES: tuple[ArticleData, ...] = _PUBLIC + _INTERNAL

# The demo manager writes the demo articles (she may: manager role).
DEMO_AUTHOR = "chef"


# --- Writing -----------------------------------------------------------------------

_SERVICE_DATA = {s.slug: s for s in data.SERVICES}
_AUTHORITY_NAMES = {a.slug: a.name for a in data.AUTHORITIES}
_DEPARTMENTS = {d.slug: d for d in data.DEPARTMENTS}


def _kroner(amount) -> str:
    whole = int(amount)
    return f"{whole:,}".replace(",", ".") + " kr."


def article_body(article: ArticleData) -> str:
    """The Markdown body: intro, steps, notes, then fee, authority, contact
    and self-service link from the catalogue (public articles)."""
    parts = [article.intro]
    if article.steps:
        heading = "## Sådan gør du" if article.audience == "public" else "## Sådan svarer du"
        steps = "\n".join(f"{n}. {step}" for n, step in enumerate(article.steps, start=1))
        parts.append(f"{heading}\n\n{steps}")
    if article.notes:
        parts.append(article.notes)
    service = _SERVICE_DATA.get(article.services[0]) if article.services else None
    if service is not None and article.audience == "public":
        if service.fee is not None:
            fee = "Det er gratis." if service.fee == 0 else f"Det koster {_kroner(service.fee)}"
            parts.append(f"## Pris\n\n{fee}")
        authority = _AUTHORITY_NAMES[service.authority]
        who = f"## Hvem behandler sagen?\n\n{authority} træffer afgørelsen."
        if service.department:
            department = _DEPARTMENTS[service.department]
            who += (
                f" Har du spørgsmål, kan du ringe til {department.name} på "
                f"{department.phone} eller skrive til {department.email}."
            )
        parts.append(who)
        if service.self_service_url:
            parts.append(
                f"## Selvbetjening\n\n[{service.name}: gå til selvbetjening]"
                f"({service.self_service_url})"
            )
    return "\n\n".join(parts) + "\n"


def _create(article: ArticleData, *, owner, services: list[Service], today, author) -> Article:
    """Through the knowledge services: version 1 with its author, and indexed."""
    return article_create(
        by=author,
        slug=article.slug,
        title=article.title,
        summary=article.summary,
        body=article_body(article),
        audience=article.audience,
        status=ArticleStatus.PUBLISHED,
        owner=owner,
        review_by=today + timedelta(days=article.review_in_days),
        services=services,
    )


def _seed_synonyms(result: KnowledgeSeedResult) -> None:
    existing = {term for group in SynonymGroup.objects.all() for term in group.term_list()[:1]}
    new = [terms for terms in SYNONYM_GROUPS if terms[0] not in existing]
    if not new:
        return
    now = clock.now()
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms="\n".join(terms), updated_at=now) for terms in new
    )
    result.synonym_groups += len(new)
    transaction.on_commit(synonyms_changed)
    synonyms_changed()


@transaction.atomic
def demo_knowledge_seed(*, author=None) -> KnowledgeSeedResult:
    """Add the demo articles and synonym groups that are missing; leave
    existing ones alone. Then open review tasks for articles past review.
    Run after `demo_seed()`: articles are linked to its services and
    departments and written by its manager ("chef") unless `author` is given."""
    result = KnowledgeSeedResult()
    _seed_synonyms(result)
    existing = set(
        Article.objects.filter(slug__in=[a.slug for a in ARTICLES]).values_list("slug", flat=True)
    )
    missing = [a for a in ARTICLES if a.slug not in existing]
    result.skipped = len(ARTICLES) - len(missing)
    if missing:
        author = author or User.objects.filter(username=DEMO_AUTHOR).first()
        if author is None:
            raise RuntimeError("Run demo_seed() before demo_knowledge_seed().")
        departments = {d.slug: d for d in Department.objects.all()}
        services = {s.slug: s for s in Service.objects.all()}
        today = clock.today()
        for article in missing:
            _create(
                article,
                owner=departments.get(article.owner),
                services=[services[slug] for slug in article.services if slug in services],
                today=today,
                author=author,
            )
            result.articles += 1
    result.review_tasks = review_tasks_create()
    return result
