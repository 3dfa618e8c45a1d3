from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .models import OutboundEmail


@task()
def deliver_email(*, email_id: int) -> str:
    """Send one stored e-mail once. A second run for the same row sends nothing."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            return "missing"
        if email.sent_at is not None:
            return "already sent"
        email.attempts += 1
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.body_text, to=email.to, headers=email.headers
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        for attachment in email.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        try:
            message.send()
        except Exception as exc:
            email.last_error = str(exc)[:2000]
            email.save(update_fields=["attempts", "last_error"])
            raise
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "sent_at", "last_error"])
    return "sent"
