"""Demo meetings: the ZOUV plenary of 9 October 2025 as the product brief describes it, the
plenaries before it (history for the lists, the load and the lessons learned), the draft meeting
of 18 December 2025, a few meetings to come, and a little for the Bestuurstafel Gezond Utrecht.

Written for a demo that looks lived-in: historical meetings get their state directly (the
services refuse to publish a meeting that is over, rightly). Attachments are placeholder PDFs
generated here. Running ``load`` again changes nothing.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.networks.models import (
    Body,
    BodyMembership,
    Membership,
    Network,
    Organisation,
    Person,
    active_q,
)

from . import selectors, services
from .models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attachment,
    Decision,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    MinutesComment,
    MinutesSection,
    MinutesStatus,
    Participant,
    Presence,
    Purpose,
    Reflection,
    Rsvp,
)

PUBLIC, NETWORK, MEMBERS = Confidentiality.PUBLIC, Confidentiality.NETWORK, Confidentiality.MEMBERS
BILTHOVEN = "Kantoor Huisartsencoöperatie Zuidoost Utrecht, Bilthoven"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    zone = timezone.get_current_timezone()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


# --- A minimal PDF, for placeholder attachments ------------------------------------------------------


def placeholder_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and some lines of text (Latin-1, Helvetica)."""

    def escape(text: str) -> str:
        text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
        text = text.replace("–", "-")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = ["BT", "/F1 18 Tf", "56 780 Td", f"({escape(title)}) Tj", "/F1 11 Tf", "0 -28 Td"]
    for line in lines:
        stream += [f"({escape(line)}) Tj", "0 -16 Td"]
    stream.append("ET")
    content = "\n".join(stream).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- Building blocks -------------------------------------------------------------------------------------


@dataclass
class ItemSpec:
    title: str
    minutes: int
    presenter: str = ""  # family name (with infix) of a person, or empty
    guest: str = ""
    purpose: str = Purpose.INFORM
    level: str = NETWORK
    description: str = ""
    notes: str = ""
    attachments: list[tuple[str, list[str]]] = field(default_factory=list)
    decisions: list[tuple[str, str]] = field(default_factory=list)  # (text, level)


def _people(network: Network) -> dict[str, Person]:
    people = {}
    for membership in Membership.objects.filter(network=network).select_related("person"):
        person = membership.person
        people[" ".join(p for p in (person.infix, person.family_name) if p)] = person
    return people


def _meeting(
    *,
    body: Body,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    status: str,
    chair: Person | None,
    is_public: bool = False,
    series: MeetingSeries | None = None,
    description: str = "",
) -> Meeting:
    meeting, _created = Meeting.objects.update_or_create(
        body=body,
        starts_at=starts_at,
        defaults={
            "network": body.network,
            "title": title,
            "ends_at": ends_at,
            "location": location,
            "status": status,
            "chair": chair,
            "is_public": is_public,
            "series": series,
            "description": description,
            "published_at": starts_at - timedelta(days=14)
            if status != MeetingStatus.DRAFT
            else None,
        },
    )
    return meeting


def _items(meeting: Meeting, specs: list[ItemSpec], people: dict[str, Person]) -> list[AgendaItem]:
    items = []
    for position, spec in enumerate(specs):
        item, _created = AgendaItem.objects.update_or_create(
            meeting=meeting,
            title=spec.title,
            parent=None,
            defaults={
                "position": position,
                "duration_minutes": spec.minutes,
                "presenter": people.get(spec.presenter) if spec.presenter else None,
                "presenter_name": spec.guest,
                "purpose": spec.purpose,
                "confidentiality": spec.level,
                "description": spec.description,
            },
        )
        items.append(item)
    services.renumber(meeting)
    for item, spec in zip(items, specs, strict=True):
        for title, lines in spec.attachments:
            existing = Attachment.objects.filter(item=item, title=title).first()
            if (
                existing is not None
                and existing.file
                and existing.file.storage.exists(existing.file.name or "")
            ):
                continue
            content = placeholder_pdf(title, lines)
            attachment = existing or Attachment(
                item=item,
                title=title,
                content_type="application/pdf",
                confidentiality=spec.level,
                position=len(spec.attachments),
            )
            attachment.original_name = f"{title[:60]}.pdf".replace("/", "-")
            attachment.size = len(content)
            attachment.file.save(attachment.original_name, ContentFile(content), save=False)
            attachment.save()
    services.renumber(meeting)
    for item in items:
        item.refresh_from_db()
    return items


