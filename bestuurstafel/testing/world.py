"""A small world for tests: two networks and one person per persona.

Personas (``PERSONAS``): anonymous, member, partner, secretary, chair, outsider (a member of
another network) and admin (platform admin). Secretaries, chairs and admins must use two-factor
authentication; ``login`` gives their session a verified device, as a real login would.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.accounts.models import User
from bestuurstafel.geo.models import Municipality
from bestuurstafel.networks.models import (
    Body,
    BodyMembership,
    Invitation,
    Membership,
    Network,
    Organisation,
    Person,
)

PERSONAS = ["anonymous", "member", "partner", "secretary", "chair", "outsider", "admin"]
PASSWORD = "correct-horse-battery"  # noqa: S105

MUNICIPALITIES = [
    ("GM0310", "De Bilt"),
    ("GM0355", "Zeist"),
    ("GM0312", "Bunnik"),
    ("GM0344", "Utrecht"),
]


@dataclass
class World:
    network: Network
    other: Network
    municipalities: dict[str, Municipality]
    organisations: dict[str, Organisation]
    users: dict[str, User]
    people: dict[str, Person]
    memberships: dict[str, Membership]
    plenary: Body
    steering: Body
    working_group: Body
    invitation: Invitation
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: str) -> User | None:
        return self.users.get(persona)


def municipality(code: str, name: str) -> Municipality:
    obj, _created = Municipality.objects.get_or_create(
        code=code, defaults={"name": name, "province_code": "PV26", "province_name": "Utrecht"}
    )
    return obj


def make_user(email: str, *, staff: bool = False, two_factor: bool = False) -> User:
    user = User.objects.create_user(email, PASSWORD, is_staff=staff, is_superuser=staff)
    if two_factor:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def make_person(
    given: str, family: str, *, user: User | None = None, email: str | None = None
) -> Person:
    return Person.objects.create(
        given_name=given,
        family_name=family,
        email=email or (user.email if user else None),
        user=user,
        job_title="Bestuurder",
    )


def build_world() -> World:
    places = {code: municipality(code, name) for code, name in MUNICIPALITIES}
    network = Network.objects.create(
        name="Netwerk Zuidoost",
        slug="zuidoost",
        short_name="NZO",
        public_description="Een netwerk voor de tests.",
        contact_email="secretariaat@zuidoost.test.invalid",
        expected_sectors=["welfare", "gp_care", "municipality", "disability_care"],
        expected_target_groups=["youth", "elderly"],
    )
    network.municipalities.set([places["GM0310"], places["GM0355"], places["GM0312"]])
    other = Network.objects.create(
        name="Netwerk Stad", slug="stad", public_description="Een ander netwerk."
    )
    other.municipalities.set([places["GM0344"]])

    def org(
        net: Network, name: str, sector: str, lines: list[int], groups: list[str], codes: list[str]
    ) -> Organisation:
        o = Organisation.objects.create(
            network=net,
            name=name,
            sector=sector,
            care_lines=lines,
            target_groups=groups,
            joined_on=date(2024, 1, 1),
        )
        o.municipalities.set([places[c] for c in codes])
        return o

    organisations = {
        "welzijn": org(
            network, "Welzijn Zuidoost", "welfare", [0], ["youth", "elderly"], ["GM0310", "GM0355"]
        ),
        "huisartsen": org(
            network,
            "Huisartsen Zuidoost",
            "gp_care",
            [1],
            ["youth", "elderly"],
            ["GM0310", "GM0355", "GM0312"],
        ),
        "gemeente": org(
            network, "Gemeente Zeist", "municipality", [0], ["youth", "elderly"], ["GM0355"]
        ),
        "stad": org(other, "Welzijn Stad", "welfare", [0], ["youth"], ["GM0344"]),
    }
    users = {
        "member": make_user("lid@test.invalid"),
        "partner": make_user("partner@test.invalid"),
        "secretary": make_user("secretaris@test.invalid", two_factor=True),
        "chair": make_user("voorzitter@test.invalid", two_factor=True),
        "outsider": make_user("buitenstaander@test.invalid"),
        "admin": make_user("beheer@test.invalid", staff=True, two_factor=True),
    }
    people = {
        "member": make_person("Anna", "Lid", user=users["member"]),
        "partner": make_person("Paul", "Partner", user=users["partner"]),
        "secretary": make_person("Sara", "Secretaris", user=users["secretary"]),
        "chair": make_person("Carel", "Voorzitter", user=users["chair"]),
        "outsider": make_person("Otto", "Buiten", user=users["outsider"]),
        "colleague": make_person("Cor", "Collega", email="collega@test.invalid"),
    }
    since = date(2024, 1, 1)
    memberships = {
        "member": Membership.objects.create(
            person=people["member"],
            network=network,
            organisation=organisations["welzijn"],
            role="member",
            start_date=since,
        ),
        "partner": Membership.objects.create(
            person=people["partner"],
            network=network,
            organisation=organisations["gemeente"],
            role="partner",
            start_date=since,
        ),
        "secretary": Membership.objects.create(
            person=people["secretary"], network=network, role="secretary", start_date=since
        ),
        "chair": Membership.objects.create(
            person=people["chair"], network=network, role="chair", start_date=since
        ),
        "colleague": Membership.objects.create(
            person=people["colleague"],
            network=network,
            organisation=organisations["huisartsen"],
            role="member",
            start_date=since,
            deputy=None,
        ),
        "outsider": Membership.objects.create(
            person=people["outsider"],
            network=other,
            organisation=organisations["stad"],
            role="member",
            start_date=since,
        ),
    }
    plenary = Body.objects.create(
        network=network, name="Plenair overleg", slug="plenair", kind="plenary"
    )
    steering = Body.objects.create(
        network=network, name="Stuurgroep", slug="stuurgroep", kind="steering_group", parent=plenary
    )
    working_group = Body.objects.create(
        network=network,
        name="Werkgroep Ouderen",
        slug="werkgroep-ouderen",
        kind="working_group",
        parent=steering,
    )
    Body.objects.create(network=other, name="Stadstafel", slug="stadstafel", kind="plenary")
    for persona in ("member", "partner", "secretary", "chair", "colleague"):
        BodyMembership.objects.create(
            body=plenary,
            person=people[persona],
            role="chair" if persona == "chair" else "member",
            start_date=since,
        )
    BodyMembership.objects.create(
        body=steering, person=people["member"], role="member", start_date=since
    )
    BodyMembership.objects.create(
        body=steering, person=people["chair"], role="chair", start_date=since
    )
    from bestuurstafel.networks import services

    invitation, token = services.invitation_create(
        actor=users["secretary"],
        network=network,
        email="nieuw@test.invalid",
        given_name="Nina",
        family_name="Nieuw",
        organisation=organisations["huisartsen"],
        role="member",
    )
    world = World(
        network=network,
        other=other,
        municipalities=places,
        organisations=organisations,
        users=users,
        people=people,
        memberships=memberships,
        plenary=plenary,
        steering=steering,
        working_group=working_group,
        invitation=invitation,
    )
    world.extra["invitation_token"] = token
    # Meetings of the plenary, with a members-only item (meetings/tests/factories.py).
    from bestuurstafel.meetings.tests.factories import add_meetings

    add_meetings(world)
    return world


def login(client: Client, user: User | None) -> Client:
    """Log ``user`` in; with a confirmed authenticator the session counts as verified."""
    if user is None:
        return client
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client
