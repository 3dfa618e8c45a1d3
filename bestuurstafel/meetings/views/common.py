"""Helpers shared by the meeting views."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from bestuurstafel.networks import selectors as network_selectors
from bestuurstafel.networks.models import Network

from .. import selectors
from ..models import Meeting


def login_if_hidden(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Anonymous visitors asking for something they cannot see are asked to log in (the same
    for something that does not exist, so nothing leaks); logged-in people get a 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise

    return wrapper


def meeting_for(request: Any, slug: str, code: Any) -> tuple[Network, Meeting]:
    network = network_selectors.network_get(slug=slug)
    return network, selectors.meeting_get_for_user(
        viewer=request.viewer, network=network, code=code
    )


def manager_meeting_for(request: Any, slug: str, code: Any) -> tuple[Network, Meeting]:
    network = network_selectors.network_get(slug=slug)
    return network, selectors.meeting_get_for_manager(
        viewer=request.viewer, network=network, code=code
    )


def back_to(request: HttpRequest, fallback: str) -> HttpResponse:
    """Redirect to the local ``next`` the form names, or to ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        path = urlsplit(target)._replace(scheme="", netloc="").geturl()
        if path.startswith("/"):  # "-1" or "home" would be taken for the name of a URL
            return HttpResponseRedirect(path)
    return redirect(fallback)