def _invite(meeting: Meeting, on: date) -> list[Participant]:
    """Participants: the body's members on that day who took part in the network."""
    seats = BodyMembership.objects.filter(active_q(on), body=meeting.body).values("person")
    memberships = Membership.objects.filter(
        active_q(on), network=meeting.network, person__in=seats
    ).select_related("person", "organisation")
    participants = []
    for membership in memberships:
        participant, _created = Participant.objects.get_or_create(
            meeting=meeting,
            person=membership.person,
            defaults={"organisation": membership.organisation, "invited": True},
        )
        participants.append(participant)
    return participants


def _attendance(
    meeting: Meeting,
    participants: list[Participant],
    *,
    absent: set[str] = frozenset(),  # type: ignore[assignment]
    new: set[str] = frozenset(),  # type: ignore[assignment]
    held: bool = True,
) -> None:
    for participant in participants:
        assert participant.person is not None
        family = " ".join(
            p for p in (participant.person.infix, participant.person.family_name) if p
        )
        if family in absent:
            participant.rsvp, participant.presence = Rsvp.ABSENT, Presence.ABSENT_NOTICE
        else:
            participant.rsvp = Rsvp.ATTEND
            participant.presence = Presence.PRESENT if held else Presence.UNKNOWN
        participant.rsvp_at = meeting.starts_at - timedelta(days=5)
        participant.is_new_member = family in new
        participant.save()


def _guest(meeting: Meeting, name: str, organisation: str, item: AgendaItem) -> None:
    """A guest who came for one item (seen only by who may see that item)."""
    Participant.objects.update_or_create(
        meeting=meeting,
        guest_name=name,
        defaults={
            "item": item,
            "guest_organisation": organisation,
            "invited": False,
            "rsvp": Rsvp.ATTEND,
            "presence": Presence.PRESENT,
        },
    )


def _minutes(meeting: Meeting, items: list[AgendaItem], specs: list[ItemSpec]) -> None:
    for item, spec in zip(items, specs, strict=True):
        if spec.notes:
            MinutesSection.objects.update_or_create(
                item=item,
                defaults={"text": spec.notes, "confidentiality": spec.level, "version": 1},
            )
        for text, level in spec.decisions:
            Decision.objects.get_or_create(
                meeting=meeting, text=text, defaults={"item": item, "confidentiality": level}
            )


def _action(
    meeting: Meeting,
    item: AgendaItem | None,
    description: str,
    *,
    person: Person | None = None,
    organisation: Organisation | None = None,
    due: date,
    done_on: date | None = None,
    level: str = NETWORK,
    request_code: Any = None,
) -> Action:
    action, _created = Action.objects.update_or_create(
        meeting=meeting,
        description=description,
        owner_person=person,
        owner_organisation=organisation,
        defaults={
            "network": meeting.network,
            "item": item,
            "due_date": due,
            "status": ActionStatus.DONE if done_on else ActionStatus.OPEN,
            "completed_at": at(done_on, 16) if done_on else None,
            "confidentiality": level,
            "request_code": request_code,
        },
    )
    return action


def _reflect(meeting: Meeting, author: Person, text: str, level: str = NETWORK) -> None:
    reflection, created = Reflection.objects.get_or_create(
        meeting=meeting, author=author, text=text, defaults={"confidentiality": level}
    )
    if created:  # written at the end of the meeting
        Reflection.objects.filter(pk=reflection.pk).update(created_at=meeting.ends_at)


def _comment(
    meeting: Meeting,
    author: Person,
    text: str,
    *,
    item: AgendaItem | None = None,
    on: datetime,
    processed_by: Person | None = None,
) -> None:
    """A comment on minutes sent for comment, from an invitee (processed by the secretary)."""
    if not Participant.objects.filter(meeting=meeting, person=author).exists():
        return
    comment, created = MinutesComment.objects.get_or_create(
        meeting=meeting, author=author, text=text, defaults={"item": item}
    )
    if created:
        handled = processed_by.user if processed_by is not None else None
        MinutesComment.objects.filter(pk=comment.pk).update(
            created_at=on,
            handled_at=on + timedelta(days=2) if processed_by is not None else None,
            handled_by=handled,
        )


