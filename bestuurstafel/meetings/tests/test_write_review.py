"""An adversarial review of the meetings app's write paths (views, forms, services).

Tests whose docstring starts with "A bug:" demonstrate a fault found by the review: they failed
before the fix that came with them. The others record an attack that found nothing, and guard
it.
"""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.networks.models import BodyMembership, BodyRole
from bestuurstafel.testing.world import World

from .. import services
from ..models import (
    Action,
    AgendaItem,
    Attachment,
    Decision,
    Meeting,
    MeetingStatus,
    MinutesSection,
    Participant,
)
from .factories import PDF, at, begin, meetings, pdf

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"meetings:{name}", kwargs={"slug": world.network.slug, **kwargs})


def hidden_inputs(html: str) -> dict[str, str]:
    """The hidden fields of a page's forms (what a browser sends back unchanged)."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        if 'type="hidden"' not in tag:
            continue
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and name.group(1) != "csrfmiddlewaretoken":
            found[name.group(1)] = value.group(1) if value else ""
    return found


def held_meeting(world: World, *, body: Any = None, days_ago: int = 2) -> Meeting:
    """A meeting of the plenary (or ``body``) held ``days_ago`` days ago, recorded, draft minutes,
    with one item."""
    secretary = world.users["secretary"]
    meeting = services.meeting_create(
        actor=secretary,
        body=body or world.plenary,
        title="Extra overleg",
        starts_at=at(-days_ago, 9),
        ends_at=at(-days_ago, 11),
    )
    services.agenda_item_add(actor=secretary, meeting=meeting, title="Opening")
    services.meeting_publish(actor=secretary, meeting=meeting)  # recorded: it is over
    return meeting


def approve_held_in_upcoming(world: World) -> AgendaItem:
    """The held meeting's minutes approved in the upcoming meeting (which has begun); the
    approval item of the upcoming meeting."""
    m = meetings(world)
    begin(m.upcoming)
    services.minutes_approve(actor=world.users["secretary"], meeting=m.held, approved_in=m.upcoming)
    return AgendaItem.objects.get(meeting=m.upcoming, minutes_of=m.held)


def partner_chairs_plenary(world: World) -> None:
    BodyMembership.objects.filter(person=world.people["partner"], body=world.plenary).update(
        role=BodyRole.CHAIR
    )
    TOTPDevice.objects.create(user=world.users["partner"], name="test", confirmed=True)


# === Findings ==================================================================================


def test_a_partner_chairing_the_body_cannot_delete_a_members_only_decision_by_its_code(
    world: World, client_for: ClientFor
) -> None:
    """A bug: ``views/minutes.decision_delete`` looks the decision up with
    ``Decision.objects.filter(meeting=..., code=...)`` instead of
    ``selectors.decision_get_for_manager``, so a partner who chairs the body (and may never see
    a "members only" decision, nor open it by its code on the edit page: test_leaks) can remove
    it. Every other write endpoint on decisions and actions goes through the selector."""
    m = meetings(world)
    partner_chairs_plenary(world)
    chair = client_for("partner")
    edit = url("decision_edit", world, code=m.held.code, decision=m.members_decision.code)
    assert chair.get(edit).status_code == 404  # the edit page does not open it
    response = chair.post(
        url("decision_delete", world, code=m.held.code, decision=m.members_decision.code)
    )
    assert response.status_code == 404
    assert Decision.objects.filter(pk=m.members_decision.pk).exists()


def test_the_item_that_approved_minutes_cannot_be_removed_afterwards(
    world: World, client_for: ClientFor
) -> None:
    """A bug: once minutes are approved in a later meeting, that meeting's item "Minutes of the
    meeting of ..." (``minutes_of``) can still be removed from its agenda (the later meeting's
    own minutes are not locked). The locked minutes then say they were approved in a meeting
    whose agenda and minutes no longer show it. ``services.agenda_item_delete`` should refuse
    an item whose ``minutes_of`` meeting has ``minutes_approved_in`` = this meeting."""
    m = meetings(world)
    approval = approve_held_in_upcoming(world)
    response = client_for("secretary").post(
        url("item_delete", world, code=m.upcoming.code, item=approval.code)
    )
    assert response.status_code == 302
    assert AgendaItem.objects.filter(pk=approval.pk).exists()


def test_the_meeting_that_approved_minutes_cannot_be_moved_before_the_meeting_it_approved(
    world: World, client_for: ClientFor
) -> None:
    """A bug: minutes are approved "in a later meeting that has begun" (``minutes_approve``),
    but ``services.meeting_update`` lets the approving meeting move afterwards to any date:
    before the meeting whose minutes it approved, or into the future. The locked minutes then
    claim an approval that the dates contradict. Moving it before an earlier meeting whose
    minutes it approved (or one whose items it took over) should be refused with a message."""
    m = meetings(world)
    approve_held_in_upcoming(world)
    m.upcoming.refresh_from_db()
    before_held = timezone.localdate() - timedelta(days=5)
    response = client_for("secretary").post(
        url("edit", world, code=m.upcoming.code),
        {
            "title": m.upcoming.title,
            "date": before_held.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "reminder_days": "7",
            "confirm": "1",
        },
    )
    assert response.status_code == 400
    m.upcoming.refresh_from_db()
    m.held.refresh_from_db()
    assert m.upcoming.starts_at > m.held.starts_at


def test_a_stale_decision_form_does_not_silently_overwrite_a_newer_correction(
    world: World, client_for: ClientFor
) -> None:
    """A bug: the notes of an item are saved with a compare-and-set on ``version`` (a second
    editor gets a 409), but a decision (and likewise an action) of the same minutes is not:
    ``services.decision_update`` / ``action_update`` and their forms carry no version, so of two
    people correcting the same decision the last one silently overwrites the other. Rule (d):
    two people editing the same minutes never silently overwrite each other."""
    m = meetings(world)
    edit = url("decision_edit", world, code=m.held.code, decision=m.public_decision.code)
    secretary, chair = client_for("secretary"), client_for("chair")
    stale = hidden_inputs(chair.get(edit).content.decode())  # the chair opens the form ...
    first = secretary.post(  # ... the secretary saves a correction meanwhile ...
        edit,
        {
            "besluit-text": "Het regioplan wordt in mei openbaar.",
            "besluit-confidentiality": "public",
        },
    )
    assert first.status_code == 302
    second = chair.post(  # ... and the chair saves the form opened before it.
        edit,
        {
            **stale,
            "besluit-text": "Het regioplan wordt openbaar gemaakt, met bijlagen.",
            "besluit-confidentiality": "public",
        },
    )
    m.public_decision.refresh_from_db()
    assert second.status_code == 409
    assert m.public_decision.text == "Het regioplan wordt in mei openbaar."
    page = second.content.decode()
    # Said at the top, with the text saved meanwhile; the chair's own text kept in the form.
    assert "Iemand anders heeft dit besluit gewijzigd" in page
    assert "Het regioplan wordt in mei openbaar." in page
    assert "Het regioplan wordt openbaar gemaakt, met bijlagen." in page
    # Saving again is a deliberate overwrite: the form now carries the saved version.
    again = chair.post(
        edit,
        {
            **hidden_inputs(page),
            "besluit-text": "Het regioplan wordt openbaar gemaakt, met bijlagen.",
            "besluit-confidentiality": "public",
        },
    )
    assert again.status_code == 302
    m.public_decision.refresh_from_db()
    assert m.public_decision.text == "Het regioplan wordt openbaar gemaakt, met bijlagen."


def test_a_stale_action_form_does_not_silently_overwrite_a_newer_correction(
    world: World, client_for: ClientFor
) -> None:
    """The same for an action (``ActionEditForm``, ``services.action_update``)."""
    m = meetings(world)
    action = m.organisation_action
    edit = url("action_edit", world, code=action.meeting.code, action=action.code)
    secretary, chair = client_for("secretary"), client_for("chair")
    stale = hidden_inputs(chair.get(edit).content.decode())
    fields = {
        "actie-owner_organisation": str(action.owner_organisation_id),
        "actie-due_date": action.due_date.isoformat(),
        "actie-confidentiality": action.confidentiality,
    }
    first = secretary.post(edit, {**fields, "actie-description": "Cijfers vóór vrijdag."})
    assert first.status_code == 302
    second = chair.post(edit, {**stale, **fields, "actie-description": "Cijfers aanleveren."})
    assert second.status_code == 409
    action.refresh_from_db()
    assert action.description == "Cijfers vóór vrijdag."
    assert "Iemand anders heeft deze actie gewijzigd" in second.content.decode()


def test_a_meeting_with_decisions_and_actions_cannot_be_cancelled(
    world: World, client_for: ClientFor
) -> None:
    """A bug: ``services.meeting_cancel`` refuses only when the minutes left draft. A meeting
    that took place, with attendance, decisions and open actions in its draft minutes, can be
    cancelled; its open actions then stay on the action list and keep being reminded, but can
    no longer be corrected or removed (``action_update`` / ``action_delete`` refuse on a
    cancelled meeting). Cancel should also refuse when the meeting has decisions or actions
    (or has ended)."""
    meeting = held_meeting(world)
    item = meeting.items.get()
    secretary = world.users["secretary"]
    services.decision_record(actor=secretary, meeting=meeting, item=item, text="Akkoord.")
    action = services.action_create(
        actor=secretary,
        meeting=meeting,
        item=item,
        description="Notitie schrijven",
        owner_person=world.people["member"],
        due_date=timezone.localdate() + timedelta(days=7),
    )
    response = client_for("secretary").post(url("cancel", world, code=meeting.code), {"reason": ""})
    meeting.refresh_from_db()
    assert response.status_code == 400
    assert meeting.status != MeetingStatus.CANCELLED
    # (Had it been cancelled, the action could no longer be removed.)
    client_for("secretary").post(url("action_delete", world, code=meeting.code, action=action.code))


def test_an_organisation_without_a_seat_in_the_body_is_not_made_owner_of_a_body_only_action(
    world: World, client_for: ClientFor
) -> None:
    """A bug: ``services._check_owner`` checks a person owner against the action's level, but an
    organisation owner only against "members only" (a partner organisation). A "body only"
    action (the default on a body-only item) can be given to an organisation none of whose
    people sit in the body: nobody there can see it, and the reminder skips them all
    (``notifications.action_reminder``), so the action is silently orphaned. The same holds for
    a request to every member organisation on such an item. The service should refuse such an
    owner (and the request skip or refuse those organisations)."""
    meeting = held_meeting(world, body=world.steering)  # seats: the member (Welzijn), the chair
    item = services.agenda_item_add(
        actor=world.users["secretary"],
        meeting=meeting,
        title="Besloten stuurgroepzaak",
        confidentiality=Confidentiality.BODY,
    )
    huisartsen = world.organisations["huisartsen"]  # represented by the colleague, no seat
    response = client_for("secretary").post(
        url("action_add", world, code=meeting.code, item=item.code),
        {
            "actie-description": "Zorgcijfers aanleveren",
            "actie-owner_organisation": str(huisartsen.pk),
            "actie-due_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "actie-confidentiality": Confidentiality.BODY,
        },
    )
    assert response.status_code == 400
    assert not Action.objects.filter(meeting=meeting, owner_organisation=huisartsen).exists()


def test_a_partner_chairing_the_body_is_not_offered_a_members_only_item_as_main_item(
    world: World, client_for: ClientFor
) -> None:
    """A bug: ``forms.AgendaItemForm`` offers every main item of the meeting under "Sub-item of"
    (``AgendaItem.objects.filter(meeting=meeting, parent__isnull=True)``, forms.py), not the
    ones the viewer may see. A partner chairing the body reads the title of a "members only"
    item in the builder's and the item page's select, and can post it as the main item of a
    new sub-item (which then takes the members-only level and vanishes from their own view).
    The choices should be the items ``selectors.agenda_for(viewer=...)`` shows."""
    m = meetings(world)
    partner_chairs_plenary(world)
    chair = client_for("partner")
    builder = chair.get(url("agenda", world, code=m.upcoming.code)).content.decode()
    item_page = chair.get(
        url("item_edit", world, code=m.upcoming.code, item=m.business.code)
    ).content.decode()
    assert "Vertrouwelijke contractering" not in builder
    assert "Vertrouwelijke contractering" not in item_page
    response = chair.post(
        url("agenda", world, code=m.upcoming.code),
        {
            "title": "Onder het besloten punt",
            "parent": str(m.members_item.pk),
            "purpose": "inform",
            "duration_minutes": "5",
            "confidentiality": "network",
        },
    )
    assert response.status_code == 400
    assert not AgendaItem.objects.filter(title="Onder het besloten punt").exists()


def test_the_attendance_form_sent_twice_adds_its_guest_once(
    world: World, client_for: ClientFor
) -> None:
    """A bug: ``services.attendance_record`` creates a guest row for every filled-in guest line,
    whatever is already recorded, so the same attendance form sent twice (a double click, the
    browser's "resend", a retry after a slow answer) lists "Wim Wethouder" twice as present, in
    the minutes, PDF and DOCX. Carrying an item over is already idempotent; attendance is not.
    Skip (or refuse) a guest whose name, organisation and item are already recorded for the
    meeting, or carry a once-only token in the form."""
    m = meetings(world)
    secretary = client_for("secretary")
    path = url("attendance", world, code=m.held.code)
    data = hidden_inputs(secretary.get(path).content.decode())
    data.update(
        {"residents_present": "4", "guest_name_1": "Wim Wethouder", "guest_organisation_1": "Zeist"}
    )
    for participant in Participant.objects.filter(meeting=m.held, person__isnull=False):
        data[f"presence_{participant.code}"] = "present"
    first = secretary.post(path, data)
    secretary.post(path, data)  # the same form again
    assert first.status_code == 302
    assert Participant.objects.filter(meeting=m.held, guest_name="Wim Wethouder").count() == 1


def test_a_request_to_every_organisation_sent_twice_is_made_once(
    world: World, client_for: ClientFor
) -> None:
    """A bug: the request form (``views/minutes.request_add`` →
    ``services.action_request_organisations``) makes a fresh ``request_code`` on every post, so
    a double submit makes every member organisation two identical actions (each reminded, each
    counted in "9 of 13 done"). The form should carry the request code (a hidden field made
    when the page is shown) and the service refuse a code that already has actions."""
    m = meetings(world)
    secretary = client_for("secretary")
    page = secretary.get(url("minutes_item", world, code=m.held.code, item=m.held_item.code))
    data = {
        k: v for k, v in hidden_inputs(page.content.decode()).items() if k.startswith("verzoek")
    }
    data.update(
        {
            "verzoek-description": "Reactie op het manifest sturen",
            "verzoek-confidentiality": "network",
            "verzoek-due_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        }
    )
    path = url("request_add", world, code=m.held.code, item=m.held_item.code)
    first, _second = (secretary.post(path, data) for _ in range(2))
    assert first.status_code == 302
    made = Action.objects.filter(meeting=m.held, description="Reactie op het manifest sturen")
    organisations = list(made.values_list("owner_organisation", flat=True))
    assert len(organisations) == len(set(organisations))


# === Attacks that found nothing (guards) =========================================================


def _upload(client: Client, world: World, meeting: Meeting, item: AgendaItem, upload: Any) -> Any:
    return client.post(
        url("attachment_add", world, code=meeting.code, item=item.code),
        {"bijlage-title": "", "bijlage-file": upload, "bijlage-confidentiality": ""},
    )


def test_uploads_with_a_wrong_type_or_odd_name_are_refused_or_stored_safely(
    world: World, client_for: ClientFor, settings: Any
) -> None:
    """Guards: a wrong extension, an HTML file named .pdf sent as application/pdf, an empty file,
    a file over the limit are refused in Dutch with nothing saved; path separators and a very
    long name end up as a plain name, stored under a random name, served as an attachment."""
    m = meetings(world)
    secretary = client_for("secretary")
    before = Attachment.objects.count()
    refused = [
        SimpleUploadedFile("script.html", b"<script>alert(1)</script>", "application/pdf"),
        SimpleUploadedFile("nep.pdf", b"<html><script>x</script>", "application/pdf"),
        SimpleUploadedFile("leeg.pdf", b"", "application/pdf"),
        SimpleUploadedFile("geen-extensie", PDF, "application/pdf"),
        SimpleUploadedFile(".pdf", PDF, "application/pdf"),
        SimpleUploadedFile("stuk.pdf.exe", PDF, "application/pdf"),
    ]
    for upload in refused:
        response = _upload(secretary, world, m.upcoming, m.business, upload)
        assert response.status_code == 400, upload.name
        assert "bijlage-file" in response.content.decode() or "Bestand" in response.content.decode()
    settings.MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (1024 * 1024 + 1), "application/pdf")
    response = _upload(secretary, world, m.upcoming, m.business, big)
    assert response.status_code == 400 and "hoogstens 1 MB" in response.content.decode()
    assert Attachment.objects.count() == before
    settings.MAX_UPLOAD_MB = 20
    odd_names = ["..\\..\\windows\\evil.pdf", "../../etc/passwd.pdf", "x" * 300 + ".pdf"]
    for name in odd_names:
        response = _upload(
            secretary, world, m.upcoming, m.business, SimpleUploadedFile(name, PDF, "text/html")
        )
        assert response.status_code == 302, name
    for attachment in Attachment.objects.filter(item=m.business).exclude(pk=m.network_file.pk):
        assert "/" not in attachment.original_name and "\\" not in attachment.original_name
        assert len(attachment.original_name) <= 255
        assert attachment.content_type == "application/pdf"
        assert re.fullmatch(
            rf"meetings/{m.upcoming.code}/[0-9a-f]{{32}}\.pdf", attachment.file.name
        )
        download = secretary.get(
            url("attachment", world, code=m.upcoming.code, attachment=attachment.code)
        )
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment;")
        assert download["Content-Type"] == "application/pdf"


def _codes(meeting: Meeting, parent: AgendaItem | None = None) -> list[str]:
    return [
        str(c)
        for c in AgendaItem.objects.filter(meeting=meeting, parent=parent)
        .order_by("position", "pk")
        .values_list("code", flat=True)
    ]


def test_reordering_with_missing_duplicate_or_foreign_codes_changes_nothing(
    world: World, client_for: ClientFor
) -> None:
    """Guards: the drag-and-drop order must name exactly the siblings; a missing, repeated,
    foreign (another meeting's), malformed or sub-item code, a foreign or malformed parent, is
    refused (409 for fetch, a message otherwise) and the order stays."""
    m = meetings(world)
    secretary = client_for("secretary")
    reorder = url("agenda_reorder", world, code=m.upcoming.code)
    order = _codes(m.upcoming)
    numbers = dict(AgendaItem.objects.filter(meeting=m.upcoming).values_list("code", "number"))
    bad_orders = [
        order[:-1],
        [*order, order[0]],
        [*order[:-1], order[0]],
        [*order[:-1], str(m.draft_item.code)],
        [*order, str(m.draft_item.code)],
        [*order, str(m.sub_item.code)],
        [*order[:-1], "niet-een-code"],
        [],
    ]
    for codes in bad_orders:
        response = secretary.post(reorder, {"item": codes}, HTTP_X_REQUESTED_WITH="fetch")
        assert response.status_code == 409, codes
        response = secretary.post(reorder, {"item": codes})
        assert response.status_code == 302, codes
    for parent in (str(m.draft_item.code), "niet-een-code", str(m.sub_item.code) + "x"):
        response = secretary.post(reorder, {"parent": parent, "item": list(reversed(order))})
        assert response.status_code == 404, parent
    assert _codes(m.upcoming) == order
    assert (
        dict(AgendaItem.objects.filter(meeting=m.upcoming).values_list("code", "number")) == numbers
    )


def test_the_agenda_of_approved_minutes_or_a_cancelled_meeting_does_not_change_by_any_route(
    world: World, client_for: ClientFor
) -> None:
    """Guards: after approval (locked) and after cancelling, every agenda route (add, edit,
    move, reorder, delete, carry, attachments) and every minutes route changes nothing."""
    m = meetings(world)
    approve_held_in_upcoming(world)
    services.meeting_cancel(actor=world.users["secretary"], meeting=m.draft)
    secretary = client_for("secretary")
    for meeting in (Meeting.objects.get(pk=m.held.pk), Meeting.objects.get(pk=m.draft.pk)):
        items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
        item = items[0]
        snapshot = list(
            AgendaItem.objects.filter(meeting=meeting).values_list("code", "title", "number")
        )
        posts = [
            (
                url("agenda", world, code=meeting.code),
                {
                    "title": "Nieuw",
                    "purpose": "inform",
                    "duration_minutes": "5",
                    "confidentiality": "network",
                },
            ),
            (
                url("item_edit", world, code=meeting.code, item=item.code),
                {
                    "title": "Anders",
                    "purpose": "inform",
                    "duration_minutes": "5",
                    "confidentiality": "network",
                },
            ),
            (url("item_move", world, code=meeting.code, item=item.code), {"direction": "down"}),
            (
                url("agenda_reorder", world, code=meeting.code),
                {"item": [str(i.code) for i in reversed([i for i in items if not i.parent_id])]},
            ),
            (url("item_delete", world, code=meeting.code, item=item.code), {}),
            (
                url("attachment_add", world, code=meeting.code, item=item.code),
                {"bijlage-file": pdf()},
            ),
            (
                url("minutes_item", world, code=meeting.code, item=item.code),
                {"text": "Overschreven", "confidentiality": "network", "version": "99"},
            ),
            (
                url("decision_add", world, code=meeting.code, item=item.code),
                {"besluit-text": "Nieuw besluit", "besluit-confidentiality": "network"},
            ),
            (
                url("attendance", world, code=meeting.code),
                {"residents_present": "99", "guest_name_1": "Laatkomer"},
            ),
        ]
        decisions = Decision.objects.filter(meeting=meeting).count()
        for path, data in posts:
            response = secretary.post(path, data)
            assert response.status_code in (302, 400, 409), path
        assert (
            list(AgendaItem.objects.filter(meeting=meeting).values_list("code", "title", "number"))
            == snapshot
        )
        assert Decision.objects.filter(meeting=meeting).count() == decisions
        assert not Participant.objects.filter(meeting=meeting, guest_name="Laatkomer").exists()
        assert not MinutesSection.objects.filter(
            item__meeting=meeting, text="Overschreven"
        ).exists()
        assert not Attachment.objects.filter(
            item__meeting=meeting, original_name="stuk.pdf"
        ).exists()


def test_ids_of_another_meeting_are_not_accepted_anywhere(
    world: World, client_for: ClientFor
) -> None:
    """Guards: an item, attachment, decision, action or guest code of another meeting, posted to
    this meeting's routes, is 404; a main item, guest's item or attendance row of another
    meeting in a form is refused or ignored."""
    m = meetings(world)
    secretary = client_for("secretary")
    other = m.upcoming  # its ids, posted to the held meeting's routes
    held = m.held
    not_found = [
        url("item_edit", world, code=held.code, item=other.items.first().code),
        url("item_delete", world, code=held.code, item=m.business.code),
        url("item_move", world, code=held.code, item=m.business.code),
        url("attachment_delete", world, code=held.code, attachment=m.network_file.code),
        url("attachment_add", world, code=held.code, item=m.business.code),
        url("minutes_item", world, code=held.code, item=m.business.code),
        url("decision_add", world, code=other.code, item=m.held_item.code),
        url("decision_delete", world, code=other.code, decision=m.public_decision.code),
        url("decision_edit", world, code=other.code, decision=m.public_decision.code),
        url("action_edit", world, code=other.code, action=m.member_action.code),
        url("action_delete", world, code=other.code, action=m.member_action.code),
        url("guest_remove", world, code=other.code, guest=m.guest.code),
        url("item_carry", world, code=other.code, item=m.held_item.code),
    ]
    for path in not_found:
        assert secretary.post(path, {"direction": "up"}).status_code == 404, path
    assert Participant.objects.filter(pk=m.guest.pk).exists()
    assert Decision.objects.filter(pk=m.public_decision.pk).exists()
    assert Action.objects.filter(pk=m.member_action.pk).exists()
    # A main item of another meeting for a new item: refused.
    response = secretary.post(
        url("agenda", world, code=m.draft.code),
        {
            "title": "Sub",
            "parent": str(m.business.pk),
            "purpose": "inform",
            "duration_minutes": "5",
            "confidentiality": "network",
        },
    )
    assert response.status_code == 400
    # A guest for an item of another meeting, a presence row of another meeting: refused / ignored.
    member_row = Participant.objects.get(meeting=other, person=world.people["member"])
    response = secretary.post(
        url("attendance", world, code=held.code),
        {
            "residents_present": "1",
            "guest_name_1": "Gast",
            "guest_item_1": str(m.business.code),
            f"presence_{member_row.code}": "absent_no_notice",
        },
    )
    assert response.status_code == 400
    member_row.refresh_from_db()
    assert member_row.presence != "absent_no_notice"
    # A carry-over to a meeting of another body: not among the choices.
    steering = services.meeting_create(
        actor=world.users["secretary"],
        body=world.steering,
        title="Stuurgroep",
        starts_at=at(20, 10),
        ends_at=at(20, 11),
    )
    response = secretary.post(
        url("item_carry", world, code=held.code, item=m.held_item.code),
        {"meeting": str(steering.pk)},
    )
    assert response.status_code == 400
    assert not steering.items.exists()


def test_members_and_partners_change_nothing_a_manager_changes(
    world: World, client_for: ClientFor
) -> None:
    """Guards: a member or partner of the body gets 403 on every management route, and may not
    mark someone else's action done; the member may mark their own."""
    m = meetings(world)
    for persona in ("member", "partner"):
        client = client_for(persona)
        posts = [
            url("agenda", world, code=m.upcoming.code),
            url("agenda_reorder", world, code=m.upcoming.code),
            url("item_move", world, code=m.upcoming.code, item=m.business.code),
            url("item_delete", world, code=m.upcoming.code, item=m.business.code),
            url("attachment_add", world, code=m.upcoming.code, item=m.business.code),
            url("attachment_delete", world, code=m.upcoming.code, attachment=m.network_file.code),
            url("attendance", world, code=m.held.code),
            url("minutes_item", world, code=m.held.code, item=m.held_item.code),
            url("decision_add", world, code=m.held.code, item=m.held_item.code),
            url("decision_delete", world, code=m.held.code, decision=m.public_decision.code),
            url("action_delete", world, code=m.held.code, action=m.member_action.code),
            url("minutes_send", world, code=m.held.code),
            url("minutes_approve", world, code=m.held.code),
            url("cancel", world, code=m.upcoming.code),
            url("publish", world, code=m.upcoming.code),
            url("edit", world, code=m.upcoming.code),
            url("guest_remove", world, code=m.held.code, guest=m.guest.code),
        ]
        for path in posts:
            assert client.post(path, {"direction": "down"}).status_code == 403, (persona, path)
    partner = client_for("partner")
    done = url("action_status", world, code=m.member_action.code)
    assert partner.post(done, {"done": "1"}).status_code == 403
    assert client_for("outsider").post(done, {"done": "1"}).status_code == 404
    m.member_action.refresh_from_db()
    assert m.member_action.status == "open"
    assert client_for("member").post(done, {"done": "1"}).status_code == 302
    m.member_action.refresh_from_db()
    assert m.member_action.status == "done"


def test_renumbering_after_move_and_delete_keeps_items_and_attachments_in_agenda_order(
    world: World, client_for: ClientFor
) -> None:
    """Guards: after Up/Down, a drag and drop, a sub-item made a main item and a delete, the
    items are numbered 1..n (2.1 for a sub-item) and "Bijlage n" follows the agenda order across
    the meeting."""
    m = meetings(world)
    secretary = client_for("secretary")
    extra = services.attachment_add(
        actor=world.users["secretary"], item=m.opening, title="Presentielijst", upload=pdf()
    )

    def files() -> list[tuple[str, int]]:
        return list(
            Attachment.objects.filter(item__meeting=m.upcoming)
            .order_by("number")
            .values_list("title", "number")
        )

    assert files() == [("Presentielijst", 1), ("Jaarverslag", 2), ("Geheime offerte", 3)]
    secretary.post(
        url("item_move", world, code=m.upcoming.code, item=m.members_item.code), {"direction": "up"}
    )
    secretary.post(
        url("item_move", world, code=m.upcoming.code, item=m.members_item.code), {"direction": "up"}
    )
    assert files() == [("Presentielijst", 1), ("Geheime offerte", 2), ("Jaarverslag", 3)]
    order = _codes(m.upcoming)
    secretary.post(
        url("agenda_reorder", world, code=m.upcoming.code), {"item": list(reversed(order))}
    )
    assert files() == [("Jaarverslag", 1), ("Geheime offerte", 2), ("Presentielijst", 3)]
    secretary.post(url("item_delete", world, code=m.upcoming.code, item=m.business.code))
    assert files() == [("Geheime offerte", 1), ("Presentielijst", 2)]
    numbers = list(
        AgendaItem.objects.filter(meeting=m.upcoming)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == ["1", "2", "2.1", "3"]  # the previous minutes, the members item, opening
    assert extra.pk  # (still there)


def test_a_stale_minutes_save_gets_a_409_and_keeps_the_text(
    world: World, client_for: ClientFor
) -> None:
    """Guards rule (d) for the notes: the second editor gets 409, their text kept in the form,
    nothing overwritten; a huge or negative version is a conflict or a refusal, never a 500."""
    m = meetings(world)
    path = url("minutes_item", world, code=m.held.code, item=m.held_item.code)
    secretary, chair = client_for("secretary"), client_for("chair")
    version = str(MinutesSection.objects.get(item=m.held_item).version)
    first = secretary.post(
        path, {"text": "Eerste", "confidentiality": "network", "version": version}
    )
    assert first.status_code == 302
    second = chair.post(path, {"text": "Tweede", "confidentiality": "network", "version": version})
    assert second.status_code == 409 and "Tweede" in second.content.decode()
    assert MinutesSection.objects.get(item=m.held_item).text == "Eerste"
    for odd in ("9" * 40, "-1", "1e3"):
        response = chair.post(path, {"text": "Derde", "confidentiality": "network", "version": odd})
        assert response.status_code in (400, 409), odd
    assert MinutesSection.objects.get(item=m.held_item).text == "Eerste"


def test_an_action_without_an_owner_or_with_a_foreign_owner_is_refused(
    world: World, client_for: ClientFor
) -> None:
    """Guards: no owner, both owners, an organisation or a person of another network, a
    deadline outside 2000-2100: a Dutch message, nothing saved."""
    m = meetings(world)
    secretary = client_for("secretary")
    path = url("action_add", world, code=m.held.code, item=m.held_item.code)
    base = {"actie-description": "Iets doen", "actie-confidentiality": "network"}
    attempts = [
        {},
        {
            "actie-owner_person": str(world.people["member"].pk),
            "actie-owner_organisation": str(world.organisations["welzijn"].pk),
        },
        {"actie-owner_organisation": str(world.organisations["stad"].pk)},
        {"actie-owner_person": str(world.people["outsider"].pk)},
        {"actie-owner_person": str(world.people["member"].pk), "actie-due_date": "1999-12-31"},
        {"actie-owner_person": str(world.people["member"].pk), "actie-due_date": "9999-12-31"},
        {"actie-owner_person": str(world.people["member"].pk), "actie-due_date": "10000-01-01"},
    ]
    before = Action.objects.count()
    for extra in attempts:
        response = secretary.post(path, {**base, **extra})
        assert response.status_code == 400, extra
    assert Action.objects.count() == before
    response = secretary.post(
        url("request_add", world, code=m.held.code, item=m.held_item.code),
        {"verzoek-description": "Reageren", "verzoek-confidentiality": "network"},
    )
    assert response.status_code == 400 and Action.objects.count() == before


def test_odd_meeting_times_are_refused_without_a_500(world: World, client_for: ClientFor) -> None:
    """Guards: an end before the start across midnight, a meeting of 100 years, dates outside
    2000-2100, a series that runs past 2100 or ends before it starts: 400, nothing saved."""
    secretary = client_for("secretary")
    base = {
        "body": str(world.plenary.pk),
        "title": "Laat overleg",
        "reminder_days": "7",
        "confirm": "1",
    }
    before = Meeting.objects.count()
    for extra in [
        {"date": "2030-03-01", "start_time": "23:00", "end_time": "01:00"},
        {
            "date": "2030-03-01",
            "end_date": "2030-02-28",
            "start_time": "10:00",
            "end_time": "12:00",
        },
        {
            "date": "2000-01-01",
            "end_date": "2100-12-31",
            "start_time": "10:00",
            "end_time": "12:00",
        },
        {"date": "1999-12-31", "start_time": "10:00", "end_time": "12:00"},
        {
            "date": "2030-03-01",
            "start_time": "10:00",
            "end_time": "12:00",
            "reminder_days": "99999",
        },
    ]:
        response = secretary.post(url("create", world), {**base, **extra})
        assert response.status_code == 400, extra
    series = {
        "body": str(world.plenary.pk),
        "title": "Reeks",
        "start_time": "10:00",
        "end_time": "12:00",
        "unit": "months",
        "reminder_days": "7",
        "confirm": "1",
    }
    for extra in [
        {"first_date": "2099-01-01", "every": "12", "count": "24"},
        {"first_date": "2030-01-01", "every": "0", "count": "4"},
        {"first_date": "2030-01-01", "every": "1", "count": "999999999999"},
    ]:
        response = secretary.post(url("series", world), {**series, **extra})
        assert response.status_code == 400, extra
    assert Meeting.objects.count() == before
