"""The two demo networks of the product brief, with invented people and no real e-mail addresses.

Zuidoost Utrecht Verbonden (ZOUV) and the Bestuurstafel Gezond Utrecht. Each has one deliberate
gap in its coverage: ZOUV has no disability care organisation; in the Bestuurstafel Gezond
Utrecht no organisation serves Houten. Running ``load`` again changes nothing.
"""

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.geo.models import Municipality, Region

from .models import Body, BodyMembership, Membership, Network, Organisation, Person

DEMO_PASSWORD = "bestuurstafel-demo"  # noqa: S105 (a published demo password, never production)
# A published authenticator key for the demo accounts that must use two-factor authentication.
DEMO_TOTP_KEY_HEX = (
    "3132333435363738393031323334353637383930"  # base32: GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
)
DEMO_RECOVERY_CODES = [f"demo-{n:04d}" for n in range(1, 11)]
DOMAIN = "demo.invalid"

ALL_SECTORS_BUT = [
    "welfare",
    "vvt",
    "mental_health",
    "youth_care",
    "disability_care",
    "gp_care",
    "pharmacy",
    "hospital",
    "ggd",
    "municipality",
    "insurer",
    "housing",
]

ZOUV_MUNICIPALITIES = ["GM0310", "GM0355", "GM0312", "GM1581", "GM0352"]
BGU_MUNICIPALITIES = ["GM0344", "GM1904", "GM0355", "GM0321", "GM0356"]

# name, sector, care lines, target groups, municipalities (None = all of the network)
ZOUV_ORGANISATIONS: list[tuple[str, str, list[int], list[str], list[str] | None]] = [
    ("Welzijn Zeist", "welfare", [0], ["youth", "families", "adults", "elderly"], ["GM0355"]),
    (
        "Stichting Welzijn Bilt-Bunnik",
        "welfare",
        [0],
        ["youth", "adults", "elderly"],
        ["GM0310", "GM0312"],
    ),
    (
        "Welzijn Heuvelrug en Wijk",
        "welfare",
        [0],
        ["families", "adults", "elderly"],
        ["GM1581", "GM0352"],
    ),
    (
        "Huisartsencoöperatie Zuidoost Utrecht",
        "gp_care",
        [1],
        ["youth", "families", "adults", "elderly"],
        None,
    ),
    ("Apothekers Zuidoost Utrecht", "pharmacy", [1], ["adults", "elderly"], None),
    ("Thuiszorg Heuvelrug", "vvt", [1], ["elderly"], ["GM1581", "GM0352", "GM0355"]),
    ("Zorggroep Kromme Rijn", "vvt", [1, 2], ["elderly"], ["GM0310", "GM0312", "GM0355"]),
    ("GGZ Heuvelrug", "mental_health", [2, 3], ["adults", "youth"], None),
    ("Jeugdhulp Zuidoost", "youth_care", [1, 2], ["youth", "families"], None),
    ("Streekziekenhuis Heuvelrug", "hospital", [2], ["adults", "elderly", "youth"], None),
    ("GGD Midden-Utrecht", "ggd", [0, 1], ["youth", "families", "adults", "elderly"], None),
    ("Woonstichting Heuvelrug", "housing", [0], ["families", "elderly"], ["GM1581", "GM0352"]),
    ("Zorgwerk Midden", "other", [], [], None),
    (
        "Gemeente De Bilt",
        "municipality",
        [0],
        ["youth", "families", "adults", "elderly"],
        ["GM0310"],
    ),
    ("Gemeente Zeist", "municipality", [0], ["youth", "families", "adults", "elderly"], ["GM0355"]),
    (
        "Gemeente Bunnik",
        "municipality",
        [0],
        ["youth", "families", "adults", "elderly"],
        ["GM0312"],
    ),
    (
        "Gemeente Utrechtse Heuvelrug",
        "municipality",
        [0],
        ["youth", "families", "adults", "elderly"],
        ["GM1581"],
    ),
    (
        "Gemeente Wijk bij Duurstede",
        "municipality",
        [0],
        ["youth", "families", "adults", "elderly"],
        ["GM0352"],
    ),
    (
        "Zorgverzekeraar Midden-Nederland",
        "insurer",
        [],
        ["youth", "families", "adults", "elderly"],
        None,
    ),
]