def _approve(meeting: Meeting, approved_in: Meeting, *, item: AgendaItem | None = None) -> None:
    """Minutes adopted in a later meeting: by a new item of its agenda, or by an existing one
    (the reference meeting keeps its nine items: its welcome adopts the previous minutes)."""
    if item is not None:
        item.minutes_of = meeting
        item.save(update_fields=["minutes_of"])
    elif not AgendaItem.objects.filter(meeting=approved_in, minutes_of=meeting).exists():
        AgendaItem.objects.create(
            meeting=approved_in,
            title=f"Verslag van {timezone.localtime(meeting.starts_at):%d-%m-%Y}",
            purpose=Purpose.ADOPT,
            duration_minutes=5,
            position=1,
            minutes_of=meeting,
        )
        services.renumber(approved_in)
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_sent_at = meeting.ends_at + timedelta(days=10)
    meeting.minutes_approved_at = approved_in.ends_at
    meeting.minutes_approved_in = approved_in
    meeting.save()


# --- ZOUV ----------------------------------------------------------------------------------------------------

REFERENCE = [
    ItemSpec(
        "Welkom",
        10,
        "Verhoef",
        description="Opening door de voorzitter. Een nieuw lid treedt toe namens de apothekers in "
        "de subregio. Inwoners schuiven aan na de openbare informatiebijeenkomst van 10.00 uur.",
        notes="De voorzitter opent de vergadering en heet iedereen welkom, in het bijzonder Lotte "
        "van der Linden, die namens de apothekers in de subregio toetreedt tot het netwerk.\n"
        "Voorafgaand aan het overleg was er een openbare informatiebijeenkomst; zes inwoners zijn "
        "daarna aangeschoven en volgen de vergadering.",
        level=PUBLIC,
    ),
    ItemSpec(
        "Landelijke ontwikkelingen",
        15,
        "van Dalen",
        description="Stand van zaken IZA, GALA en AZWA.",
        notes="IZA-middelen worden anders ingezet dan gepland: Welzijn op Recept loopt door met "
        "een aangepaste aanpak, er is eenmalig geld voor jeugd, en een deel dekt tekorten uit het "
        "verleden.\nLandelijk geld voor het sociaal domein voor 2027-2028 wordt over de gemeenten "
        "verdeeld met een verdeelsleutel; de regio bereidt zich voor op de werkagenda.",
    ),
    ItemSpec(
        "Fundament Arbeidsmarkt",
        15,
        "Klaassen",
        description="Het fundament wordt geleid door de directeur van de regionale "
        "arbeidsmarktorganisatie.",
        notes="Waarom verlaten medewerkers de sector? Leren en ontwikkelen krijgt een plek onder "
        "AZWA. Slimmer organiseren van werk loont: met reablement daalde de benodigde zorg met "
        "ongeveer de helft.\nVoor vragen is er een contactadres van het fundament.",
    ),
    ItemSpec(
        "Manifest ‘ZOU doen we het samen’",
        20,
        "Bosman",
        purpose=Purpose.DISCUSS,
        description="Opgesteld door de werkgroep Gezond Ouder Worden. Zie bijlage 1 (begeleidende "
        "brief) en bijlage 2 (het manifest).",
        notes="De werkgroep Gezond Ouder Worden licht het manifest toe. Aanvullingen zijn in de "
        "vergadering opgehaald: meer aandacht voor mantelzorgers en voor wonen.\nPartijen sturen "
        "hun wijzigingen uiterlijk 14 november; daarna volgt een nieuwe versie. Het manifest wordt "
        "feestelijk ondertekend in de vergadering van 18 december.",
        attachments=[
            (
                "Begeleidende brief bij het manifest ‘ZOU doen we het samen’",
                [
                    "Aan de bestuurders van Zuidoost Utrecht Verbonden",
                    "Bijlage 1 bij agendapunt 4, vergadering van 9 oktober 2025.",
                    "Placeholder voor de demo: geen echte inhoud.",
                ],
            ),
            (
                "Manifest ‘ZOU doen we het samen’ (concept)",
                [
                    "Concept van de werkgroep Gezond Ouder Worden.",
                    "Bijlage 2 bij agendapunt 4, vergadering van 9 oktober 2025.",
                    "Placeholder voor de demo: geen echte inhoud.",
                ],
            ),
        ],
        decisions=[
            (
                "Partijen sturen hun wijzigingen op het manifest ‘ZOU doen we het samen’ uiterlijk "
                "14 november 2025; het manifest wordt ondertekend in de vergadering van "
                "18 december 2025.",
                NETWORK,
            )
        ],
    ),
    ItemSpec(
        "Dashboard Monitor IZA/GALA",
        10,
        "Hoekstra",
        description="Per gemeente de lopende en geplande projecten.",
        notes="Het dashboard laat per gemeente zien welke projecten lopen en welke gepland zijn. "
        "Het kernteam IZA houdt het bij; het wordt gepubliceerd op de website van het netwerk.",
        level=PUBLIC,
        decisions=[
            (
                "Het dashboard monitor IZA/GALA wordt bijgehouden door het kernteam IZA en "
                "gepubliceerd op de website van het netwerk.",
                PUBLIC,
            )
        ],
    ),
    ItemSpec(
        "Voornaamste successen",
        15,
        "Verhoef",
        description="De tien belangrijkste resultaten van het jaar.",
        notes="Tien successen: het plan voor het mentale-gezondheidsnetwerk is goedgekeurd; "
        "ketenafspraken valpreventie; preventie van middelengebruik met scholen; Welzijn op Recept "
        "verlengd; een quick scan goedgekeurd; een coördinatiepunt wijkverpleging; kortdurend "
        "verblijf start; versterking van de gemeenschapskracht; IZA als vehikel voor "
        "domeinoverstijgend werken.\nIn elke gemeente komen versnellingssessies, gepland rond de "
        "LSV-overleggen: er zijn al veel tafels.",
        level=PUBLIC,
        decisions=[
            (
                "In elke gemeente worden versnellingssessies gehouden, gepland rond de "
                "LSV-overleggen.",
                PUBLIC,
            )
        ],
    ),
    ItemSpec(
        "Utrechtse Fabriek voor Zorgtransformatie",
        15,
        guest="Mirjam Ruiter (programmamanager, Utrechtse Fabriek voor Zorgtransformatie)",
        purpose=Purpose.DISCUSS,
        level=MEMBERS,
        description="Het regionale plan: tien onderdelen, zes klaar, vier in ontwikkeling. Nog "
        "niet goedgekeurd. Zie bijlage 3 (presentatie).",
        notes="Het plan kent tien onderdelen: zes zijn klaar, vier in ontwikkeling. Het is nog "
        "niet goedgekeurd. De leden bespreken wat zij nodig hebben om mee te gaan.",
        attachments=[
            (
                "Presentatie Utrechtse Fabriek voor Zorgtransformatie",
                [
                    "Bijlage 3 bij agendapunt 7, vergadering van 9 oktober 2025.",
                    "Alleen voor leden.",
                    "Placeholder voor de demo: geen echte inhoud.",
                ],
            )
        ],
        decisions=[
            (
                "Het plan voor de Utrechtse Fabriek voor Zorgtransformatie wordt nog niet "
                "vastgesteld; de vier open onderdelen komen terug zodra ze klaar zijn.",
                MEMBERS,
            )
        ],
    ),
    ItemSpec(
        "Met elkaar in gesprek",
        15,
        "Verhoef",
        purpose=Purpose.DISCUSS,
        description="De rol van inwoners: wat willen inwoners in 2026 op de agenda?",
        notes="Met de aanwezige inwoners is gesproken over hun rol in het netwerk. De vraag ‘wat "
        "wilt u in 2026 op de agenda?’ gaat rond; een voorstel volgt in de vergadering van "
        "18 december.",
        level=PUBLIC,
        decisions=[
            (
                "Het voorstel ‘wat willen inwoners in 2026 op de agenda?’ wordt besproken in de "
                "vergadering van 18 december 2025.",
                PUBLIC,
            )
        ],
    ),
    ItemSpec(
        "Afronding en rondvraag",
        5,
        "Verhoef",
        notes="Er zijn geen vragen. De voorzitter sluit de vergadering om 13.00 uur.",
        level=PUBLIC,
    ),
]

