"""Who django-axes counts failed logins for: the address as the login form reads it, and the
client's IP address also behind the TLS proxy of a production set-up.

Failures are counted per address and IP address together (``AXES_LOCKOUT_PARAMETERS``). Behind
a proxy every request comes from the proxy's address, so without ``client_ip`` anyone could lock
anyone out by failing five times with their address. The client address is the one the trusted
proxy (or the last of ``TRUSTED_PROXY_COUNT`` proxies) put in X-Forwarded-For: counted from the
right, because whatever a client sends in that header itself stands to the left of it.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def throttle_username(request: HttpRequest, credentials: Any = None) -> str | None:
    """The address as the login form reads it (trimmed, lower case): other capitals of the same
    address share its five tries."""
    if credentials:
        value = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        value = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return str(value).strip().lower() if value is not None else None


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind the proxy (``BEHIND_HTTPS_PROXY``) the address the trusted proxies
    recorded in X-Forwarded-For, the ``TRUSTED_PROXY_COUNT``-th from the right."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote  # not through the expected proxies: what connected is all we know
    return forwarded[-proxies]
