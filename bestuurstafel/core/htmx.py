"""Small helpers for htmx requests (no extra package needed)."""

from django.http import HttpRequest, HttpResponse


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def hx_redirect(url: str) -> HttpResponse:
    response = HttpResponse(status=204)
    response["HX-Redirect"] = url
    return response


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """The full page, or one of its partials when htmx asks for a fragment."""
    return f"{template}#{partial}" if is_htmx(request) else template
