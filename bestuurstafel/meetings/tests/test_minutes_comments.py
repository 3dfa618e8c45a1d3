"""Comments on minutes sent for comment: the invitees write them on the minutes page, the
secretariat reads them all and marks them processed; nobody else reads them."""

import io
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from bestuurstafel.core.models import AuditEvent, OutboundEmail
from bestuurstafel.meetings import services
from bestuurstafel.meetings.models import Meeting, MinutesComment
from bestuurstafel.networks.models import Person
from bestuurstafel.testing.world import World

from .factories import begin, meetings

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, **kwargs})


def page_of(client: Client, world: World) -> str:
    response = client.get(url("minutes", world, code=meetings(world).held.code))
    assert response.status_code == 200
    return response.content.decode()


def test_an_invitee_comments_on_an_item_and_the_secretariat_processes_it(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    partner = client_for("partner")
    page = page_of(partner, world)
    assert "Uw opmerkingen op het verslag" in page
    assert "de andere genodigden zien ze niet" in page
    response = partner.post(
        url("minutes_comment_add", world, code=m.held.code),
        {"item": str(m.held_item.code), "text": "Mijn organisatie heette toen nog anders."},
    )
    assert response.status_code == 302 and response["Location"].endswith("#comments")
    comment = MinutesComment.objects.get(author=world.people["partner"])
    assert comment.item == m.held_item and not comment.is_handled
    assert AuditEvent.objects.filter(action="meetings.minutes_comment_add").count() == 2
    # The secretariat sees every comment with its item and author; the count says how many.
    sheet = page_of(client_for("secretary"), world)
    assert "2 opmerkingen, 2 nog niet verwerkt" in sheet
    assert "Mijn organisatie heette toen nog anders." in sheet
    assert "Het regioplan wordt in mei openbaar, niet in april." in sheet
    assert "2 opmerkingen zijn nog niet verwerkt." in sheet  # beside "approve"
    # The meeting page's Secretariat card points there too; a member's page does not.
    detail = url("detail", world, code=m.held.code)
    assert "2 opmerkingen op het verslag nog niet verwerkt" in (
        client_for("secretary").get(detail).content.decode()
    )
    assert "op het verslag nog niet verwerkt" not in (
        client_for("member").get(detail).content.decode()
    )
    handled = client_for("secretary").post(
        url("minutes_comment_handle", world, code=m.held.code, comment=comment.code),
        {"handled": "1"},
    )
    assert handled.status_code == 302
    comment.refresh_from_db()
    assert comment.is_handled and comment.handled_by == world.users["secretary"]
    assert "2 opmerkingen, 1 nog niet verwerkt" in page_of(client_for("secretary"), world)
    # The author sees it processed and can no longer withdraw it.
    page = page_of(partner, world)
    assert "Verwerkt" in page and "Intrekken" not in page
    client_for("secretary").post(
        url("minutes_comment_handle", world, code=m.held.code, comment=comment.code),
        {"handled": "0"},
    )
    comment.refresh_from_db()
    assert not comment.is_handled


def test_each_invitee_reads_only_their_own_comments(world: World, client_for: ClientFor) -> None:
    page = page_of(client_for("partner"), world)
    assert "Het regioplan wordt in mei openbaar" not in page  # the member's comment
    assert "Het regioplan wordt in mei openbaar" in page_of(client_for("member"), world)
    # A reader who was not invited (the platform admin) reads none and cannot comment.
    admin = page_of(client_for("admin"), world)
    assert "Het regioplan wordt in mei openbaar" in admin  # the admin manages every meeting
    assert "Uw opmerkingen op het verslag" not in admin


def test_a_comment_on_an_item_the_author_may_not_see_is_refused(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    # The members-only item is not among the partner's choices, and a forged post is refused.
    page = page_of(client_for("partner"), world)
    assert str(m.held_members_item.code) not in page
    response = client_for("partner").post(
        url("minutes_comment_add", world, code=m.held.code),
        {"item": str(m.held_members_item.code), "text": "Ik zie dit punt niet."},
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    with pytest.raises(ValidationError) as error:
        services.minutes_comment_add(
            actor=world.users["partner"],
            meeting=m.held,
            author=world.people["partner"],
            item=m.held_members_item,
            text="Ik zie dit punt niet.",
        )
    assert "Kies een punt van dit verslag." in str(error.value)
    assert not MinutesComment.objects.filter(author=world.people["partner"]).exists()


def test_an_empty_or_long_comment_is_explained_and_nothing_saved(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    before = MinutesComment.objects.count()
    empty = client_for("member").post(
        url("minutes_comment_add", world, code=m.held.code), {"item": "", "text": "  "}
    )
    assert empty.status_code == 400 and "Dit veld is verplicht" in empty.content.decode()
    long = client_for("member").post(
        url("minutes_comment_add", world, code=m.held.code), {"item": "", "text": "x" * 2001}
    )
    assert long.status_code == 400 and "2000" in long.content.decode()
    assert MinutesComment.objects.count() == before


def test_comments_are_taken_only_while_the_minutes_are_sent_for_comment(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    # Not for a meeting whose minutes are still a draft (the upcoming one) ...
    with pytest.raises(ValidationError, match="zolang het verslag voor commentaar"):
        services.minutes_comment_add(
            actor=world.users["member"],
            meeting=m.upcoming,
            author=world.people["member"],
            text="Te vroeg",
        )
    # ... nor from someone who was not invited ...
    outsider = Person.objects.create(given_name="Olga", family_name="Buiten", email="o@t.invalid")
    with pytest.raises(ValidationError, match="Alleen wie voor deze vergadering"):
        services.minutes_comment_add(
            actor=None, meeting=m.held, author=outsider, text="Ik was er niet"
        )
    # ... nor once they are approved: then they are locked, comments included.
    services.minutes_approve(
        actor=world.users["chair"], meeting=m.held, approved_in=begin(m.upcoming)
    )
    response = client_for("member").post(
        url("minutes_comment_add", world, code=m.held.code), {"item": "", "text": "Te laat"}
    )
    assert response.status_code == 403
    withdraw = client_for("member").post(
        url("minutes_comment_withdraw", world, code=m.held.code, comment=m.member_comment.code),
        follow=True,
    )
    assert "zolang het verslag voor commentaar" in withdraw.content.decode()
    handle = client_for("secretary").post(
        url("minutes_comment_handle", world, code=m.held.code, comment=m.member_comment.code),
        {"handled": "1"},
        follow=True,
    )
    assert "vastgesteld en op slot" in handle.content.decode()
    assert MinutesComment.objects.filter(pk=m.member_comment.pk, handled_at=None).exists()
    # The locked minutes list the comments without a to-do that can no longer be done.
    sheet = client_for("secretary").get(url("minutes", world, code=m.held.code)).content.decode()
    count = MinutesComment.objects.filter(meeting=m.held).count()
    assert f'href="#comments">{count} opmerking' in sheet
    assert "nog niet verwerkt" not in sheet
    comment = sheet[sheet.index(f'id="comment-{m.member_comment.code}"') :]
    comment = comment[: comment.index("</li>")]
    assert '<span class="bt-badge">Niet verwerkt</span>' in comment and "Open" not in comment


def test_the_author_withdraws_an_unprocessed_comment(world: World, client_for: ClientFor) -> None:
    m = meetings(world)
    page = page_of(client_for("member"), world)
    assert "Intrekken" in page
    response = client_for("member").post(
        url("minutes_comment_withdraw", world, code=m.held.code, comment=m.member_comment.code),
        follow=True,
    )
    assert "Uw opmerking is ingetrokken." in response.content.decode()
    assert not MinutesComment.objects.filter(pk=m.member_comment.pk).exists()
    assert AuditEvent.objects.filter(action="meetings.minutes_comment_withdraw").exists()


def test_the_minutes_page_runs_a_fixed_number_of_queries(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)

    def count(persona: str) -> int:
        client = client_for(persona)
        path = url("minutes", world, code=m.held.code)
        client.get(path)
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return len(context.captured_queries)

    few = {persona: count(persona) for persona in ("secretary", "member")}
    for n in range(15):
        for persona in ("member", "partner", "chair"):
            services.minutes_comment_add(
                actor=world.users[persona],
                meeting=m.held,
                author=world.people[persona],
                item=m.held_item if n % 2 else None,
                text=f"Opmerking {n}",
            )
    assert Meeting.objects.get(pk=m.held.pk).minutes_comments.count() == 46
    assert {persona: count(persona) for persona in ("secretary", "member")} == few


def test_the_minutes_email_sends_invitees_to_the_page_and_others_to_the_secretariat(
    world: World,
) -> None:
    m = meetings(world)
    sent = OutboundEmail.objects.filter(key__startswith=f"meetings:{m.held.code}:minutes-sent")
    member = sent.get(to=["lid@test.invalid"])
    assert "Geef uw opmerkingen op de pagina van het verslag door" in member.body_text
    assert "/verslag/" in member.body_text
    # Cor Collega has no login: he cannot open the page, so he writes to the secretariat.
    colleague = sent.get(to=["collega@test.invalid"])
    assert "Stuur uw commentaar aan het secretariaat" in colleague.body_text
    assert "/verslag/" not in colleague.body_text + colleague.body_html


def test_the_start_page_lists_the_minutes_waiting_for_my_comments(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    page = client_for("member").get(reverse("meetings:dashboard")).content.decode()
    assert "Verslagen voor uw commentaar" in page
    assert url("minutes", world, code=m.held.code) + "#comments" in page
    assert "u gaf 1 opmerking" in page
    partner = client_for("partner").get(reverse("meetings:dashboard")).content.decode()
    assert "nog geen opmerkingen van u" in partner
    # Not for the secretary, who writes the minutes (nor does the minutes page offer a form).
    secretary = client_for("secretary").get(reverse("meetings:dashboard")).content.decode()
    assert "Verslagen voor uw commentaar" not in secretary
    assert "Opmerking versturen" not in page_of(client_for("secretary"), world)
    # Not once the minutes are approved.
    services.minutes_approve(
        actor=world.users["chair"], meeting=m.held, approved_in=begin(m.upcoming)
    )
    page = client_for("member").get(reverse("meetings:dashboard")).content.decode()
    assert "Verslagen voor uw commentaar" not in page


def test_comments_stay_out_of_the_documents_and_away_from_visitors(
    world: World, client_for: ClientFor
) -> None:
    m = meetings(world)
    # The Word and PDF minutes are the minutes, not the remarks on them.
    secretary = client_for("secretary")
    docx = secretary.get(url("minutes_docx", world, code=m.held.code))
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    assert "in mei openbaar" not in "\n".join(p.text for p in document.paragraphs)
    pdf = secretary.get(url("minutes_pdf", world, code=m.held.code))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Het regioplan is besproken." in text and "in mei openbaar" not in text
    # Minutes of a public meeting are open to visitors; the comments on them are not.
    Meeting.objects.filter(pk=m.public.pk).update(minutes_status="sent")
    m.public.refresh_from_db()
    services.minutes_comment_add(
        actor=world.users["member"],
        meeting=m.public,
        author=world.people["member"],
        text="Alleen voor het secretariaat bedoeld.",
    )
    for persona in ("anonymous", "outsider", "partner"):
        response = client_for(persona).get(url("minutes", world, code=m.public.code))
        assert response.status_code == 200, persona
        assert "Alleen voor het secretariaat bedoeld." not in response.content.decode(), persona
    feed = client_for("anonymous").get(
        reverse("meetings:feed_network", kwargs={"slug": "zuidoost"})
    )
    assert b"Alleen voor het secretariaat" not in feed.content
