"""The demo rebuilds the ZOUV plenary of 9 October 2025 as the product brief describes it."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from bestuurstafel.meetings.models import Action, AgendaItem, Attachment, Meeting, Participant
from bestuurstafel.meetings.selectors import member_organisations

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("load_demo", quiet=True, verbosity=0)


def reference() -> Meeting:
    return Meeting.objects.get(network__slug="zouv", starts_at__date=date(2025, 10, 9))


def test_the_reference_plenary_has_its_nine_items_and_presenters(demo: None) -> None:
    meeting = reference()
    assert (meeting.body.slug, meeting.status) == ("breed-bestuurlijk-overleg", "published")
    assert meeting.starts_at.hour == 9 and meeting.hours == 2  # 11:00-13:00 Amsterdam (UTC+2)
    assert "Bilthoven" in meeting.location and meeting.chair.family_name == "Verhoef"
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    assert [i.title for i in items] == [
        "Welkom",
        "Landelijke ontwikkelingen",
        "Fundament Arbeidsmarkt",
        "Manifest ‘ZOU doen we het samen’",
        "Dashboard Monitor IZA/GALA",
        "Voornaamste successen",
        "Utrechtse Fabriek voor Zorgtransformatie",
        "Met elkaar in gesprek",
        "Afronding en rondvraag",
    ]
    assert [i.number for i in items] == [str(n) for n in range(1, 10)]
    assert all(i.presenter_label for i in items)
    assert items[6].presenter is None and items[6].confidentiality == "members"


def test_the_three_attachments_are_real_pdfs_with_their_titles(demo: None) -> None:
    files = list(Attachment.objects.filter(item__meeting=reference()).order_by("number"))
    assert [(f.number, f.item.number) for f in files] == [(1, "4"), (2, "4"), (3, "7")]
    assert "Begeleidende brief" in files[0].title and "Manifest" in files[1].title
    assert "Presentatie" in files[2].title and files[2].confidentiality == "members"
    for attachment in files:
        with attachment.file.open("rb") as stored:
            text = PdfReader(io.BytesIO(stored.read())).pages[0].extract_text()
        assert f"Bijlage {attachment.number}" in text


def test_attendance_minutes_decisions_and_actions(demo: None) -> None:
    meeting = reference()
    assert meeting.residents_present == 6 and meeting.minutes_status == "sent"
    new = Participant.objects.get(meeting=meeting, is_new_member=True)
    assert new.organisation.name == "Apothekers Zuidoost Utrecht"
    assert Participant.objects.filter(meeting=meeting, presence="absent_notice").count() == 3
    assert meeting.decisions.count() == 5
    manifest = Action.objects.filter(meeting=meeting, request_code__isnull=False)
    organisations = member_organisations(network=meeting.network)
    assert {a.owner_organisation for a in manifest} == set(organisations)
    assert {a.due_date for a in manifest} == {date(2025, 11, 14)}
    assert meeting.reflections.count() == 4


def test_the_manifest_is_carried_to_the_draft_meeting_of_18_december(demo: None) -> None:
    december = Meeting.objects.get(network__slug="zouv", starts_at__date=date(2025, 12, 18))
    assert december.status == "draft"
    carried = AgendaItem.objects.get(meeting=december, carried_from__meeting=reference())
    assert carried.carried_from.title.startswith("Manifest") and carried.purpose == "sign"
    assert AgendaItem.objects.filter(meeting=december, minutes_of=reference()).exists()
    earlier = Meeting.objects.filter(
        network__slug="zouv",
        body__slug="breed-bestuurlijk-overleg",
        starts_at__lt=reference().starts_at,
    )
    assert earlier.count() == 2 and all(m.minutes_status == "approved" for m in earlier)
    assert Meeting.objects.filter(network__slug="bestuurstafel-gezond-utrecht").exists()