FEBRUARY = [
    ItemSpec("Welkom en mededelingen", 10, "Verhoef", level=PUBLIC, notes="Opening."),
    ItemSpec(
        "Regioplan IZA: stand van zaken",
        30,
        "van Dalen",
        notes="Het regioplan ligt op koers; de transformatieplannen worden voorbereid.",
        decisions=[("Het regioplan IZA blijft het kader voor de samenwerking in 2025.", PUBLIC)],
    ),
    ItemSpec(
        "Werkgroep Gezond Ouder Worden",
        30,
        "Bosman",
        purpose=Purpose.DECIDE,
        notes="De werkgroep stelt voor een manifest te schrijven over gezond ouder worden.",
        decisions=[
            ("De werkgroep Gezond Ouder Worden schrijft een manifest voor het netwerk.", NETWORK)
        ],
    ),
    ItemSpec("Rondvraag en sluiting", 10, "Verhoef", level=PUBLIC, notes="Geen vragen."),
]

MAY = [
    ItemSpec("Welkom", 5, "Verhoef", level=PUBLIC, notes="Opening."),
    ItemSpec(
        "Fundament Arbeidsmarkt: eerste verkenning",
        30,
        "Klaassen",
        notes="Het fundament inventariseert waarom medewerkers vertrekken.",
    ),
    ItemSpec(
        "Monitor IZA/GALA",
        30,
        "Hoekstra",
        purpose=Purpose.DECIDE,
        level=PUBLIC,
        notes="Het kernteam stelt een openbaar dashboard per gemeente voor.",
        decisions=[("Het kernteam IZA bouwt een openbaar dashboard per gemeente.", PUBLIC)],
    ),
    ItemSpec("Rondvraag en sluiting", 10, "Verhoef", level=PUBLIC, notes="Geen vragen."),
]