BGU_ORGANISATIONS: list[tuple[str, str, list[int], list[str], list[str] | None]] = [
    (
        "Welzijn Utrecht Stad",
        "welfare",
        [0],
        ["youth", "families", "adults", "elderly"],
        ["GM0344"],
    ),
    ("Buurtzorg Vecht en Lek", "welfare", [0, 1], ["adults", "elderly"], ["GM1904", "GM0356"]),
    ("Thuiszorg Domstad", "vvt", [1], ["elderly"], ["GM0344", "GM0356"]),
    ("Zorggroep Vechtstreek", "vvt", [1, 2], ["elderly"], ["GM1904"]),
    ("GGZ Domstad", "mental_health", [2, 3], ["adults"], ["GM0344", "GM0355", "GM0356"]),
    ("Jeugd en Gezin Utrecht", "youth_care", [1, 2], ["youth", "families"], ["GM0344", "GM1904"]),
    (
        "Stichting Samen Leven met een Beperking",
        "disability_care",
        [1, 2],
        ["youth", "adults"],
        ["GM0344", "GM0355"],
    ),
    (
        "Huisartsen Utrecht Stad",
        "gp_care",
        [1],
        ["youth", "families", "adults", "elderly"],
        ["GM0344"],
    ),
    ("Apotheken Utrecht Centraal", "pharmacy", [1], ["adults", "elderly"], ["GM0344", "GM0356"]),
    (
        "Stadsziekenhuis Utrecht",
        "hospital",
        [2],
        ["adults", "elderly", "youth"],
        ["GM0344", "GM0356", "GM1904"],
    ),
    (
        "Universitair Medisch Centrum Midden",
        "hospital",
        [3],
        ["youth", "adults", "elderly"],
        ["GM0344", "GM0355"],
    ),
    ("GGD Stad Utrecht", "ggd", [0, 1], ["youth", "families", "adults", "elderly"], ["GM0344"]),
    ("Woningcorporatie Domstad", "housing", [0], ["families", "elderly"], ["GM0344", "GM1904"]),
    (
        "Gemeente Utrecht",
        "municipality",
        [0],
        ["youth", "families", "adults", "elderly"],
        ["GM0344"],
    ),
    (
        "Gemeente Nieuwegein",
        "municipality",
        [0],
        ["youth", "families", "adults", "elderly"],
        ["GM0356"],
    ),
    (
        "Zorgverzekeraar Midden-Nederland",
        "insurer",
        [],
        ["youth", "families", "adults", "elderly"],
        ["GM0344", "GM1904", "GM0355", "GM0356"],
    ),
]

