"""What htmx requests get when they cannot be answered in place, and the page for a form whose
security token expired."""

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.testing.world import World, login

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_a_redirect_becomes_a_whole_page_visit_back_to_where_the_person_was() -> None:
    edit = reverse("networks:profile_edit")
    plain = Client().post(edit)
    assert plain.status_code == 302 and plain["Location"] == f"/account/inloggen/?next={edit}"

    # After the session ended, an in-place button leads to the login page, which leads back to
    # the page the person was on (the fragment's URL may take only POST), query string and all.
    current = "http://testserver/netwerken/zuidoost/acties/?wie=mine&status=overdue"
    fragment = Client().post(edit, headers={**HTMX, "HX-Current-URL": current})
    assert fragment.status_code == 204 and fragment.content == b""
    assert fragment["HX-Redirect"] == (
        "/account/inloggen/?next=/netwerken/zuidoost/acties/%3Fwie%3Dmine%26status%3Doverdue"
    )
    # Only the path of the page is taken: the login page never sends anyone to another site.
    elsewhere = Client().post(
        edit, headers={**HTMX, "HX-Current-URL": "https://elders.invalid/pagina/"}
    )
    assert elsewhere["HX-Redirect"] == "/account/inloggen/?next=/pagina/"

    # Any other redirect is followed as a whole page too, unchanged.
    switch = {"language": "en", "next": "/privacy/"}
    assert Client().post("/i18n/setlang/", switch)["Location"] == "/privacy/"
    assert Client().post("/i18n/setlang/", switch, headers=HTMX)["HX-Redirect"] == "/privacy/"
    # Boosted links and ordinary answers are left alone.
    boosted = Client().post("/i18n/setlang/", switch, headers={**HTMX, "HX-Boosted": "true"})
    assert boosted.status_code == 302
    assert "HX-Redirect" not in Client().get("/privacy/", headers=HTMX)


def test_an_expired_form_says_so_in_dutch_and_leads_back(world: World) -> None:
    client = login(Client(enforce_csrf_checks=True), world.users["member"])
    edit = reverse("networks:profile_edit")
    response = client.post(
        edit, {"given_name": "Ander"}, headers={"Referer": f"http://testserver{edit}"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Het formulier is verlopen" in page and "Er is niets opgeslagen." in page
    assert f'href="http://testserver{edit}">Terug naar de pagina' in page
    world.people["member"].refresh_from_db()
    assert world.people["member"].given_name != "Ander"
    # A page of another site is never offered as the way back.
    foreign = client.post(edit, headers={"Referer": "https://elders.invalid/"})
    assert "elders.invalid" not in foreign.content.decode()
    assert "Naar de startpagina" in foreign.content.decode()