DECEMBER_2025 = [
    ItemSpec("Welkom", 5, "Verhoef", level=PUBLIC),
    ItemSpec(
        "Voorstel: inwoners aan tafel in 2026",
        20,
        "Verhoef",
        purpose=Purpose.DECIDE,
        level=PUBLIC,
        description="Uitwerking van ‘wat wilt u in 2026 op de agenda?’ (vergadering 9 oktober).",
    ),
    ItemSpec("Rondvraag en sluiting", 10, "Verhoef", level=PUBLIC),
]

DECEMBER_2026 = [
    ItemSpec("Welkom", 5, "Verhoef", level=PUBLIC),
    ItemSpec(
        "AZWA-werkagenda: wat betekent die voor ons?",
        40,
        "van Dalen",
        purpose=Purpose.DISCUSS,
        description="De regionale werkagenda is op 15 november ingediend. Wat vraagt die van de "
        "partijen?",
    ),
    ItemSpec(
        "Jaarplan 2027",
        40,
        "Verhoef",
        purpose=Purpose.ADOPT,
        description="Het concept-jaarplan van het dagelijks bestuur.",
    ),
    ItemSpec(
        "Contractering 2027: stand van zaken",
        25,
        "Visser",
        level=MEMBERS,
        description="Alleen voor leden: de gezamenlijke contractering met de zorgverzekeraar.",
    ),
    ItemSpec("Reflectie en rondvraag", 10, "Verhoef", level=PUBLIC),
]


