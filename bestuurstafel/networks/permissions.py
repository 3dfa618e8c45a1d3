"""Named predicates: who may do what in a network. Selectors and views call these."""

from .access import Viewer
from .models import Body, Network


def can_view_directory(viewer: Viewer, network: Network) -> bool:
    """Who-is-who, people's pages and body composition: anyone with a current role."""
    return viewer.is_admin or viewer.is_in(network.pk)


def can_manage_network(viewer: Viewer, network: Network) -> bool:
    """Organisations, people, roles, bodies, invitations and the audit log."""
    return viewer.is_admin or viewer.is_secretary(network.pk)


def can_view_body_composition(viewer: Viewer, body: Body) -> bool:
    return can_view_directory(viewer, body.network)


def can_view_audit_log(viewer: Viewer, network: Network) -> bool:
    return can_manage_network(viewer, network)
