import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from bestuurstafel.core import mail as outbox
from bestuurstafel.core.models import OutboundEmail
from bestuurstafel.core.tasks import deliver_email


@pytest.mark.django_db
def test_queueing_the_same_key_twice_sends_once(django_capture_on_commit_callbacks) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.queue(key="k1", to=["a@test.invalid"], subject="Hallo", text="Tekst")
        second = outbox.queue(key="k1", to=["a@test.invalid"], subject="Anders", text="Anders")
    assert first.pk == second.pk
    assert [m.subject for m in mail.outbox] == ["Hallo"]


@pytest.mark.django_db
def test_a_retried_task_never_sends_twice() -> None:
    mail.outbox.clear()
    email = OutboundEmail.objects.create(
        key="k2", to=["a@test.invalid"], subject="S", body_text="T"
    )
    assert deliver_email.call(email_id=email.pk) == "sent"
    assert deliver_email.call(email_id=email.pk) == "already sent"
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1


@pytest.mark.django_db
def test_attachments_and_html_go_along() -> None:
    mail.outbox.clear()
    email = OutboundEmail.objects.create(
        key="k3",
        to=["a@test.invalid"],
        subject="S",
        body_text="T",
        body_html="<p>T</p>",
        attachments=[
            {
                "filename": "uitnodiging.ics",
                "content": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                "mimetype": "text/calendar",
            }
        ],
    )
    deliver_email.call(email_id=email.pk)
    message = mail.outbox[0]
    assert message.alternatives[0][1] == "text/html"
    assert message.attachments[0][0] == "uitnodiging.ics"


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_delivers_queued_mail() -> None:
    """With the real backend: the task is stored, and the worker (db_worker) sends it."""
    mail.outbox.clear()
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        outbox.queue(key="k4", to=["a@test.invalid"], subject="Via de worker", text="T")
        assert mail.outbox == []
        from django_tasks_db.models import DBTaskResult

        assert DBTaskResult.objects.count() == 1
        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Via de worker"]
    assert OutboundEmail.objects.get(key="k4").sent_at is not None
