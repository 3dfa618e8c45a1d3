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


def query_text(request: HttpRequest, name: str, *, max_length: int = 100) -> str:
    """A text from the query string that a view reads without a form: at most ``max_length``
    characters, and without NUL characters (no one types them, and PostgreSQL refuses them in a
    query, which would make a 500 of an odd link)."""
    return request.GET.get(name, "").replace("\x00", "")[:max_length]
