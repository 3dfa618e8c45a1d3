from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


def home(request: HttpRequest) -> HttpResponse:
    """Where a login lands: a member's start page when an app registered one."""
    from .navigation import start_page

    target = start_page() if request.user.is_authenticated else None
    return redirect(target or "networks:home")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the app runs and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token (``CSRF_FAILURE_VIEW``).

    Mostly a page left open for a long time, or cookies removed (logged out in another window):
    say so in the interface's language and layout, say that nothing was saved, and offer the way
    back to the page the form was on. Rendering the page gives the browser a new token, so a
    second try from that page works.
    """
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return render(request, "403_csrf.html", {"back": back}, status=403)
