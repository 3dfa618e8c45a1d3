from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .access import viewer_for_user


class ViewerMiddleware:
    """Attach ``request.viewer``: who asks, with their current roles (built on first use)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.viewer = SimpleLazyObject(lambda: viewer_for_user(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