def _zouv() -> None:
    network = Network.objects.get(slug="zouv")
    plenary = Body.objects.get(network=network, slug="breed-bestuurlijk-overleg")
    people = _people(network)
    chair = people["Verhoef"]
    series, _created = MeetingSeries.objects.get_or_create(
        network=network, body=plenary, title="Breed Bestuurlijk Overleg 2025"
    )

    def plenary_meeting(day: date, start: int, end: int, status: str) -> Meeting:
        return _meeting(
            body=plenary,
            title="Breed Bestuurlijk Overleg",
            starts_at=at(day, start),
            ends_at=at(day, end),
            location=BILTHOVEN,
            status=status,
            chair=chair,
            series=series,
        )

    february = plenary_meeting(date(2025, 2, 13), 10, 12, MeetingStatus.PUBLISHED)
    february.location = "Gemeentehuis Zeist, raadzaal"
    february.save(update_fields=["location"])
    feb_items = _items(february, FEBRUARY, people)
    _attendance(february, _invite(february, date(2025, 2, 13)), absent={"Schouten", "Prins"})
    _minutes(february, feb_items, FEBRUARY)
    _action(
        february,
        feb_items[2],
        "Eerste opzet van het manifest maken",
        person=people["Bosman"],
        due=date(2025, 5, 1),
        done_on=date(2025, 4, 24),
    )
    _reflect(
        february,
        people["Kuipers"],
        "Goed dat we eerst elkaars overwegingen hoorden voordat we over het manifest besloten.",
    )
    _reflect(
        february,
        people["de Wit"],
        "De agenda was te vol voor een echt gesprek; volgende keer minder punten.",
    )

    may = plenary_meeting(date(2025, 5, 15), 11, 13, MeetingStatus.PUBLISHED)
    may_items = _items(may, MAY, people)
    _attendance(may, _invite(may, date(2025, 5, 15)), absent={"Mulder", "Smits", "Visser"})
    _minutes(may, may_items, MAY)
    _action(
        may,
        may_items[2],
        "Eerste versie van het dashboard per gemeente laten zien",
        person=people["Hoekstra"],
        due=date(2025, 9, 30),
        done_on=date(2025, 9, 25),
    )
    _reflect(
        may,
        people["Timmerman"],
        "Met minder agendapunten was er ruimte om door te vragen. Zo houden.",
    )
    _approve(february, may)

    # The reference meeting
    october = plenary_meeting(date(2025, 10, 9), 11, 13, MeetingStatus.PUBLISHED)
    october.description = (
        "Om 10.00 uur is er een openbare informatiebijeenkomst voor inwoners; wie wil, schuift "
        "daarna aan bij het overleg."
    )
    october.residents_present = 6
    october.save(update_fields=["description", "residents_present"])
    items = _items(october, REFERENCE, people)
    participants = _invite(october, date(2025, 10, 9))
    _attendance(
        october, participants, absent={"Schouten", "Jansen", "Bakker"}, new={"van der Linden"}
    )
    fabriek = items[6]
    assert fabriek.title == "Utrechtse Fabriek voor Zorgtransformatie"
    _guest(october, "Mirjam Ruiter", "Utrechtse Fabriek voor Zorgtransformatie", fabriek)
    _minutes(october, items, REFERENCE)
    _approve(may, october, item=items[0])
    manifest = items[3]
    existing = Action.objects.filter(
        meeting=october, item=manifest, owner_organisation__isnull=False
    )
    request_code = existing.values_list("request_code", flat=True).first() or uuid.uuid4()
    done = {
        "Welzijn Zeist": date(2025, 11, 3),
        "Stichting Welzijn Bilt-Bunnik": date(2025, 11, 12),
        "Huisartsencoöperatie Zuidoost Utrecht": date(2025, 11, 14),
        "Thuiszorg Heuvelrug": date(2025, 11, 10),
        "Zorggroep Kromme Rijn": date(2025, 11, 7),
        "GGZ Heuvelrug": date(2025, 11, 13),
        "Jeugdhulp Zuidoost": date(2025, 11, 14),
        "GGD Midden-Utrecht": date(2025, 11, 11),
        "Apothekers Zuidoost Utrecht": date(2025, 11, 14),
    }
    for organisation in selectors.member_organisations(network=network):
        _action(
            october,
            manifest,
            "Wijzigingen op het manifest ‘ZOU doen we het samen’ sturen aan de werkgroep",
            organisation=organisation,
            due=date(2025, 11, 14),
            done_on=done.get(organisation.name),
            request_code=request_code,
        )
    _action(
        october,
        manifest,
        "Nieuwe versie van het manifest rondsturen",
        person=people["Bosman"],
        due=date(2025, 12, 1),
        done_on=date(2025, 11, 28),
    )
    _action(
        october,
        items[2],
        "Contactadres van het Fundament Arbeidsmarkt delen met alle leden",
        person=people["Klaassen"],
        due=date(2025, 10, 17),
        done_on=date(2025, 10, 15),
    )
    _action(
        october,
        items[5],
        "Versnellingssessies per gemeente plannen rond de LSV-overleggen",
        person=people["Hoekstra"],
        due=date(2025, 12, 31),
    )
    _action(
        october,
        items[6],
        "De vier open onderdelen van het plan uitwerken en terugmelden",
        person=people["Mulder"],
        due=date(2026, 3, 1),
        level=MEMBERS,
    )
    _reflect(
        october,
        people["de Wit"],
        "De openbare informatiebijeenkomst vooraf gaf energie: de inwoners die daarna aanschoven "
        "maakten het gesprek concreter.",
    )
    _reflect(
        october,
        people["Timmerman"],
        "Negen punten in twee uur is krap. Bij het manifest hadden we meer tijd nodig om "
        "aanvullingen op te halen.",
    )
    _reflect(
        october,
        people["Vos"],
        "Fijn dat gemeenten expliciet werd gevraagd wat zij nodig hebben om mee te gaan met het "
        "manifest.",
    )
    _reflect(
        october,
        people["van der Linden"],
        "Als nieuw lid voelde ik me welkom; een korte voorstelronde had daarbij geholpen.",
    )
    october.minutes_status = MinutesStatus.SENT
    october.minutes_sent_at = at(date(2025, 10, 20), 9)
    october.save(update_fields=["minutes_status", "minutes_sent_at"])
    _comment(
        october,
        people["de Wit"],
        "Bij het manifest: Welzijn Zeist stuurt de wijzigingen vóór 3 november, niet vóór 14 "
        "november.",
        item=manifest,
        on=at(date(2025, 10, 22), 10),
        processed_by=people["van Dalen"],
    )
    _comment(
        october,
        people["Vos"],
        "Graag in het verslag opnemen dat de gemeenten om een financieel overzicht vroegen.",
        on=at(date(2025, 10, 24), 16),
    )

    # The draft meeting of 18 December: the minutes of 9 October, the carried-over manifest.
    december = plenary_meeting(date(2025, 12, 18), 11, 13, MeetingStatus.DRAFT)
    dec_items = _items(december, DECEMBER_2025, people)
    if not AgendaItem.objects.filter(meeting=december, minutes_of=october).exists():
        AgendaItem.objects.create(
            meeting=december,
            title="Verslag van 9 oktober 2025",
            purpose=Purpose.ADOPT,
            duration_minutes=5,
            position=1,
            minutes_of=october,
        )
    if not AgendaItem.objects.filter(meeting=december, carried_from=manifest).exists():
        AgendaItem.objects.create(
            meeting=december,
            title="Ondertekening manifest ‘ZOU doen we het samen’",
            description="Doorgeschoven uit de vergadering van 9 oktober: de nieuwe versie, na de "
            "wijzigingen van de partijen, wordt feestelijk ondertekend.",
            presenter=people["Bosman"],
            purpose=Purpose.SIGN,
            duration_minutes=30,
            position=2,
            carried_from=manifest,
        )
    # Welcome first, then the minutes, the manifest, the proposal and the questions.
    order = {dec_items[0].pk: 0, dec_items[1].pk: 3, dec_items[2].pk: 4}
    for item in AgendaItem.objects.filter(meeting=december):
        item.position = order.get(item.pk, item.position)
        item.save(update_fields=["position"])
    services.renumber(december)

    _zouv_current(network, people)


