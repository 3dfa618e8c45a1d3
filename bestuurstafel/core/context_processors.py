from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site_name": "Bestuurstafel",
        "site_root": settings.SITE_ROOT,
    }