# Invented people: (given, infix, family, organisation or None, role, job title, login?)
ZOUV_PEOPLE: list[tuple[str, str, str, str | None, str, str, bool]] = [
    ("Marieke", "", "Verhoef", None, "chair", "Onafhankelijk voorzitter", True),
    ("Jeroen", "van", "Dalen", None, "secretary", "Netwerksecretaris", True),
    ("Anouk", "de", "Wit", "Welzijn Zeist", "member", "Directeur-bestuurder", True),
    ("Pieter", "", "Hazelaar", "Stichting Welzijn Bilt-Bunnik", "member", "Bestuurder", False),
    ("Saskia", "", "Brouwer", "Welzijn Heuvelrug en Wijk", "member", "Directeur", False),
    (
        "Thomas",
        "",
        "Kuipers",
        "Huisartsencoöperatie Zuidoost Utrecht",
        "member",
        "Bestuurder",
        False,
    ),
    (
        "Lotte",
        "van der",
        "Linden",
        "Apothekers Zuidoost Utrecht",
        "member",
        "Voorzitter apothekersvereniging",
        False,
    ),
    ("Hanneke", "", "Bosman", "Thuiszorg Heuvelrug", "member", "Bestuurder", False),
    (
        "Ruud",
        "",
        "Timmerman",
        "Zorggroep Kromme Rijn",
        "member",
        "Voorzitter raad van bestuur",
        False,
    ),
    ("Esther", "", "Mulder", "GGZ Heuvelrug", "member", "Lid raad van bestuur", False),
    ("Bas", "van", "Leeuwen", "Jeugdhulp Zuidoost", "member", "Directeur", False),
    (
        "Ingrid",
        "",
        "Schouten",
        "Streekziekenhuis Heuvelrug",
        "member",
        "Lid raad van bestuur",
        False,
    ),
    (
        "Karim",
        "el",
        "Amrani",
        "GGD Midden-Utrecht",
        "member",
        "Directeur publieke gezondheid",
        False,
    ),
    ("Femke", "", "Dijkstra", "Woonstichting Heuvelrug", "member", "Directeur wonen", False),
    ("Wouter", "", "Klaassen", "Zorgwerk Midden", "member", "Directeur arbeidsmarkt", False),
    ("Nadia", "", "Hoekstra", "Welzijn Zeist", "editor", "Programmaleider IZA", True),
    ("Joost", "", "Vermeulen", "Welzijn Zeist", "deputy", "Manager welzijn", True),
    ("Els", "", "Vos", "Gemeente Zeist", "partner", "Wethouder zorg en welzijn", True),
    ("Martin", "", "Smits", "Gemeente De Bilt", "partner", "Wethouder", False),
    ("Yvonne", "", "Bakker", "Gemeente Bunnik", "partner", "Beleidsadviseur zorg", False),
    ("Henk", "", "Jansen", "Gemeente Utrechtse Heuvelrug", "partner", "Wethouder", False),
    ("Sanne", "", "Prins", "Gemeente Wijk bij Duurstede", "partner", "Wethouder", False),
    ("Rob", "", "Visser", "Zorgverzekeraar Midden-Nederland", "partner", "Regiomanager", False),
]

BGU_PEOPLE: list[tuple[str, str, str, str | None, str, str, bool]] = [
    ("Gerard", "", "Kamphuis", None, "chair", "Moderator", False),
    ("Ilse", "", "Willemsen", None, "secretary", "Netwerksecretaris", True),
    ("Rianne", "", "Koster", "Welzijn Utrecht Stad", "member", "Directeur-bestuurder", True),
    ("Mohamed", "", "Bouzid", "Buurtzorg Vecht en Lek", "member", "Bestuurder", False),
    ("Carla", "", "Meijer", "Thuiszorg Domstad", "member", "Bestuurder", False),
    (
        "Dirk",
        "",
        "Hendriks",
        "Zorggroep Vechtstreek",
        "member",
        "Voorzitter raad van bestuur",
        False,
    ),
    ("Marloes", "", "Groen", "GGZ Domstad", "member", "Lid raad van bestuur", False),
    ("Frank", "de", "Boer", "Jeugd en Gezin Utrecht", "member", "Directeur", False),
    (
        "Astrid",
        "",
        "Veenstra",
        "Stichting Samen Leven met een Beperking",
        "member",
        "Bestuurder",
        False,
    ),
    ("Erik", "", "Postma", "Huisartsen Utrecht Stad", "member", "Bestuurder", False),
    ("Noor", "", "Lambregts", "Apotheken Utrecht Centraal", "member", "Directeur", False),
    (
        "Willem",
        "",
        "Dekker",
        "Stadsziekenhuis Utrecht",
        "member",
        "Voorzitter raad van bestuur",
        False,
    ),
    (
        "Jacqueline",
        "",
        "Molenaar",
        "Universitair Medisch Centrum Midden",
        "member",
        "Lid raad van bestuur",
        False,
    ),
    ("Tim", "", "Verbeek", "GGD Stad Utrecht", "member", "Directeur", False),
    ("Monique", "", "Peters", "Woningcorporatie Domstad", "member", "Directeur-bestuurder", False),
    ("Laura", "van", "Vliet", "Gemeente Utrecht", "partner", "Wethouder volksgezondheid", False),
    ("Koen", "", "Wouters", "Gemeente Nieuwegein", "partner", "Wethouder", False),
    ("Rob", "", "Visser", "Zorgverzekeraar Midden-Nederland", "partner", "Regiomanager", False),
]

