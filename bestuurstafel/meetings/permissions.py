"""Named predicates: who may do what with meetings. Selectors and views call these.

Who may *see* an object with a confidentiality level is not decided here but in
``networks.access`` (through the selectors).
"""

from typing import Any

from bestuurstafel.networks.access import Viewer
from bestuurstafel.networks.models import Body, Network

from .models import Action, Meeting


def can_manage_body_meetings(viewer: Viewer, body: Body) -> bool:
    """Plan meetings, build the agenda, record attendance and minutes for one body.

    The network's secretary, the body's chair and the body's secretary (e.g. the secretary of a
    working group), and platform admins.
    """
    if viewer.is_admin:
        return True
    if viewer.is_secretary(body.network_id):
        return True
    if not viewer.is_in(body.network_id):
        return False
    return viewer.chairs_body(body.pk) or viewer.is_body_secretary(body.pk)


def can_manage_meeting(viewer: Viewer, meeting: Meeting) -> bool:
    return can_manage_body_meetings(viewer, meeting.body)


def can_plan_meetings(viewer: Viewer, network: Network) -> bool:
    """Create meetings in the network: for at least one body."""
    if viewer.is_admin or viewer.is_secretary(network.pk):
        return True
    managed = viewer.chaired_body_ids | viewer.secretary_body_ids
    return viewer.is_in(network.pk) and any(
        viewer.body_network_ids.get(body_id) == network.pk for body_id in managed
    )


def can_approve_minutes(viewer: Viewer, meeting: Meeting) -> bool:
    """The body's chair approves the minutes; the network's secretary records it for them."""
    if viewer.is_admin or viewer.is_secretary(meeting.network_id):
        return True
    return viewer.is_in(meeting.network_id) and viewer.chairs_body(meeting.body_id)


def can_take_part(viewer: Viewer, network: Network | Any) -> bool:
    """People with a current role in the network (members, deputies, partners, ...)."""
    network_id = network if isinstance(network, int) else network.pk
    return viewer.is_authenticated and viewer.is_in(network_id)


def can_view_actions(viewer: Viewer, network: Network) -> bool:
    return viewer.is_admin or viewer.is_in(network.pk)


def can_view_load(viewer: Viewer, network: Network) -> bool:
    return viewer.is_admin or viewer.is_in(network.pk)


def can_view_reflections(viewer: Viewer, network: Network) -> bool:
    return viewer.is_admin or viewer.is_in(network.pk)


def can_complete_action(viewer: Viewer, action: Action) -> bool:
    """The owner, a colleague of the owning organisation, or whoever manages the meeting."""
    if viewer.is_admin or viewer.is_secretary(action.network_id):
        return True
    if not viewer.is_in(action.network_id):
        return False
    if action.owner_person_id is not None and action.owner_person_id == viewer.person_id:
        return True
    organisation = viewer.organisations.get(action.network_id)
    if action.owner_organisation_id is not None and action.owner_organisation_id == organisation:
        return True
    return action.meeting is not None and can_manage_meeting(viewer, action.meeting)


def can_add_reflection(viewer: Viewer, meeting: Meeting) -> bool:
    """Participants add lessons learned once the meeting has begun."""
    return (
        viewer.person_id is not None
        and viewer.is_in(meeting.network_id)
        and meeting.has_started
        and not meeting.is_cancelled
    )
