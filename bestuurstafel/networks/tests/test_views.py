import io
import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.networks import services
from bestuurstafel.networks.models import Body, BodyMembership, Membership, Organisation, Person
from bestuurstafel.testing.html import duplicate_ids
from bestuurstafel.testing.world import World


def add_people(world: World, count: int) -> None:
    """More people, organisations and seats, to show that a page's queries do not grow."""
    start = Person.objects.count()
    for n in range(start, start + count):
        organisation = Organisation.objects.create(
            network=world.network,
            name=f"Organisatie {n}",
            sector="welfare",
            care_lines=[0],
            target_groups=["youth"],
        )
        organisation.municipalities.set([world.municipalities["GM0310"]])
        person = Person.objects.create(
            given_name=f"Persoon{n}", family_name=f"Achternaam{n}", email=f"p{n}@test.invalid"
        )
        Membership.objects.create(
            person=person,
            network=world.network,
            organisation=organisation,
            role="member",
            start_date=date(2024, 1, 1),
            deputy=world.people["colleague"],
        )
        BodyMembership.objects.create(
            body=world.plenary, person=person, start_date=date(2024, 1, 1)
        )
        services.invitation_create(
            actor=world.users["secretary"],
            network=world.network,
            email=f"inv{n}@test.invalid",
            given_name="I",
            family_name=f"N{n}",
            organisation=organisation,
        )
        Body.objects.create(
            network=world.network,
            name=f"Werkgroep {n}",
            slug=f"werkgroep-{n}",
            kind="working_group",
            parent=world.plenary,
        )


PAGES = [
    ("anonymous", "networks:home", {}),
    ("anonymous", "networks:detail", {"slug": "zuidoost"}),
    ("anonymous", "networks:coverage", {"slug": "zuidoost"}),
    ("member", "networks:directory", {"slug": "zuidoost"}),
    ("member", "networks:body", {"slug": "zuidoost", "body": "plenair"}),
    ("member", "networks:profile", {}),
    ("secretary", "networks:manage", {"slug": "zuidoost"}),
    ("secretary", "networks:manage_organisations", {"slug": "zuidoost"}),
    ("secretary", "networks:manage_members", {"slug": "zuidoost"}),
    ("secretary", "networks:manage_invitations", {"slug": "zuidoost"}),
    ("secretary", "networks:manage_bodies", {"slug": "zuidoost"}),
    ("secretary", "networks:manage_body", {"slug": "zuidoost", "body": "plenair"}),
    ("secretary", "networks:manage_audit", {"slug": "zuidoost"}),
]


