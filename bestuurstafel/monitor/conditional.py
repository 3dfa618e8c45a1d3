"""Conditional requests (ETag / Last-Modified) for the monitor's public pages, map and API.

The validator is the moment anything the monitor shows last changed (``Version``, one query: a
project, the monitor settings, the network, one of its organisations, the municipalities'
names and boundaries imported into ``geo``), combined with what else makes the response differ:
who asks (the public, or which user in which role), the language, the query string and whether
htmx asked for a fragment. A change bumps the version, so a client holding an old copy gets the
new one; a client whose copy is current gets a 304 after one query. The ETag is weak: pages
carry a per-request CSRF mask, so they are equivalent, not byte-equal.

The moment is the audience's (``Version.moment_for``): those who do not see the network's
network-level projects (the public, outsiders, the embed) get the last change the public sees,
so that neither validator tells them that, and when, a hidden project was edited.
"""

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from bestuurstafel.core.htmx import is_htmx
from bestuurstafel.networks.access import ANONYMOUS

from .selectors import Version


def audience(request: HttpRequest, version: Version, *, public_only: bool = False) -> str:
    if public_only:
        return "public"
    if not request.user.is_authenticated:
        return "public"
    viewer = request.viewer  # type: ignore[attr-defined]
    role = viewer.role_in(version.network_id) or "-"
    return f"user:{viewer.user.pk}:{role}:{int(viewer.is_admin)}"


def validators(
    request: HttpRequest, version: Version, *, kind: str, public_only: bool = False, extra: str = ""
) -> tuple[str, int | None]:
    # The embed shows what the public sees whoever asks: no need to work out who that is.
    viewer = ANONYMOUS if public_only else request.viewer  # type: ignore[attr-defined]
    moment = version.moment_for(viewer, public_only=public_only)
    key = "|".join(
        (
            kind,
            str(version.network_id),
            moment.isoformat() if moment else "-",
            audience(request, version, public_only=public_only),
            getattr(request, "LANGUAGE_CODE", ""),
            "htmx" if is_htmx(request) else "page",
            request.META.get("QUERY_STRING", ""),
            extra,
        )
    )
    etag = 'W/"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
    last_modified = int(moment.timestamp()) if moment else None
    return etag, last_modified


def not_modified(
    request: HttpRequest, version: Version, *, kind: str, public_only: bool = False, extra: str = ""
) -> HttpResponseBase | None:
    """A 304 (or 412) when the client's copy is current; None when the view must answer."""
    etag, last_modified = validators(
        request, version, kind=kind, public_only=public_only, extra=extra
    )
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None:
        _headers(response, etag, last_modified, request, version, public_only=public_only)
    return response


def finish(
    request: HttpRequest,
    response: HttpResponse,
    version: Version,
    *,
    kind: str,
    public_only: bool = False,
    extra: str = "",
) -> HttpResponse:
    """Add the validators and the caching rules to a full response."""
    etag, last_modified = validators(
        request, version, kind=kind, public_only=public_only, extra=extra
    )
    _headers(response, etag, last_modified, request, version, public_only=public_only)
    return response


def _headers(
    response: Any,
    etag: str,
    last_modified: int | None,
    request: HttpRequest,
    version: Version,
    *,
    public_only: bool,
) -> None:
    response.headers["ETag"] = etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified)
    # Always revalidate (a change must show at once); only the browser keeps a member's copy.
    public = audience(request, version, public_only=public_only) == "public"
    response.headers["Cache-Control"] = "no-cache" if public else "private, no-cache"
    patch_vary_headers(response, ("Cookie", "HX-Request"))