# (slug, name, kind, parent slug, municipality code, description, member rule)
ZOUV_BODIES = [
    (
        "breed-bestuurlijk-overleg",
        "Breed Bestuurlijk Overleg",
        "plenary",
        None,
        None,
        "Vier keer per jaar een dagdeel: alle bestuurders en partners van Zuidoost Utrecht Verbonden.",
    ),
    (
        "dagelijks-bestuur",
        "Dagelijks bestuur",
        "daily_board",
        "breed-bestuurlijk-overleg",
        None,
        "Drie bestuurders die het netwerk met de voorzitter en de secretaris voorbereiden.",
    ),
    (
        "kernteam-iza",
        "Kernteam IZA",
        "core_team",
        "breed-bestuurlijk-overleg",
        None,
        "Voert het IZA/GALA-programma uit en houdt de monitor bij.",
    ),
    (
        "werkgroep-gezond-ouder-worden",
        "Werkgroep Gezond Ouder Worden",
        "working_group",
        "breed-bestuurlijk-overleg",
        None,
        "Schreef het manifest ‘ZOU doen we het samen’.",
    ),
    (
        "werkgroep-eerstelijn-sociaal-domein",
        "Werkgroep Eerstelijn en Sociaal Domein",
        "working_group",
        "breed-bestuurlijk-overleg",
        None,
        "Samenwerking van huisartsen, wijkverpleging en welzijn in de wijk.",
    ),
    (
        "werkgroep-mentale-gezondheid",
        "Werkgroep Mentale Gezondheid",
        "working_group",
        "breed-bestuurlijk-overleg",
        None,
        "Bouwt het mentale-gezondheidsnetwerk van de regio.",
    ),
    (
        "fundament-arbeidsmarkt",
        "Fundament Arbeidsmarkt",
        "pillar",
        "breed-bestuurlijk-overleg",
        None,
        "Geleid door de directeur van de regionale arbeidsmarktorganisatie.",
    ),
    ("lsv-de-bilt", "Lokaal samenwerkingsverband De Bilt", "local_body", None, "GM0310", ""),
    ("lsv-zeist", "Lokaal samenwerkingsverband Zeist", "local_body", None, "GM0355", ""),
    ("lsv-bunnik", "Lokaal samenwerkingsverband Bunnik", "local_body", None, "GM0312", ""),
    (
        "lsv-utrechtse-heuvelrug",
        "Lokaal samenwerkingsverband Utrechtse Heuvelrug",
        "local_body",
        None,
        "GM1581",
        "",
    ),
    (
        "lsv-wijk-bij-duurstede",
        "Lokaal samenwerkingsverband Wijk bij Duurstede",
        "local_body",
        None,
        "GM0352",
        "",
    ),
    (
        "regiotafel-u16",
        "Regiotafel U16",
        "external_table",
        None,
        None,
        "De tafel op U16-niveau waar het regioplan samenkomt; ZOUV is er vertegenwoordigd.",
    ),
]

BGU_BODIES = [
    (
        "bestuurstafel",
        "Plenaire Bestuurstafel",
        "plenary",
        None,
        None,
        "Vier keer per jaar een dagdeel in het Bartholomeus Gasthuis, plus een 24-uurssessie.",
    ),
    (
        "dagelijks-bestuur",
        "Dagelijks bestuur",
        "daily_board",
        "bestuurstafel",
        None,
        "Drie bestuurders; vroegen de moderator het netwerk te begeleiden.",
    ),
    (
        "regiegroep",
        "Regiegroep",
        "steering_group",
        "bestuurstafel",
        None,
        "Besluitvormend: alle organisaties zijn vertegenwoordigd.",
    ),
    (
        "werkgroep-financien",
        "Werkgroep Financiën",
        "working_group",
        "regiegroep",
        None,
        "Adviseert de Regiegroep over financiële vraagstukken.",
    ),
    (
        "werkgroep-bestuur-strategie",
        "Werkgroep Bestuur en Strategie",
        "working_group",
        "regiegroep",
        None,
        "Adviseert de Regiegroep over bestuurlijke en strategische keuzes.",
    ),
    (
        "werkgroep-gezond-ouder-worden",
        "Werkgroep Gezond Ouder Worden",
        "working_group",
        "regiegroep",
        None,
        "",
    ),
    ("fundament-arbeidsmarkt", "Fundament Arbeidsmarkt", "pillar", "bestuurstafel", None, ""),
]