def _zouv_current(network: Network, people: dict[str, Person]) -> None:
    """Meetings around today's date in the demo (December 2026), so the start page has a
    "next meeting", and a conflict to show: the LSV Zeist overlaps the plenary."""
    plenary = Body.objects.get(network=network, slug="breed-bestuurlijk-overleg")
    board = Body.objects.get(network=network, slug="dagelijks-bestuur")
    lsv = Body.objects.get(network=network, slug="lsv-zeist")

    november = _meeting(
        body=board,
        title="Dagelijks bestuur",
        starts_at=at(date(2026, 11, 12), 9),
        ends_at=at(date(2026, 11, 12), 10, 30),
        location="Welzijn Zeist, Zeist",
        status=MeetingStatus.PUBLISHED,
        chair=people["Verhoef"],
    )
    board_specs = [
        ItemSpec(
            "Voorbereiding plenair overleg 10 december",
            45,
            "van Dalen",
            notes="Het dagelijks bestuur bereidt het plenaire overleg van 10 december voor.",
            decisions=[("Het jaarplan 2027 gaat als concept naar het plenair overleg.", NETWORK)],
        ),
        ItemSpec("Reablement in de regio", 30, "de Wit", notes="Casus uit Zeist besproken."),
    ]
    board_items = _items(november, board_specs, people)
    _attendance(november, _invite(november, date(2026, 11, 12)))
    _minutes(november, board_items, board_specs)
    november.minutes_status = MinutesStatus.SENT
    november.save(update_fields=["minutes_status"])
    _action(
        november,
        board_items[1],
        "Casus reablement Zeist uitwerken voor het Fundament Arbeidsmarkt",
        person=people["de Wit"],
        due=date(2026, 12, 8),
    )
    _action(
        november,
        board_items[0],
        "Concept-jaarplan 2027 rondsturen met de agenda",
        person=people["van Dalen"],
        due=date(2026, 11, 26),
    )

    december = _meeting(
        body=plenary,
        title="Breed Bestuurlijk Overleg",
        starts_at=at(date(2026, 12, 10), 10),
        ends_at=at(date(2026, 12, 10), 13),
        location=BILTHOVEN,
        status=MeetingStatus.PUBLISHED,
        chair=people["Verhoef"],
        is_public=True,
        description="Het laatste plenaire overleg van 2026, met een terugblik en het jaarplan 2027.",
    )
    _items(december, DECEMBER_2026, people)
    participants = _invite(december, date(2026, 12, 10))
    answered = {"Kuipers": Rsvp.ATTEND, "Mulder": Rsvp.ATTEND, "Schouten": Rsvp.ABSENT}
    for participant in participants:
        assert participant.person is not None
        answer = answered.get(participant.person.family_name)
        if answer and participant.rsvp == Rsvp.NO_ANSWER:
            participant.rsvp = answer
            participant.rsvp_at = at(date(2026, 11, 20), 14)
            participant.save(update_fields=["rsvp", "rsvp_at"])

    lsv_meeting = _meeting(
        body=lsv,
        title="Lokaal samenwerkingsverband Zeist",
        starts_at=at(date(2026, 12, 10), 12, 30),
        ends_at=at(date(2026, 12, 10), 14),
        location="Gemeentehuis Zeist",
        status=MeetingStatus.PUBLISHED,
        chair=people["Vos"],
    )
    _items(
        lsv_meeting,
        [
            ItemSpec("Versnellingssessie Zeist: opzet", 45, "Vos", purpose=Purpose.DISCUSS),
            ItemSpec("Rondvraag", 15, "Vos"),
        ],
        people,
    )
    _invite(lsv_meeting, date(2026, 12, 10))

    upcoming_board = _meeting(
        body=board,
        title="Dagelijks bestuur",
        starts_at=at(date(2027, 1, 14), 9),
        ends_at=at(date(2027, 1, 14), 10, 30),
        location="Welzijn Zeist, Zeist",
        status=MeetingStatus.DRAFT,
        chair=people["Verhoef"],
    )
    _items(
        upcoming_board, [ItemSpec("Evaluatie plenair overleg 10 december", 30, "Verhoef")], people
    )


