"""Keep ``Meeting.updated_at`` the version of everything the meeting page shows.

The meeting page caches its agenda, decisions and invitees per audience, keyed on the meeting's
``updated_at`` (see ``views.meetings._detail_context``). Every saved or deleted item,
attachment, decision or participant therefore touches its meeting, whichever way it is
written (the services, the Django admin); the services' bulk updates call ``touch_meeting``
themselves, because bulk updates send no signals. A person or organisation saved (a new name)
touches the meetings that show it: as presenter, invitee, deputy or invitee's organisation.
An item carried to a later meeting touches the earlier one too, and a meeting saved touches the
meetings its items were carried from or to (their pages name it, to whoever may see it).
"""

from typing import Any

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from bestuurstafel.networks.models import Organisation, Person

from .models import AgendaItem, Attachment, Decision, Meeting, Participant


def touch_meeting(meeting_id: int | None) -> None:
    if meeting_id is not None:
        Meeting.objects.filter(pk=meeting_id).update(updated_at=timezone.now())


def _touch(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Attachment):
        meeting_id = (
            AgendaItem.objects.filter(pk=instance.item_id)
            .values_list("meeting_id", flat=True)
            .first()
        )
    else:
        meeting_id = instance.meeting_id
    touch_meeting(meeting_id)
    if isinstance(instance, AgendaItem) and instance.carried_from_id is not None:
        # The earlier meeting's page says where its item went ("carried to ...").
        touch_meeting(
            AgendaItem.objects.filter(pk=instance.carried_from_id)
            .values_list("meeting_id", flat=True)
            .first()
        )


def _touch_linked(sender: Any, instance: Meeting, created: bool = False, **kwargs: Any) -> None:
    """A meeting saved (published, moved, cancelled) changes what the pages of the meetings its
    items were carried from or to say: the date, and whether the reader may see the meeting."""
    if created:
        return
    linked = Meeting.objects.filter(
        Q(items__carried_to__meeting=instance) | Q(items__carried_from__meeting=instance)
    ).exclude(pk=instance.pk)
    Meeting.objects.filter(pk__in=linked.values("pk")).update(updated_at=timezone.now())


def _touch_showing(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("created"):
        return  # nothing shows a new person or organisation yet
    if isinstance(instance, Person):
        shown = (
            Q(items__presenter=instance)
            | Q(participants__person=instance)
            | Q(participants__deputy=instance)
        )
    else:
        shown = Q(participants__organisation=instance)
    meetings = Meeting.objects.filter(shown).values("pk")
    Meeting.objects.filter(pk__in=meetings).update(updated_at=timezone.now())


def connect() -> None:
    post_save.connect(_touch_linked, sender=Meeting, dispatch_uid="touch-linked-meetings")
    for model in (AgendaItem, Attachment, Decision, Participant):
        post_save.connect(_touch, sender=model, dispatch_uid=f"touch-meeting-{model.__name__}")
        post_delete.connect(_touch, sender=model, dispatch_uid=f"untouch-meeting-{model.__name__}")
    for shown in (Person, Organisation):
        post_save.connect(
            _touch_showing, sender=shown, dispatch_uid=f"touch-meetings-{shown.__name__}"
        )
