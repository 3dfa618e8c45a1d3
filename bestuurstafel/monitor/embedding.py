"""Which sites may put the dashboard in an iframe: the network's configured origins.

The whole site sends ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``; only the embed view
is exempt from X-Frame-Options and gets a Content-Security-Policy whose ``frame-ancestors`` lists
this site and the network's allowed origins (Django's CSP middleware reads ``_csp_config``, the
attribute ``csp_override`` sets, from the response).
"""

from typing import Any

from django.conf import settings
from django.utils.csp import CSP

from .selectors import Monitor


def frame_ancestors(monitor: Monitor) -> list[str]:
    return [CSP.SELF, *monitor.settings.embed_origins]


def allow_framing(response: Any, monitor: Monitor) -> None:
    response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": frame_ancestors(monitor)}