# Who sits where beyond the plenary (family names): body slug -> [(family name, role)]
ZOUV_SEATS = {
    "dagelijks-bestuur": [
        ("Verhoef", "chair"),
        ("de Wit", "member"),
        ("Kuipers", "member"),
        ("Mulder", "member"),
        ("van Dalen", "secretary"),
    ],
    "kernteam-iza": [
        ("Hoekstra", "chair"),
        ("de Wit", "member"),
        ("Vos", "advisor"),
        ("van Dalen", "secretary"),
    ],
    "werkgroep-gezond-ouder-worden": [
        ("Bosman", "chair"),
        ("Timmerman", "member"),
        ("Hazelaar", "member"),
        ("Smits", "advisor"),
    ],
    "werkgroep-eerstelijn-sociaal-domein": [
        ("Kuipers", "chair"),
        ("Brouwer", "member"),
        ("van der Linden", "member"),
    ],
    "werkgroep-mentale-gezondheid": [
        ("Mulder", "chair"),
        ("van Leeuwen", "member"),
        ("el Amrani", "member"),
    ],
    "fundament-arbeidsmarkt": [
        ("Klaassen", "chair"),
        ("Schouten", "member"),
        ("Timmerman", "member"),
    ],
    "lsv-zeist": [("de Wit", "member"), ("Vos", "member"), ("Bosman", "chair")],
    "lsv-de-bilt": [("Hazelaar", "member"), ("Smits", "chair")],
    "lsv-bunnik": [("Hazelaar", "member"), ("Bakker", "chair")],
    "lsv-utrechtse-heuvelrug": [("Brouwer", "member"), ("Jansen", "chair"), ("Dijkstra", "member")],
    "lsv-wijk-bij-duurstede": [("Brouwer", "member"), ("Prins", "chair")],
    "regiotafel-u16": [("Verhoef", "member"), ("Visser", "advisor")],
}
BGU_SEATS = {
    "dagelijks-bestuur": [
        ("Koster", "chair"),
        ("Dekker", "member"),
        ("Groen", "member"),
        ("Willemsen", "secretary"),
    ],
    "werkgroep-financien": [("Dekker", "chair"), ("Hendriks", "member"), ("Visser", "advisor")],
    "werkgroep-bestuur-strategie": [
        ("Koster", "chair"),
        ("Bouzid", "member"),
        ("de Boer", "member"),
    ],
    "werkgroep-gezond-ouder-worden": [
        ("Meijer", "chair"),
        ("Hendriks", "member"),
        ("Verbeek", "member"),
    ],
    "fundament-arbeidsmarkt": [("Molenaar", "chair"), ("Meijer", "member")],
}

NETWORKS = [
    {
        "slug": "zouv",
        "name": "Zuidoost Utrecht Verbonden",
        "short_name": "ZOUV",
        "region": "utrecht-zuidoost",
        "municipalities": ZOUV_MUNICIPALITIES,
        "description": (
            "Zuidoost Utrecht Verbonden (ZOUV) is het netwerk van bestuurders van zorg- en "
            "welzijnsorganisaties, de vijf gemeenten en de zorgverzekeraar in De Bilt, Zeist, Bunnik, "
            "Utrechtse Heuvelrug en Wijk bij Duurstede.\n"
            "Samen voeren we het regioplan uit (IZA, GALA en AZWA) rond drie thema’s: een sterke sociale "
            "basis en eerstelijn, gezond ouder worden, en mentale weerbaarheid en gezondheid. "
            "Voorkomen waar mogelijk, zelf waar het kan, hulp waar nodig, zorg waar noodzakelijk."
        ),
        "contact_name": "Secretariaat Zuidoost Utrecht Verbonden",
        "contact_email": f"secretariaat@zouv.{DOMAIN}",
        "expected_sectors": ALL_SECTORS_BUT,
        "organisations": ZOUV_ORGANISATIONS,
        "people": ZOUV_PEOPLE,
        "bodies": ZOUV_BODIES,
        "plenary": "breed-bestuurlijk-overleg",
        "seats": ZOUV_SEATS,
        "since": date(2023, 1, 1),
    },
    {
        "slug": "bestuurstafel-gezond-utrecht",
        "name": "Bestuurstafel Gezond Utrecht",
        "short_name": "BGU",
        "region": "u16",
        "municipalities": BGU_MUNICIPALITIES,
        "description": (
            "De Bestuurstafel Gezond Utrecht is een netwerk van bestuurders van zorg- en "
            "welzijnsaanbieders in en rond Utrecht: Utrecht, Stichtse Vecht (Maarssen), Zeist, Houten "
            "en Nieuwegein. Het pallet moet compleet zijn: van nulde- tot derdelijnszorg, van jeugdzorg "
            "tot ouderenzorg.\n"
            "Bestuurders spreken in openheid en vertrouwen met elkaar, vanuit het maatschappelijk "
            "belang: ‘We leggen allemaal onze kaarten op tafel, met het plaatje naar boven.’ Het platform "
            "opereert bescheiden; het is geen spreekbuis en doet niet aan belangenbehartiging. De gemeente "
            "en de zorgverzekeraar zijn betrokken."
        ),
        "contact_name": "Moderator Bestuurstafel Gezond Utrecht",
        "contact_email": f"info@bgu.{DOMAIN}",
        "expected_sectors": ALL_SECTORS_BUT,
        "organisations": BGU_ORGANISATIONS,
        "people": BGU_PEOPLE,
        "bodies": BGU_BODIES,
        "plenary": "bestuurstafel",
        "seats": BGU_SEATS,
        "since": date(2019, 1, 1),
    },
]

