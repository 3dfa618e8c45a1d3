"""Outgoing e-mail: stored first, then delivered by the background task worker.

Callers build the message for one recipient at a time from what that recipient may see (the
selectors); this module only stores and delivers. Queueing the same ``key`` twice is a no-op, and
delivery marks the row as sent so a retried task never sends it again.
"""

from dataclasses import dataclass

from django.db import transaction
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutboundEmail


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


def queue(
    *,
    key: str,
    to: list[str],
    subject: str,
    text: str,
    html: str = "",
    attachments: list[Attachment] | None = None,
    headers: dict[str, str] | None = None,
) -> OutboundEmail:
    email, created = OutboundEmail.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": subject,
            "body_text": text,
            "body_html": html,
            "attachments": [a.__dict__ for a in attachments or []],
            "headers": headers or {},
        },
    )
    if created:
        from .tasks import deliver_email

        transaction.on_commit(lambda: deliver_email.enqueue(email_id=email.pk))
    return email


def render_plain(template: str, context: dict[str, object]) -> str:
    """Render a plain-text template (a subject, a text body) without HTML autoescaping: a title
    "Zorg & Welzijn" stays itself instead of becoming "Zorg &amp; Welzijn"."""
    return Engine.get_default().get_template(template).render(Context(context, autoescape=False))


def queue_template(
    *,
    key: str,
    to: list[str],
    template: str,
    context: dict[str, object],
    language: str = "nl",
    attachments: list[Attachment] | None = None,
    headers: dict[str, str] | None = None,
) -> OutboundEmail:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` as plain text (not escaped; the
    subject on one line) and ``<template>.html`` as HTML (escaped)."""
    with translation.override(language):
        subject = " ".join(render_plain(f"{template}_subject.txt", context).split())
        text = render_plain(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return queue(
        key=key,
        to=to,
        subject=subject,
        text=text,
        html=html,
        attachments=attachments,
        headers=headers,
    )
