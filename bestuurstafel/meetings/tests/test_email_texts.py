"""What the e-mails about a meeting say: subjects and plain-text bodies carry a title as it was
typed (no HTML escaping), the HTML body escapes it, and a cancellation says that its calendar
file takes the meeting out of the calendar."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from bestuurstafel.testing.world import World

from .. import notifications, services
from .factories import meetings

pytestmark = pytest.mark.django_db

TITLE = "Zorg & Welzijn <b>"
ESCAPED = "Zorg &amp; Welzijn &lt;b&gt;"
PUTS = "Met het bijgevoegde agendabestand zet u de vergadering in uw agenda."
REMOVES = "Met het bijgevoegde agendabestand haalt u de vergadering uit uw agenda."


def html_of(message: Any) -> str:
    (content, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return str(content)


def to_partner() -> Any:
    return next(m for m in mail.outbox if m.to == ["partner@test.invalid"])


def plain(text: str) -> None:
    assert "&amp;" not in text and "&lt;" not in text and "&gt;" not in text


def test_an_invitation_has_the_title_as_typed_in_the_subject_and_the_text(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    draft = meetings(world).draft
    secretary = world.users["secretary"]
    services.meeting_update(actor=secretary, meeting=draft, title=TITLE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(actor=secretary, meeting=draft)
    message = to_partner()
    assert message.subject.startswith(f"Uitnodiging: {TITLE}, ")
    assert "\n" not in message.subject
    plain(message.subject)
    assert f"\n{TITLE}\n" in message.body
    plain(message.body)
    assert PUTS in message.body and REMOVES not in message.body
    html = html_of(message)
    assert ESCAPED in html and TITLE not in html
    assert PUTS in html


def test_a_cancellation_says_its_file_removes_the_meeting_from_the_calendar(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    upcoming = meetings(world).upcoming
    secretary = world.users["secretary"]
    services.meeting_update(actor=secretary, meeting=upcoming, title=TITLE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=secretary, meeting=upcoming, reason="Ziek & zwak")
    message = to_partner()
    assert message.subject.startswith(f"Geannuleerd: {TITLE}, ")
    plain(message.subject)
    assert "Ziek & zwak" in message.body and f"\n{TITLE}\n" in message.body
    plain(message.body)
    assert REMOVES in message.body and PUTS not in message.body
    html = html_of(message)
    assert REMOVES in html and PUTS not in html
    assert ESCAPED in html and "Ziek &amp; zwak" in html
    assert "method=CANCEL" in message.attachments[0][2]


def test_an_action_reminder_has_the_description_as_typed_in_the_subject(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    action = meetings(world).member_action
    action.description = "Offerte & planning <b>"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.action_reminder(action=action, today=timezone.localdate())
    message = mail.outbox[0]
    assert message.subject.endswith(": Offerte & planning <b>")
    plain(message.subject)
    assert "Offerte & planning <b>" in message.body
    assert "Offerte &amp; planning &lt;b&gt;" in html_of(message)


def test_a_text_body_without_its_own_autoescape_off_is_not_escaped_either() -> None:
    """The network invitation's text (another app) goes through the same rendering."""
    from bestuurstafel.core.mail import queue_template

    network = SimpleNamespace(name="Zorg & Welzijn <b>", contact_name="")
    invitation = SimpleNamespace(
        given_name="Anna",
        login_only=False,
        get_role_display=lambda: "Lid",
        organisation=None,
        expires_at=timezone.now(),
    )
    email = queue_template(
        key="test:invitation",
        to=["anna@test.invalid"],
        template="networks/email/invitation",
        context={
            "network": network,
            "invitation": invitation,
            "link": "https://x.invalid/?a=1&b=2",
        },
    )
    assert email.subject == f"Uitnodiging voor {TITLE}"
    assert f"U bent uitgenodigd om als lid deel te nemen aan {TITLE}." in email.body_text
    assert "https://x.invalid/?a=1&b=2" in email.body_text
    plain(email.body_text)
