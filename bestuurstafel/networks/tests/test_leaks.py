"""Routes an adversarial review of the networks app checked: people's pages and the directory.

A person may take part in several networks; each network's people see that person's role,
organisation and bodies in their own network only, and nobody outside the network learns
whether a person code exists.
"""

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.networks.models import Body, BodyMembership, Membership
from bestuurstafel.testing.world import World

pytestmark = pytest.mark.django_db


def person_url(world: World, persona: str, *, slug: str = "zuidoost") -> str:
    return reverse("networks:person", kwargs={"slug": slug, "code": world.people[persona].code})


def seat_in_the_other_network(world: World) -> None:
    """Anna (a member of Zuidoost) also takes part in Netwerk Stad, with a seat at its table."""
    Membership.objects.create(
        person=world.people["member"],
        network=world.other,
        organisation=world.organisations["stad"],
        role="chair",
        start_date=date(2024, 1, 1),
    )
    BodyMembership.objects.create(
        body=Body.objects.get(network=world.other, slug="stadstafel"),
        person=world.people["member"],
        role="chair",
        start_date=date(2024, 1, 1),
    )


def test_a_person_page_and_the_directory_show_only_this_networks_place(
    world: World, client_for: Callable[[str], Client]
) -> None:
    seat_in_the_other_network(world)
    partner = client_for("partner")
    pages = {
        "person page": partner.get(person_url(world, "member")).content.decode(),
        "directory": partner.get(
            reverse("networks:directory", kwargs={"slug": "zuidoost"}) + "?q=Lid"
        ).content.decode(),
    }
    for route, page in pages.items():
        assert "Anna Lid" in page and "Stuurgroep" in page, route
        assert "Stadstafel" not in page and "Welzijn Stad" not in page, route


def test_person_codes_tell_nothing_to_people_outside_the_network(
    world: World, client_for: Callable[[str], Client]
) -> None:
    unknown = reverse("networks:person", kwargs={"slug": "zuidoost", "code": uuid.uuid4()})
    for persona in ("anonymous", "outsider"):
        client = client_for(persona)
        existing = client.get(person_url(world, "member"))
        missing = client.get(unknown)
        assert existing.status_code == missing.status_code != 200, persona
        assert "Anna" not in existing.content.decode(), persona
    # Someone of another network only is not found through this network's address.
    assert client_for("member").get(person_url(world, "outsider")).status_code == 404
