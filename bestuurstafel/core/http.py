from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from bestuurstafel.accounts.models import User
    from bestuurstafel.networks.access import Viewer


class AuthenticatedHttpRequest(HttpRequest):
    user: "User"
    viewer: "Viewer"


class ViewerHttpRequest(HttpRequest):
    """Any request: ``viewer`` says who asks (possibly an anonymous visitor)."""

    viewer: "Viewer"