NEW_PHARMACY_MEMBER_SINCE = date(2025, 10, 9)


def email_for(given: str, infix: str, family: str, network_slug: str) -> str:
    local = f"{given}.{infix}{family}".replace(" ", "").lower()
    return f"{local}@{network_slug.split('-', maxsplit=1)[0]}.{DOMAIN}"


def _person(given: str, infix: str, family: str, email: str, job_title: str) -> Person:
    person, _created = Person.objects.get_or_create(
        email=email,
        defaults={
            "given_name": given,
            "infix": infix,
            "family_name": family,
            "job_title": job_title,
        },
    )
    return person


def _login(person: Person, *, staff: bool = False) -> None:
    user_model = get_user_model()
    user = user_model.objects.filter(email=person.email).first()
    if user is None:
        user = user_model.objects.create_user(
            person.email or "", DEMO_PASSWORD, is_staff=staff, is_superuser=staff
        )
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])


def _two_factor(email: str) -> None:
    """Give a demo account the published authenticator key and recovery codes."""
    user = get_user_model().objects.get(email=email)
    TOTPDevice.objects.get_or_create(
        user=user, name="demo", defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True}
    )
    device, created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    if created:
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=t) for t in DEMO_RECOVERY_CODES
        )


def _load_network(spec: dict[str, Any]) -> Network:
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=spec["municipalities"])
    }
    network, _created = Network.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "short_name": spec["short_name"],
            "region": Region.objects.filter(slug=spec["region"]).first(),
            "public_description": spec["description"],
            "contact_name": spec["contact_name"],
            "contact_email": spec["contact_email"],
            "expected_sectors": spec["expected_sectors"],
            "expected_target_groups": ["youth", "families", "adults", "elderly"],
        },
    )
    network.municipalities.set(municipalities.values())
    organisations: dict[str, Organisation] = {}
    for name, sector, lines, groups, codes in spec["organisations"]:
        organisation, _created = Organisation.objects.update_or_create(
            network=network,
            name=name,
            defaults={
                "sector": sector,
                "care_lines": lines,
                "target_groups": groups,
                "joined_on": spec["since"],
            },
        )
        organisation.municipalities.set(
            [municipalities[c] for c in (codes or spec["municipalities"]) if c in municipalities]
        )
        organisations[name] = organisation
    people: dict[str, Person] = {}
    for given, infix, family, org_name, role, job_title, has_login in spec["people"]:
        email = email_for(given, infix, family, spec["slug"])
        if family == "Visser" and given == "Rob":
            email = email_for(given, infix, family, "zouv")  # one person at two tables
        person = _person(given, infix, family, email, job_title)
        people[" ".join(p for p in (infix, family) if p)] = person
        start = spec["since"]
        if org_name == "Apothekers Zuidoost Utrecht":
            start = NEW_PHARMACY_MEMBER_SINCE  # joined at the plenary of 9 October 2025
        Membership.objects.get_or_create(
            person=person,
            network=network,
            end_date=None,
            defaults={
                "organisation": organisations.get(org_name) if org_name else None,
                "role": role,
                "start_date": start,
            },
        )
        if has_login:
            _login(person)
    # Deputies: the deputy stands in for the director of the same organisation.
    for membership in Membership.objects.filter(network=network, role="deputy"):
        Membership.objects.filter(
            network=network,
            organisation=membership.organisation,
            role="member",
            deputy__isnull=True,
        ).update(deputy=membership.person)
    bodies: dict[str, Body] = {}
    for position, (slug, name, kind, parent, code, description) in enumerate(spec["bodies"]):
        body, _created = Body.objects.update_or_create(
            network=network,
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "parent": bodies.get(parent) if parent else None,
                "municipality": municipalities.get(code) if code else None,
                "description": description,
                "position": position,
            },
        )
        bodies[slug] = body
    plenary = bodies[spec["plenary"]]
    for membership in Membership.objects.filter(network=network).select_related("person"):
        role = {"chair": "chair", "secretary": "secretary"}.get(membership.role, "member")
        if membership.role in ("editor", "deputy"):
            continue
        BodyMembership.objects.get_or_create(
            body=plenary,
            person=membership.person,
            end_date=None,
            defaults={"role": role, "start_date": membership.start_date},
        )
    if "regiegroep" in bodies:
        for membership in Membership.objects.filter(network=network, role="member"):
            BodyMembership.objects.get_or_create(
                body=bodies["regiegroep"],
                person=membership.person,
                end_date=None,
                defaults={"role": "member", "start_date": membership.start_date},
            )
    for slug, seats in spec["seats"].items():
        for family, role in seats:
            BodyMembership.objects.update_or_create(
                body=bodies[slug],
                person=people[family],
                end_date=None,
                defaults={"role": role, "start_date": spec["since"]},
            )
    return network


