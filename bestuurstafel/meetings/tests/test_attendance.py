"""The attendance page after a mistake: an error summary at the top of the form names each
person and field and links to the field; nothing is saved."""

import html
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.testing.world import World

from ..models import Meeting, Participant
from .factories import meetings

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]


def summary_links(page: str) -> list[tuple[str, str]]:
    """(target id, text) of every link in the error summary, in order."""
    found = re.search(r"<div [^>]*data-error-summary[^>]*>(.*?)</ul>", page, re.S)
    assert found, "no error summary"
    return [
        (target, " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()))
        for target, text in re.findall(r'<a [^>]*href="#([^"]+)"[^>]*>(.*?)</a>', found.group(1))
    ]


def test_wrong_attendance_is_summed_up_at_the_top_with_links_and_nothing_is_saved(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    secretary = client_for("secretary")
    path = reverse("meetings:attendance", kwargs={"slug": world.network.slug, "code": m.held.code})
    form = secretary.get(path).content.decode()
    assert "data-error-summary" not in form
    data = dict.fromkeys(re.findall(r'<select name="(presence_[^"]+)"', form), "absent_notice")
    wrong = Participant.objects.filter(meeting=m.held, person__isnull=False).order_by("pk")[0]
    data[f"presence_{wrong.code}"] = "maybe"  # not a choice
    before = {
        "presence": dict(Participant.objects.filter(meeting=m.held).values_list("pk", "presence")),
        "participants": Participant.objects.count(),
        "residents": m.held.residents_present,
        "audit": AuditEvent.objects.count(),
    }
    response = secretary.post(
        path, {**data, "residents_present": "-3", "guest_name_1": "Gerda Nieuwkomer"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and "Er is iets niet goed ingevuld" in page
    links = summary_links(page)
    field = f"id_presence_{wrong.code}"
    # In the order of the page: the person's row first, the residents at the bottom last.
    assert [target for target, _ in links] == [field, "id_residents_present"]
    assert links[0][1].startswith(f"{wrong.name}: aanwezigheid: Selecteer een geldige keuze.")
    assert links[1][1].startswith("Aanwezige inwoners: ")
    # Each link leads to the field, which is described by its error next to it.
    assert f'id="{field}"' in page and 'id="id_residents_present"' in page
    assert re.search(rf'<select[^>]*aria-describedby="{field}_error"[^>]*id="{field}"', page)
    assert f'id="{field}_error"' in page
    # Nothing was saved.
    m.held.refresh_from_db()
    assert before == {
        "presence": dict(Participant.objects.filter(meeting=m.held).values_list("pk", "presence")),
        "participants": Participant.objects.count(),
        "residents": Meeting.objects.get(pk=m.held.pk).residents_present,
        "audit": AuditEvent.objects.count(),
    }
    assert not Participant.objects.filter(guest_name="Gerda Nieuwkomer").exists()


def test_an_error_of_the_whole_form_is_in_the_summary_without_a_link() -> None:
    from django import forms

    from bestuurstafel.core.forms import StyledForm

    class Small(StyledForm):
        name = forms.CharField(label="Naam")

    form = Small({"name": ""})
    form.is_valid()
    form.add_error(None, "De vergadering is afgelast.")
    lines = [(line.label, line.message, line.target) for line in form.error_summary()]
    assert lines == [
        ("", "De vergadering is afgelast.", ""),
        ("Naam", "Dit veld is verplicht.", "id_name"),
    ]


def test_the_attendance_of_locked_minutes_is_shown_as_recorded_not_as_a_form(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    Meeting.objects.filter(pk=m.held.pk).update(minutes_status="approved")
    secretary = client_for("secretary")
    path = reverse("meetings:attendance", kwargs={"slug": world.network.slug, "code": m.held.code})
    page = secretary.get(path).content.decode()
    assert "vastgesteld en op slot: de aanwezigheid blijft zoals die is vastgelegd" in page
    selects = re.findall(r"<select [^>]*>", page)
    assert selects and all(" disabled" in select for select in selects)
    assert "Aanwezigheid opslaan" not in page and "Gasten toevoegen" not in page
    # A form sent from a page opened before the approval is told why, and nothing changes.
    data = dict.fromkeys(re.findall(r'<select name="(presence_[^"]+)"', page), "absent_notice")
    response = secretary.post(path, {**data, "residents_present": "4"}, follow=True)
    assert "Het verslag van deze vergadering is vastgesteld en op slot." in (
        response.content.decode()
    )
    m.held.refresh_from_db()
    assert m.held.residents_present != 4
    assert not Participant.objects.filter(meeting=m.held, presence="absent_notice").exists()