def _bgu() -> None:
    network = Network.objects.get(slug="bestuurstafel-gezond-utrecht")
    people = _people(network)
    plenary = Body.objects.get(network=network, slug="bestuurstafel")
    steering = Body.objects.get(network=network, slug="regiegroep")
    specs = [
        ItemSpec("Opening", 5, "Kamphuis", level=PUBLIC, notes="Opening door de moderator."),
        ItemSpec(
            "Kaarten op tafel: wat speelt er bij ieder?",
            60,
            "Kamphuis",
            purpose=Purpose.DISCUSS,
            level=MEMBERS,
            notes="Elke bestuurder vertelt open wat er speelt in de eigen organisatie.",
        ),
        ItemSpec(
            "Gezamenlijke contractering met de zorgverzekeraar",
            40,
            "Visser",
            purpose=Purpose.DECIDE,
            notes="Alle leden contracteren dezelfde module op hetzelfde moment.",
            decisions=[
                (
                    "Alle leden contracteren de module ‘samenwerking in de wijk’ gezamenlijk met "
                    "de zorgverzekeraar per 1 januari 2026.",
                    PUBLIC,
                )
            ],
        ),
        ItemSpec("Afsluiting", 10, "Kamphuis", level=PUBLIC, notes="Afsluiting."),
    ]
    september = _meeting(
        body=plenary,
        title="Plenaire Bestuurstafel",
        starts_at=at(date(2025, 9, 25), 14),
        ends_at=at(date(2025, 9, 25), 17),
        location="Bartholomeus Gasthuis, Utrecht",
        status=MeetingStatus.PUBLISHED,
        chair=people["Kamphuis"],
    )
    items = _items(september, specs, people)
    _attendance(september, _invite(september, date(2025, 9, 25)), absent={"Molenaar"})
    _minutes(september, items, specs)
    september.minutes_status = MinutesStatus.SENT
    september.save(update_fields=["minutes_status"])
    _action(
        september,
        items[2],
        "Contract voor de module ‘samenwerking in de wijk’ tekenen",
        person=people["Visser"],
        due=date(2025, 12, 1),
        done_on=date(2025, 11, 20),
    )
    _reflect(
        september,
        people["Koster"],
        "Kaarten op tafel werkte: iedereen durfde te zeggen wat er echt speelt.",
    )
    regiegroep = _meeting(
        body=steering,
        title="Regiegroep",
        starts_at=at(date(2026, 12, 3), 15),
        ends_at=at(date(2026, 12, 3), 17),
        location="Bartholomeus Gasthuis, Utrecht",
        status=MeetingStatus.PUBLISHED,
        chair=people["Kamphuis"],
    )
    _items(
        regiegroep,
        [
            ItemSpec("Advies werkgroep Financiën", 45, "Dekker", purpose=Purpose.DECIDE),
            ItemSpec("Advies werkgroep Bestuur en Strategie", 45, "Koster", purpose=Purpose.DECIDE),
        ],
        people,
    )
    _invite(regiegroep, date(2026, 12, 3))


def load() -> None:
    if not Network.objects.filter(slug="zouv").exists():
        return
    _zouv()
    if Network.objects.filter(slug="bestuurstafel-gezond-utrecht").exists():
        _bgu()
