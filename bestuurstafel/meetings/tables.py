"""The decision list and the action list as spreadsheet rows (``core.tables`` writes them).

The rows hold what the list page shows the same viewer: the caller passes what the selectors
found, with ``decorate_decisions`` applied, so a decision's item stays out where the viewer may
not see it.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurstafel.core.confidentiality import Confidentiality

from .models import Action, Decision, MinutesStatus


def decision_columns() -> list[str]:
    return [
        _("Date"),
        _("Body"),
        _("Item"),
        _("Decision"),
        _("Who may see it"),
        _("Minutes"),
        _("Link"),
    ]


def decision_rows(decisions: Iterable[Decision], *, base_url: str) -> Iterator[list[Any]]:
    for decision in decisions:
        meeting = decision.meeting
        visible = getattr(decision, "meeting_visible", False)
        item = decision.item if getattr(decision, "item_visible", False) else None
        yield [
            timezone.localdate(meeting.starts_at),
            meeting.body.name,
            f"{item.number}. {item.title}" if item is not None else "",
            decision.text,
            Confidentiality(decision.confidentiality).label,
            MinutesStatus(meeting.minutes_status).label,
            base_url + meeting.get_absolute_url() if visible else "",
        ]


def action_columns() -> list[str]:
    return [
        _("What"),
        _("Who"),
        _("Deadline"),
        _("Status"),
        _("Done on"),
        _("Body"),
        _("Meeting"),
        _("Who may see it"),
        _("Link"),
    ]


def action_rows(actions: Iterable[Action], *, base_url: str) -> Iterator[list[Any]]:
    for action in actions:
        meeting = action.meeting
        yield [
            action.description,
            action.owner_label,
            action.due_date,
            action.state_label,
            timezone.localdate(action.completed_at) if action.completed_at else None,
            meeting.body.name if meeting is not None else "",
            timezone.localdate(meeting.starts_at) if meeting is not None else None,
            Confidentiality(action.confidentiality).label,
            base_url + meeting.get_absolute_url() if meeting is not None else "",
        ]
