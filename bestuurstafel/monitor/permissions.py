"""Named predicates for the monitor. Selectors and views call these."""

from bestuurstafel.networks.access import Viewer
from bestuurstafel.networks.models import Network


def can_edit_projects(viewer: Viewer, network: Network) -> bool:
    """Projects, imports and the monitor settings: the network's editors (the core team), its
    secretaries and platform admins."""
    return viewer.is_admin or viewer.is_editor(network.pk) or viewer.is_secretary(network.pk)
