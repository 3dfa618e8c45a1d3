from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render


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
