"""Demo monitors: Zuidoost Utrecht Verbonden (about 30 projects, from the successes and plans of
the plenary of 9 October 2025) and a smaller one for the Bestuurstafel Gezond Utrecht.

Projects are created through the services (audited, "last updated by" the core team's editor);
a project that already exists (same network and title) is left alone, so ``load`` can run again.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bestuurstafel.networks.models import Membership, Network, Organisation, active_q

from . import services
from .models import MonitorSettings, Project

ZOUV_COURSE = [
    "Versterken sociale basis en eerstelijn",
    "Gezond ouder worden",
    "Mentale weerbaarheid en gezondheid",
]
BGU_COURSE = [
    "Preventie",
    "Netwerken die vanzelfsprekend samenwerken",
    "Eigen regie van inwoners",
    "Vitale wijken",
    "Eigen initiatieven van inwoners",
]
SOCIAL = "koers:versterken-sociale-basis-en-eerstelijn"
AGEING = "koers:gezond-ouder-worden"
MENTAL = "koers:mentale-weerbaarheid-en-gezondheid"

ALL = "regio"
PLENARY = date(2025, 10, 9)
ZEIST, BILT, BUNNIK, HEUVELRUG, WIJK = "GM0355", "GM0310", "GM0312", "GM1581", "GM0352"
UTRECHT, STICHTSE_VECHT, HOUTEN, NIEUWEGEIN = "GM0344", "GM1904", "GM0321", "GM0356"


@dataclass
class P:
    title: str
    summary: str
    agreement: str
    themes: list[str]
    status: str
    places: list[str] | str
    lead: str = ""
    partners: list[str] = field(default_factory=list)
    progress: int = 0
    start: date | None = None
    end: date | None = None
    funding: list[tuple[str, int, int, str]] = field(default_factory=list)
    parts: list[tuple[str, str, int]] = field(default_factory=list)
    milestones: list[tuple[date, str, bool]] = field(default_factory=list)
    approval: str = ""
    approval_date: date | None = None
    highlight: str = ""
    public: bool = True
    parent: str = ""
    weight: int = 1
    rollup: str = "manual"
    scale: str = ""
    contact: str = ""


ZOUV_PROJECTS = [
    P(
        "Ketenaanpak valpreventie Zuidoost Utrecht",
        "Ouderen met een hoog valrisico worden in de eerste lijn gescreend en krijgen een passend "
        "aanbod: In Balans, Vallen Verleden Tijd of thuisbeweegprogramma’s. Huisartsen, "
        "fysiotherapie, thuiszorg en welzijn werken met dezelfde ketenafspraken.",
        "gala",
        [
            "gala:6",
            "azwa:vital_ageing",
            "azwaf:fall_prevention",
            AGEING,
            "pg:bodily_functions",
            "4d:body",
        ],
        "running",
        ALL,
        lead="Huisartsencoöperatie Zuidoost Utrecht",
        partners=["Thuiszorg Heuvelrug", "Zorggroep Kromme Rijn", "GGD Midden-Utrecht"],
        start=date(2024, 3, 1),
        end=date(2027, 12, 31),
        funding=[
            ("brede_spuk", 2025, 145000, "granted"),
            ("brede_spuk", 2026, 150000, "requested"),
        ],
        milestones=[
            (date(2024, 3, 1), "Start werkgroep valpreventie", True),
            (date(2025, 6, 12), "Ketenafspraken getekend door alle partners", True),
            (date(2026, 1, 15), "Screening in alle huisartsenpraktijken", True),
            (date(2027, 6, 30), "Evaluatie en borging in de basisfunctionaliteit", False),
        ],
        highlight="De ketenafspraken valpreventie zijn gemaakt met huisartsen, fysiotherapie, thuiszorg en welzijn.",
        rollup="weighted",
        scale="subregion",
        contact="Programmabureau ZOUV",
    ),
    P(
        "Valpreventie Zeist",
        "Valrisicoscreening in de huisartsenpraktijk en beweeggroepen In Balans in vier wijken.",
        "gala",
        ["gala:6", "azwaf:fall_prevention", AGEING],
        "running",
        [ZEIST],
        lead="Welzijn Zeist",
        progress=70,
        start=date(2024, 9, 1),
        parent="Ketenaanpak valpreventie Zuidoost Utrecht",
        weight=3,
    ),
    P(
        "Valpreventie De Bilt en Bunnik",
        "Screening bij de huisarts en thuisbeweegprogramma’s van Stichting Welzijn Bilt-Bunnik.",
        "gala",
        ["gala:6", "azwaf:fall_prevention", AGEING],
        "running",
        [BILT, BUNNIK],
        lead="Stichting Welzijn Bilt-Bunnik",
        progress=45,
        start=date(2025, 1, 15),
        parent="Ketenaanpak valpreventie Zuidoost Utrecht",
        weight=2,
    ),
    P(
        "Valpreventie Heuvelrug en Wijk",
        "Start in 2026 met Vallen Verleden Tijd via de fysiotherapeuten in de kernen.",
        "gala",
        ["gala:6", "azwaf:fall_prevention", AGEING],
        "planned",
        [HEUVELRUG, WIJK],
        lead="Welzijn Heuvelrug en Wijk",
        progress=10,
        start=date(2026, 3, 1),
        parent="Ketenaanpak valpreventie Zuidoost Utrecht",
        weight=2,
    ),
    P(
        "Welzijn op Recept",
        "Huisartsen en praktijkondersteuners verwijzen inwoners met psychosociale klachten naar een "
        "welzijnscoach. Verlengd met een aangepaste aanpak: minder formulieren, meer warme "
        "overdracht.",
        "gala",
        [
            "gala:3",
            "azwaf:social_prescribing",
            "azwa:mental_health",
            SOCIAL,
            "pg:meaning",
            "4d:social",
        ],
        "running",
        [ZEIST, BILT, BUNNIK, HEUVELRUG],
        lead="Welzijn Zeist",
        partners=[
            "Stichting Welzijn Bilt-Bunnik",
            "Welzijn Heuvelrug en Wijk",
            "Huisartsencoöperatie Zuidoost Utrecht",
        ],
        progress=60,
        start=date(2023, 9, 1),
        end=date(2026, 12, 31),
        funding=[("brede_spuk", 2025, 86000, "granted"), ("brede_spuk", 2026, 92000, "granted")],
        highlight="Welzijn op Recept is verlengd, met een aangepaste aanpak.",
        contact="Coördinator Welzijn op Recept",
    ),
    P(
        "Welzijn op Recept Wijk bij Duurstede",
        "Uitbreiding van Welzijn op Recept naar de huisartsen in Wijk bij Duurstede.",
        "gala",
        ["gala:3", "azwaf:social_prescribing", SOCIAL],
        "planned",
        [WIJK],
        lead="Welzijn Heuvelrug en Wijk",
        start=date(2026, 9, 1),
        funding=[("brede_spuk", 2026, 24000, "requested")],
    ),
    P(
        "Mentale-gezondheidsnetwerk Zuidoost Utrecht",
        "Eén netwerk van ggz, huisartsen, welzijn, jeugdhulp en gemeenten voor laagdrempelige "
        "steun bij mentale klachten, met een verkennend gesprek zonder verwijzing.",
        "azwa",
        [
            "azwa:mental_health",
            "azwaf:mental_health_networks",
            "iza:F",
            MENTAL,
            "pg:mental_wellbeing",
            "4d:mind",
        ],
        "running",
        ALL,
        lead="GGZ Heuvelrug",
        partners=["Huisartsencoöperatie Zuidoost Utrecht", "Jeugdhulp Zuidoost", "Welzijn Zeist"],
        progress=25,
        start=date(2025, 9, 1),
        end=date(2028, 12, 31),
        approval="approved",
        approval_date=date(2025, 7, 3),
        funding=[("mgn", 2025, 480000, "granted"), ("mgn", 2026, 520000, "granted")],
        milestones=[
            (date(2025, 7, 3), "Plan goedgekeurd", True),
            (date(2025, 11, 1), "Kernteam en coördinator aangesteld", True),
            (date(2026, 4, 1), "Eerste inloop voor een verkennend gesprek", True),
            (date(2027, 1, 1), "Netwerk in alle vijf gemeenten", False),
        ],
        highlight="Het plan voor het mentale-gezondheidsnetwerk is goedgekeurd.",
        scale="subregion",
    ),
    P(
        "Preventie middelengebruik met scholen",
        "Voortgezet onderwijs, GGD en jongerenwerk werken samen aan preventie van alcohol, "
        "vapen en drugs, met lessen, ouderavonden en vroegsignalering.",
        "gala",
        ["gala:4", "gala:5", "azwa:lifestyle", MENTAL],
        "running",
        [ZEIST, BILT, HEUVELRUG],
        lead="GGD Midden-Utrecht",
        partners=["Jeugdhulp Zuidoost"],
        progress=55,
        start=date(2024, 8, 20),
        end=date(2026, 7, 31),
        funding=[("brede_spuk", 2025, 38000, "granted")],
        highlight="Scholen en GGD werken samen aan preventie van middelengebruik.",
    ),
    P(
        "Coördinatiepunt wijkverpleging",
        "Eén telefoonnummer voor huisartsen en ziekenhuis om snel wijkverpleging te regelen, "
        "ook ’s avonds en in het weekend.",
        "iza",
        ["iza:A", "iza:E", AGEING],
        "running",
        ALL,
        lead="Thuiszorg Heuvelrug",
        partners=["Zorggroep Kromme Rijn", "Streekziekenhuis Heuvelrug"],
        progress=80,
        start=date(2025, 2, 1),
        funding=[("insurer", 2025, 210000, "granted")],
        highlight="Het coördinatiepunt wijkverpleging is gestart.",
        scale="subregion",
    ),
    P(
        "Kortdurend verblijf in de regio",
        "Tijdelijke bedden voor ouderen die even niet thuis kunnen zijn, dicht bij huis, met één "
        "aanmeldpunt.",
        "iza",
        ["iza:A", "iza:D", AGEING, "azwa:vital_ageing"],
        "planned",
        [ZEIST, HEUVELRUG],
        lead="Zorggroep Kromme Rijn",
        partners=["Thuiszorg Heuvelrug", "Huisartsencoöperatie Zuidoost Utrecht"],
        progress=15,
        start=date(2026, 1, 1),
        funding=[("insurer", 2026, 340000, "granted")],
        highlight="Kortdurend verblijf gaat van start.",
    ),
    P(
        "Regionale zorgtransformatiefabriek",
        "Een regionaal plan om zorg en welzijn anders te organiseren: van kennisdeling en "
        "digitale zorg tot gezamenlijke inzet van personeel. Tien onderdelen; zes zijn klaar, "
        "vier in ontwikkeling. Nog niet goedgekeurd.",
        "iza",
        ["iza:B", "iza:H", "iza:I", SOCIAL],
        "planned",
        ALL,
        lead="Zorgwerk Midden",
        partners=["Streekziekenhuis Heuvelrug", "Thuiszorg Heuvelrug", "GGZ Heuvelrug"],
        approval="submitted",
        approval_date=date(2025, 9, 15),
        funding=[("iza_transformation", 2026, 1250000, "requested")],
        parts=[
            ("Regionale arbeidsmarktanalyse", "ready", 100),
            ("Gezamenlijke flexpool", "ready", 100),
            ("Leerhuis reablement", "ready", 100),
            ("Digitale triage wijkverpleging", "ready", 100),
            ("Kennisplatform zorg en welzijn", "ready", 100),
            ("Businesscase en financiering", "ready", 100),
            ("Gegevensuitwisseling in de keten", "in_development", 50),
            ("Zorgtechnologie thuis", "in_development", 40),
            ("Governance en regie", "in_development", 60),
            ("Impactanalyse en monitoring", "in_development", 30),
        ],
        rollup="parts",
        scale="subregion",
        milestones=[
            (date(2025, 9, 15), "Plan ingediend", True),
            (date(2025, 10, 9), "Presentatie in het Breed Bestuurlijk Overleg", True),
            (date(2026, 3, 1), "Alle tien onderdelen uitgewerkt", False),
        ],
    ),
    P(
        "Transformatieplan Samen in de wijk",
        "Gezamenlijk plan van huisartsen, wijkverpleging en sociale teams voor vaste "
        "wijkverbanden; de snelle toets is goedgekeurd.",
        "iza",
        ["iza:F", "azwaf:local_team", SOCIAL],
        "planned",
        [BILT, BUNNIK],
        lead="Huisartsencoöperatie Zuidoost Utrecht",
        partners=["Stichting Welzijn Bilt-Bunnik", "Gemeente De Bilt", "Gemeente Bunnik"],
        approval="quick_test_passed",
        approval_date=date(2025, 5, 20),
        progress=20,
        highlight="De snelle toets voor het transformatieplan Samen in de wijk is goedgekeurd.",
    ),
    P(
        "Samenkracht in de kernen",
        "Inwoners, dorpshuizen en welzijn versterken samen de sociale basis: burenhulp, "
        "ontmoeting en eigen initiatieven.",
        "gala",
        ["gala:3", "azwa:health_inequalities", SOCIAL, "pg:participation", "4d:social"],
        "running",
        [WIJK, BUNNIK],
        lead="Welzijn Heuvelrug en Wijk",
        progress=50,
        start=date(2024, 5, 1),
        highlight="De samenkracht in de kernen groeit: twaalf nieuwe bewonersinitiatieven.",
    ),
    P(
        "IZA als vehikel voor domeinoverstijgend werken",
        "De IZA-middelen worden ingezet waar zorg en sociaal domein elkaar raken; het kernteam "
        "verbindt de werkgroepen en de gemeenten.",
        "iza",
        ["iza:B", "iza:F", SOCIAL],
        "running",
        ALL,
        lead="Gemeente Zeist",
        progress=65,
        start=date(2023, 12, 13),
        funding=[("spuk_iza", 2025, 1271457, "granted"), ("spuk_iza", 2026, 1363262, "granted")],
        highlight="IZA werkt als vehikel voor samenwerking over de domeinen heen.",
        scale="iza_region",
    ),
    P(
        "Versnellingssessies in elke gemeente",
        "In elke gemeente een versnellingssessie, gepland rond de vergaderingen van de lokale "
        "samenwerkingsverbanden (LSV), zodat er geen extra tafels bij komen.",
        "iza",
        ["iza:B", SOCIAL],
        "running",
        [ZEIST, BILT, BUNNIK, HEUVELRUG, WIJK],
        lead="Gemeente Zeist",
        progress=40,
        start=date(2025, 9, 1),
        end=date(2026, 6, 30),
        milestones=[
            (date(2025, 11, 4), "Sessie Zeist", True),
            (date(2025, 11, 25), "Sessie De Bilt", True),
            (date(2026, 1, 20), "Sessie Bunnik", True),
            (date(2026, 2, 10), "Sessie Utrechtse Heuvelrug", False),
            (date(2026, 3, 17), "Sessie Wijk bij Duurstede", False),
        ],
    ),
    P(
        "Gecombineerde leefstijlinterventie: betere toeleiding",
        "Meer inwoners met overgewicht vinden de weg naar de GLI, via huisarts, diëtist en "
        "buurtsportcoach.",
        "gala",
        ["gala:4", "azwaf:combined_lifestyle", "azwa:lifestyle", "pg:daily_functioning", "4d:body"],
        "running",
        [ZEIST, HEUVELRUG],
        lead="GGD Midden-Utrecht",
        progress=35,
        start=date(2025, 3, 1),
        funding=[("brede_spuk", 2025, 28000, "granted")],
    ),
    P(
        "Kansrijke Start Zuidoost",
        "Een lokale coalitie rond zwangere vrouwen en jonge gezinnen in kwetsbare situaties: "
        "integrale gezinspoli en Nu Niet Zwanger.",
        "gala",
        ["gala:1", "azwa:growing_up", "azwaf:promising_start"],
        "running",
        [ZEIST, WIJK],
        lead="Jeugdhulp Zuidoost",
        partners=["GGD Midden-Utrecht", "Streekziekenhuis Heuvelrug"],
        progress=45,
        start=date(2024, 1, 1),
        funding=[("brede_spuk", 2025, 52000, "granted")],
    ),
    P(
        "Eén tegen eenzaamheid",
        "Een lokale coalitie tegen eenzaamheid met vrijwilligers, bibliotheek en kerken.",
        "gala",
        ["gala:3", "gala:5", MENTAL, "pg:participation", "4d:social"],
        "running",
        [BILT, BUNNIK],
        lead="Stichting Welzijn Bilt-Bunnik",
        progress=70,
        start=date(2023, 10, 1),
    ),
    P(
        "Mantelzorgondersteuning en respijtzorg",
        "Eén aanbod van respijtzorg in de regio, met logeerplekken en vrijwillige inzet thuis.",
        "hlo",
        ["azwaf:informal_carers", AGEING, "pg:quality_of_life"],
        "planned",
        ALL,
        lead="Thuiszorg Heuvelrug",
        start=date(2026, 9, 1),
        funding=[("azwa_spuk", 2027, 95000, "requested")],
        scale="subregion",
    ),
    P(
        "Inloop Sociaal en Gezond",
        "Een inloop in bibliotheek en buurthuis voor vragen over geld, gezondheid en meedoen, "
        "met het gezondheidsloket van het ziekenhuis.",
        "azwa",
        ["azwaf:walk_in", "azwa:health_inequalities", SOCIAL],
        "planned",
        [ZEIST, HEUVELRUG],
        lead="Welzijn Zeist",
        partners=["Streekziekenhuis Heuvelrug", "Gemeente Utrechtse Heuvelrug"],
        start=date(2027, 1, 1),
        funding=[("azwa_spuk", 2027, 120000, "requested")],
    ),
    P(
        "Buurtsportcoaches voor ouderen",
        "Buurtsportcoaches bieden beweegaanbod voor ouderen in de kleine kernen.",
        "gala",
        ["gala:2", "azwaf:sports_coaches", AGEING],
        "running",
        [BUNNIK, WIJK],
        lead="Welzijn Heuvelrug en Wijk",
        progress=55,
        start=date(2024, 4, 1),
    ),
    P(
        "Mentaal Gezonde School",
        "Verkenning met het voortgezet onderwijs naar een aanpak voor mentale gezondheid op school.",
        "azwa",
        ["azwaf:healthy_school", "azwa:mental_health", MENTAL],
        "idea",
        ALL,
        lead="GGD Midden-Utrecht",
    ),
    P(
        "Ketenaanpak dementie",
        "Van signalering tot casemanagement: één route voor mensen met dementie en hun naasten.",
        "azwa",
        ["azwaf:dementia_chain", "azwa:vital_ageing", AGEING],
        "planned",
        [BILT, ZEIST],
        lead="Zorggroep Kromme Rijn",
        start=date(2026, 10, 1),
    ),
    P(
        "Leren en ontwikkelen in zorg en welzijn",
        "Onder het AZWA: een regionaal leerhuis, zij-instroom en slimmer organiseren van werk. "
        "Waarom gaan medewerkers weg, en wat houdt ze?",
        "azwa",
        ["iza:H", SOCIAL],
        "running",
        ALL,
        lead="Zorgwerk Midden",
        progress=30,
        start=date(2025, 10, 9),
        contact="Fundament arbeidsmarkt",
    ),
    P(
        "Reablement in de thuiszorg",
        "Thuiszorgteams trainen cliënten om weer zelf te doen wat kan; de benodigde zorg halveerde "
        "ongeveer.",
        "iza",
        ["iza:A", "iza:H", AGEING, "pg:daily_functioning"],
        "completed",
        [HEUVELRUG, WIJK],
        lead="Thuiszorg Heuvelrug",
        start=date(2023, 6, 1),
        end=date(2025, 6, 30),
    ),
    P(
        "Gegevensuitwisseling sociaal domein en huisartsen",
        "Afspraken en techniek om met toestemming gegevens te delen tussen sociale teams en "
        "huisartsen. Gepauzeerd tot de landelijke afspraken er zijn.",
        "iza",
        ["iza:I", SOCIAL],
        "paused",
        ALL,
        lead="Huisartsencoöperatie Zuidoost Utrecht",
        progress=20,
        start=date(2024, 2, 1),
    ),
    P(
        "Wachttijdondersteuning ggz",
        "Steun voor wie wacht op ggz-behandeling: lotgenoten, een vast aanspreekpunt, e-health.",
        "azwa",
        ["azwa:mental_health", MENTAL, "4d:mind"],
        "planned",
        [ZEIST, BILT],
        lead="GGZ Heuvelrug",
        start=date(2026, 6, 1),
    ),
    P(
        "Rookvrije start",
        "Idee: stoppen-met-roken-ondersteuning voor zwangeren en hun partners via de "
        "verloskundigen.",
        "azwa",
        ["azwaf:smoke_free_start", "azwa:growing_up"],
        "idea",
        [ZEIST],
        lead="GGD Midden-Utrecht",
    ),
    P(
        "App voor ouderen thuis (pilot)",
        "Een pilot met een app voor thuiswonende ouderen; gestopt omdat het gebruik achterbleef.",
        "iza",
        ["iza:I", AGEING],
        "stopped",
        [BILT],
        lead="Zorggroep Kromme Rijn",
        start=date(2023, 3, 1),
        end=date(2024, 3, 1),
    ),
    P(
        "Vroegsignalering alcohol bij jongeren",
        "Jongerenwerk en huisartsen signaleerden alcoholgebruik eerder en verwezen naar "
        "preventie; afgerond en opgenomen in het schoolprogramma.",
        "gala",
        ["gala:4", "gala:5", MENTAL],
        "completed",
        [ZEIST, WIJK],
        lead="GGD Midden-Utrecht",
        start=date(2023, 1, 1),
        end=date(2024, 12, 31),
    ),
    # Network-level: not on the public dashboard.
    P(
        "Inzet IZA-middelen: tekorten uit het verleden",
        "Een deel van de IZA-middelen dekt tekorten uit het verleden; het kernteam bereidt de "
        "keuze voor het Breed Bestuurlijk Overleg voor.",
        "iza",
        ["iza:K"],
        "planned",
        ALL,
        lead="Gemeente Zeist",
        public=False,
        scale="iza_region",
    ),
    P(
        "Verkenning gezamenlijke contractering module wijkverpleging",
        "Alle leden contracteren dezelfde module tegelijk met de zorgverzekeraar.",
        "iza",
        ["iza:J"],
        "idea",
        ALL,
        lead="Zorgverzekeraar Midden-Nederland",
        public=False,
    ),
]

BGU_PROJECTS = [
    P(
        "Het 4D-model in de spreekkamer",
        "Huisartsen en sociaal werkers kijken samen met de inwoner naar lichaam, geest, "
        "maatschappelijk en sociaal, en maken één plan.",
        "iza",
        [
            "iza:F",
            "koers:netwerken-die-vanzelfsprekend-samenwerken",
            "4d:body",
            "4d:mind",
            "4d:societal",
            "4d:social",
        ],
        "running",
        [UTRECHT],
        lead="Huisartsen Utrecht Stad",
        partners=["Welzijn Utrecht Stad"],
        progress=50,
        start=date(2024, 1, 1),
        highlight="Het 4D-model wordt in twaalf praktijken gebruikt.",
    ),
    P(
        "Positieve Gezondheid in Maarssen",
        "Gesprekken over wat inwoners belangrijk vinden, met het spinnenweb als hulpmiddel.",
        "gala",
        ["gala:3", "koers:eigen-regie-van-inwoners", "pg:meaning", "pg:participation"],
        "running",
        [STICHTSE_VECHT],
        lead="Buurtzorg Vecht en Lek",
        progress=40,
        start=date(2024, 9, 1),
    ),
    P(
        "Wijkverbanden huisarts en sociaal team Nieuwegein",
        "Vaste overleggen tussen huisartsen, wijkverpleging en het sociale team per wijk.",
        "iza",
        ["iza:F", "azwaf:local_team", "koers:vitale-wijken"],
        "running",
        [NIEUWEGEIN],
        lead="Thuiszorg Domstad",
        progress=60,
        start=date(2024, 4, 1),
    ),
    P(
        "Inloop Gezond Houten",
        "Een inloop voor vragen over gezondheid en welzijn in het gezondheidscentrum.",
        "azwa",
        ["azwaf:walk_in", "koers:vitale-wijken"],
        "planned",
        [HOUTEN],
        lead="Welzijn Utrecht Stad",
        start=date(2026, 9, 1),
    ),
    P(
        "Preventieakkoord Utrecht en Zeist",
        "Gezamenlijke preventie-agenda van GGD, ziekenhuis en gemeenten.",
        "gala",
        ["gala:7", "koers:preventie"],
        "running",
        [UTRECHT, ZEIST],
        lead="GGD Stad Utrecht",
        progress=30,
        start=date(2025, 1, 1),
        funding=[("brede_spuk", 2025, 250000, "granted")],
    ),
    P(
        "Bewonersinitiatieven Gezonde Wijk",
        "Een fonds en begeleiding voor initiatieven van inwoners die hun wijk gezonder maken.",
        "gala",
        ["gala:2", "koers:eigen-initiatieven-van-inwoners"],
        "completed",
        [UTRECHT, NIEUWEGEIN],
        lead="Welzijn Utrecht Stad",
        start=date(2023, 1, 1),
        end=date(2025, 6, 30),
    ),
    P(
        "Jeugd: één route naar hulp",
        "Jeugd en Gezin Utrecht, huisartsen en scholen maken één route naar passende hulp.",
        "iza",
        ["iza:A", "koers:netwerken-die-vanzelfsprekend-samenwerken"],
        "idea",
        [UTRECHT, STICHTSE_VECHT],
        lead="Jeugd en Gezin Utrecht",
    ),
]


def _actor(network: Network, role: str) -> Any:
    membership = (
        Membership.objects.filter(
            active_q(), network=network, role=role, person__user__isnull=False
        )
        .select_related("person__user")
        .order_by("person__family_name")
        .first()
    )
    return membership.person.user if membership else None


def _load(
    network: Network, specs: list[P], course: list[str], actor: Any, origins: list[str]
) -> None:
    settings_obj = MonitorSettings.objects.filter(network=network).first()
    if settings_obj is None or settings_obj.course_lines != course:
        services.monitor_settings_update(
            actor=actor, network=network, intro="", course_lines=course, embed_origins=origins
        )
    places = {m.code: m for m in network.municipalities.all()}
    organisations = {o.name: o for o in Organisation.objects.filter(network=network)}
    existing = set(Project.objects.filter(network=network).values_list("title", flat=True))
    for spec in specs:
        if spec.title in existing:
            continue
        region_wide = spec.places == ALL
        municipalities = [] if region_wide else [places[c] for c in spec.places if c in places]
        parent = (
            Project.objects.filter(network=network, title=spec.parent).first()
            if spec.parent
            else None
        )
        project = services.project_create(
            actor=actor,
            network=network,
            title=spec.title,
            status=spec.status,
            municipalities=municipalities,
            organisations=[organisations[n] for n in spec.partners if n in organisations],
            themes=spec.themes,
            summary=spec.summary,
            agreement=spec.agreement,
            progress=spec.progress,
            progress_rollup=spec.rollup,
            region_wide=region_wide,
            scale=spec.scale
            or ("subregion" if region_wide or len(municipalities) > 1 else "municipality"),
            lead_organisation=organisations.get(spec.lead),
            start_date=spec.start,
            end_date=spec.end,
            approval=spec.approval,
            approval_date=spec.approval_date,
            highlight_year=2025 if spec.highlight else None,
            highlight_text=spec.highlight,
            confidentiality="public" if spec.public else "network",
            parent=parent,
            weight=spec.weight,
            contact_name=spec.contact,
        )
        if spec.parts:
            services.project_parts_set(
                actor=actor,
                project=project,
                parts=[services.PartData(title=t, state=s, progress=p) for t, s, p in spec.parts],
            )
        if spec.milestones:
            services.project_milestones_set(
                actor=actor,
                project=project,
                milestones=[
                    services.MilestoneData(date=d, title=t, done=done)
                    for d, t, done in spec.milestones
                ],
            )
        if spec.funding:
            services.project_funding_set(
                actor=actor,
                project=project,
                lines=[
                    services.FundingData(source=s, year=y, amount=Decimal(a), state=st)
                    for s, y, a, st in spec.funding
                ],
            )
        # The demo tells a story over time: the status began when the project started (or
        # ended); plans and ideas date from the plenary of 9 October 2025 or their submission.
        if spec.status in ("completed", "stopped") and spec.end:
            since = spec.end
        elif spec.status in ("running", "paused") and spec.start:
            since = spec.start
        else:
            since = spec.approval_date or PLENARY
        Project.objects.filter(pk=project.pk).update(status_since=since)


def load() -> None:
    zouv = Network.objects.filter(slug="zouv").first()
    if zouv is not None:
        _load(
            zouv,
            ZOUV_PROJECTS,
            ZOUV_COURSE,
            _actor(zouv, "editor"),
            ["https://www.zuidoostutrechtverbonden.nl"],
        )
    bgu = Network.objects.filter(slug="bestuurstafel-gezond-utrecht").first()
    if bgu is not None:
        _load(bgu, BGU_PROJECTS, BGU_COURSE, _actor(bgu, "secretary"), [])