@pytest.mark.parametrize(("persona", "name", "kwargs"), PAGES)
def test_list_pages_run_a_fixed_number_of_queries(
    persona: str,
    name: str,
    kwargs: dict,
    world: World,
    client_for: Callable[[str], Client],
    django_assert_num_queries,
) -> None:
    client = client_for(persona)
    url = reverse(name, kwargs=kwargs)
    add_people(world, 2)
    client.get(url)  # warm up (session, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_people(world, 25)
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_the_directory_filters_by_text_sector_role_and_body(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("member")
    url = reverse("networks:directory", kwargs={"slug": "zuidoost"})
    names = lambda response: [m.person.full_name for m in response.context["page"].object_list]  # noqa: E731
    assert names(client.get(url, {"q": "collega"})) == ["Cor Collega"]
    assert names(client.get(url, {"q": "huisartsen"})) == ["Cor Collega"]
    assert names(client.get(url, {"role": "partner"})) == ["Paul Partner"]
    assert names(client.get(url, {"sector": "municipality"})) == ["Paul Partner"]
    assert sorted(names(client.get(url, {"body": "stuurgroep"}))) == [
        "Anna Lid",
        "Carel Voorzitter",
    ]
    assert names(client.get(url, {"organisatie": "not-a-uuid"})) == []
    # Bad filter values are ignored, never an error.
    assert client.get(url, {"role": "king", "sector": "x", "pagina": "999"}).status_code == 200
    # htmx asks for the results only.
    fragment = client.get(url, {"q": "collega"}, headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and b"Cor Collega" in fragment.content


def test_the_directory_shows_organisation_role_deputy_and_bodies(
    world: World, client_for: Callable[[str], Client]
) -> None:
    Membership.objects.filter(pk=world.memberships["member"].pk).update(
        deputy=world.people["colleague"]
    )
    page = (
        client_for("partner")
        .get(reverse("networks:directory", kwargs={"slug": "zuidoost"}))
        .content.decode()
    )
    assert (
        "Welzijn Zuidoost" in page
        and "Plaatsvervanger: Cor Collega" in page
        and "Stuurgroep" in page
    )


def test_body_composition_is_for_the_network_only(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("networks:body", kwargs={"slug": "zuidoost", "body": "stuurgroep"})
    assert "Anna Lid" in client_for("member").get(url).content.decode()
    for persona in ("anonymous", "outsider"):
        page = client_for(persona).get(url).content.decode()
        assert "Anna Lid" not in page and "Stuurgroep" in page


def test_body_coverage_for_members_but_never_for_outsiders(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("networks:coverage", kwargs={"slug": "zuidoost"}) + "?orgaan=stuurgroep"
    member = client_for("member").get(url)
    assert member.context["coverage"].body == world.steering
    assert member.context["coverage"].organisation_count == 1
    outsider = client_for("outsider").get(url)
    assert outsider.context["coverage"].body is None


def test_coverage_shows_the_gaps(world: World, client_for: Callable[[str], Client]) -> None:
    coverage = (
        client_for("anonymous")
        .get(reverse("networks:coverage", kwargs={"slug": "zuidoost"}))
        .context["coverage"]
    )
    gaps = {(d.key, c.key) for d, c in coverage.gaps}
    assert ("sector", "disability_care") in gaps
    assert ("care_line", "3") in gaps
    assert ("municipality", "GM0312") not in gaps


def test_profile_edit(world: World, client_for: Callable[[str], Client]) -> None:
    client = client_for("member")
    url = reverse("networks:profile_edit")
    response = client.post(url, {"given_name": "", "family_name": "Lid"})
    assert response.status_code == 400 and "Dit veld is verplicht" in response.content.decode()
    response = client.post(
        url, {"given_name": "Anna", "family_name": "Lid-de Vries", "job_title": "Directeur"}
    )
    assert response.status_code == 302
    world.people["member"].refresh_from_db()
    assert world.people["member"].family_name == "Lid-de Vries"
    assert AuditEvent.objects.filter(action="networks.profile_update").exists()


def test_secretary_adds_an_organisation_with_clear_errors(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("secretary")
    url = reverse("networks:manage_organisation_add", kwargs={"slug": "zuidoost"})
    response = client.post(url, {"name": "Welzijn Zuidoost", "sector": "welfare"})
    assert response.status_code == 400
    assert (
        "Dit netwerk heeft al een organisatie met de naam ‘Welzijn Zuidoost’."
        in response.content.decode()
    )
    response = client.post(url, {"name": "Nieuw", "sector": "welfare", "care_lines": ["7"]})
    assert response.status_code == 400
    assert "7 is geen beschikbare keuze" in response.content.decode()
    response = client.post(
        url,
        {"name": "Nieuw", "sector": "welfare", "joined_on": "2025-02-01", "left_on": "2025-01-01"},
    )
    assert response.status_code == 400
    assert "De organisatie kan niet vertrekken voordat ze deelnam." in response.content.decode()
    assert not Organisation.objects.filter(name="Nieuw").exists()


def test_the_import_checks_then_saves_all_rows(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("secretary")
    url = reverse("networks:manage_organisations_import", kwargs={"slug": "zuidoost"})
    bad = io.BytesIO(b"naam;sector\nZorg;onzin\n")
    bad.name = "bad.csv"
    response = client.post(url, {"file": bad})
    assert "Rij 2, kolom ‘sector’: onbekende sector ‘onzin’" in response.content.decode()
    good = io.BytesIO(b"naam;sector;gemeenten\nZorg A;wonen;Zeist\nZorg B;GGD;\n")
    good.name = "good.csv"
    response = client.post(url, {"file": good})
    assert response.context["preview"] and not Organisation.objects.filter(name="Zorg A").exists()
    response = client.post(url, {"stash": response.context["stash"]})
    assert response.status_code == 302
    assert (
        Organisation.objects.filter(network=world.network, name__in=["Zorg A", "Zorg B"]).count()
        == 2
    )
    # The stashed file cannot be imported twice, and not from another session.
    assert client.post(url, {"stash": "0" * 32}).status_code == 302


def test_secretary_invites_and_the_invitation_is_listed(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("secretary")
    response = client.post(
        reverse("networks:manage_invite", kwargs={"slug": "zuidoost"}),
        {"given_name": "Bea", "family_name": "Bestuur", "email": "not-an-email", "role": "member"},
    )
    assert "Voer een geldig e-mailadres in." in response.content.decode()
    response = client.post(
        reverse("networks:manage_invite", kwargs={"slug": "zuidoost"}),
        {
            "given_name": "Bea",
            "family_name": "Bestuur",
            "email": "bea@test.invalid",
            "role": "member",
        },
    )
    assert "Een lid vertegenwoordigt een organisatie: kies er een." in response.content.decode()
    response = client.post(
        reverse("networks:manage_invite", kwargs={"slug": "zuidoost"}),
        {
            "given_name": "Bea",
            "family_name": "Bestuur",
            "email": "bea@test.invalid",
            "role": "member",
            "organisation": world.organisations["welzijn"].pk,
        },
    )
    assert response.status_code == 302
    listing = client.get(
        reverse("networks:manage_invitations", kwargs={"slug": "zuidoost"})
    ).content.decode()
    assert "bea@test.invalid" in listing


def test_invitation_links_that_cannot_be_used_say_why(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("anonymous")
    assert (
        client.get(reverse("networks:invitation_accept", kwargs={"token": "x" * 40})).status_code
        == 404
    )
    token = world.extra["invitation_token"]
    response = client.post(
        reverse("networks:invitation_accept", kwargs={"token": token}),
        {"password1": "kort", "password2": "anders"},
    )
    assert (
        response.status_code == 400
        and "De twee wachtwoorden zijn niet gelijk." in response.content.decode()
    )
    response = client.post(
        reverse("networks:invitation_accept", kwargs={"token": token}),
        {"password1": "een-sterk-wachtwoord", "password2": "een-sterk-wachtwoord"},
    )
    assert response.status_code == 302
    used = Client().get(reverse("networks:invitation_accept", kwargs={"token": token}))
    assert used.status_code == 410 and "al gebruikt" in used.content.decode()


def test_ending_a_membership_from_the_page(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("secretary")
    membership = world.memberships["colleague"]
    url = reverse(
        "networks:manage_member_end", kwargs={"slug": "zuidoost", "code": membership.code}
    )
    assert client.post(url, {"end-end_date": "geen datum"}).status_code == 302
    membership.refresh_from_db()
    assert membership.end_date is None
    client.post(url, {"end-end_date": "2025-06-30"})
    membership.refresh_from_db()
    assert membership.end_date == date(2025, 6, 30)
    directory = (
        client_for("member")
        .get(reverse("networks:directory", kwargs={"slug": "zuidoost"}))
        .content.decode()
    )
    assert "Cor Collega" not in directory


def test_the_audit_log_shows_who_changed_what(
    world: World, client_for: Callable[[str], Client]
) -> None:
    services.organisation_update(
        actor=world.users["secretary"],
        organisation=world.organisations["welzijn"],
        website="https://w.test.invalid",
    )
    page = (
        client_for("secretary")
        .get(reverse("networks:manage_audit", kwargs={"slug": "zuidoost"}), {"q": "welzijn"})
        .content.decode()
    )
    assert (
        "wijzigde een organisatie" in page
        and "https://w.test.invalid" in page
        and "Sara Secretaris" in page
    )


def test_a_bad_code_in_a_url_is_not_found(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretary")
    assert client.get("/netwerken/zuidoost/mensen/abc/").status_code == 404
    assert client.get("/netwerken/zuidoost/beheer/leden/abc/").status_code == 404
    assert client.get("/netwerken/bestaat-niet/").status_code == 404


def error_summary(page: str) -> str:
    """The error summary of ``page`` (there must be exactly one)."""
    assert page.count("data-error-summary") == 1, "not one error summary"
    found = re.search(r"<div [^>]*data-error-summary[^>]*>(.*?)</ul>", page, re.S)
    assert found
    return found.group(1)


def test_the_two_forms_of_a_membership_each_label_their_own_end_date(
    world: World, client_for: Callable[[str], Client]
) -> None:
    """The edit form ("Tot en met") and the form that ends the membership ("Laatste dag") once
    both had the id ``id_end_date``: the label "Laatste dag" led to the other form's field."""
    membership = world.memberships["colleague"]
    kwargs = {"slug": "zuidoost", "code": membership.code}
    page = client_for("secretary").get(reverse("networks:manage_member", kwargs=kwargs))
    html = page.content.decode()
    assert duplicate_ids(html) == []
    assert re.search(r'<label [^>]*for="id_end_date"[^>]*>Tot en met<', html)
    assert re.search(r'<label [^>]*for="id_end-end_date"[^>]*>Laatste dag<', html)
    end_form = html.split(reverse("networks:manage_member_end", kwargs=kwargs), 1)[1]
    assert 'name="end-end_date"' in end_form.split("</form>", 1)[0]


def test_a_network_form_sent_back_with_errors_opens_with_a_summary_linked_to_its_fields(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("secretary")
    response = client.post(
        reverse("networks:manage_organisation_add", kwargs={"slug": "zuidoost"}), {}
    )
    page = response.content.decode()
    summary = error_summary(page)
    assert "Er is iets niet goed ingevuld" in summary
    # Each line links to its field, by the field's id, in the order of the form.
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets[:2] == ["id_name", "id_sector"]
    assert all(f'id="{target}"' in page for target in targets)
    assert 'aria-labelledby="error-summary-title"' in page
    assert duplicate_ids(page) == []
    # The summary comes first in the form, before the fields.
    form = page.split('<form class="bt-form" method="post" novalidate>', 1)[1]
    assert form.index("data-error-summary") < form.index('id="id_name"')
    # A form that has not been sent has none.
    blank = client.get(reverse("networks:manage_organisation_add", kwargs={"slug": "zuidoost"}))
    assert "data-error-summary" not in blank.content.decode()


def test_of_two_forms_on_a_page_only_the_one_with_errors_has_the_summary(
    world: World, client_for: Callable[[str], Client]
) -> None:
    membership = world.memberships["colleague"]
    kwargs = {"slug": "zuidoost", "code": membership.code}
    response = client_for("secretary").post(
        reverse("networks:manage_member", kwargs=kwargs),
        {"role": "member", "start_date": "2025-01-01", "end_date": "2024-12-31"},
    )
    page = response.content.decode()
    summary = error_summary(page)
    assert re.findall(r'href="#([^"]+)"', summary) == ["id_end_date"]
    # The summary is the edit form's; the form to end the membership below it has none.
    end_form = page.split(reverse("networks:manage_member_end", kwargs=kwargs), 1)[1]
    assert "data-error-summary" not in end_form
    assert duplicate_ids(page) == []
    membership.refresh_from_db()
    assert membership.end_date is None