def load() -> None:
    for spec in NETWORKS:
        _load_network(spec)
    # The operator of the platform.
    admin = _person("Platform", "", "Beheerder", f"beheer@platform.{DOMAIN}", "Platformbeheer")
    _login(admin, staff=True)
    for email in (
        f"jeroen.vandalen@zouv.{DOMAIN}",
        f"nadia.hoekstra@zouv.{DOMAIN}",  # chairs the IZA core team
        f"marieke.verhoef@zouv.{DOMAIN}",
        f"ilse.willemsen@bestuurstafel.{DOMAIN}",
        f"beheer@platform.{DOMAIN}",
    ):
        _two_factor(email)


LOGINS = [
    ("secretaris ZOUV", f"jeroen.vandalen@zouv.{DOMAIN}", True),
    ("voorzitter ZOUV", f"marieke.verhoef@zouv.{DOMAIN}", True),
    ("lid ZOUV (Welzijn Zeist)", f"anouk.dewit@zouv.{DOMAIN}", False),
    ("plaatsvervanger ZOUV", f"joost.vermeulen@zouv.{DOMAIN}", False),
    ("redacteur ZOUV (voorzitter kernteam)", f"nadia.hoekstra@zouv.{DOMAIN}", True),
    ("partner ZOUV (gemeente Zeist)", f"els.vos@zouv.{DOMAIN}", False),
    ("secretaris Bestuurstafel Gezond Utrecht", f"ilse.willemsen@bestuurstafel.{DOMAIN}", True),
    ("lid Bestuurstafel Gezond Utrecht", f"rianne.koster@bestuurstafel.{DOMAIN}", False),
    ("platformbeheerder", f"beheer@platform.{DOMAIN}", True),
]


def logins_text() -> str:
    lines = [
        "",
        f"Demo-inloggegevens (wachtwoord voor allemaal: {DEMO_PASSWORD})",
    ]
    for label, email, two_factor in LOGINS:
        lines.append(f"  {label:<42} {email}{'  (tweestaps)' if two_factor else ''}")
    lines += [
        "Tweestapsverificatie voor de gemarkeerde accounts: voeg de sleutel",
        "  GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ toe aan een authenticator-app,",
        "  of gebruik een herstelcode demo-0001 ... demo-0010 (elk één keer).",
        "",
    ]
    return "\n".join(lines)
