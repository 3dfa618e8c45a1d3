from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .htmx import hx_redirect, is_htmx


class LanguageMiddleware:
    """Dutch unless the visitor chose English with the language switch (a cookie).

    Unlike Django's LocaleMiddleware we ignore the browser's Accept-Language: the platform is
    Dutch first, and English is a choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class HtmxRedirectMiddleware:
    """A redirect answered to an htmx request becomes a whole-page visit (``HX-Redirect``).

    The browser follows a redirect of htmx's request silently and htmx would swap what it finds
    into the fragment: after the session ended, the login page inside a card. A redirect that
    would bring the person back to the fragment's own URL afterwards (``?next=``, from the login
    or the two-factor check) brings them back to the page they were on instead, since a
    fragment's URL may take only POST.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not is_htmx(request)
            or request.headers.get("HX-Boosted")
            or not 300 <= response.status_code < 400
            or not response.has_header("Location")
        ):
            return response
        location = response["Location"]
        current = request.headers.get("HX-Current-URL")
        parts = urlsplit(location)
        query = QueryDict(parts.query, mutable=True)
        if current and query.get(REDIRECT_FIELD_NAME) == request.get_full_path():
            here = urlsplit(current)
            query[REDIRECT_FIELD_NAME] = here.path + (f"?{here.query}" if here.query else "")
            location = urlunsplit(parts._replace(query=query.urlencode(safe="/")))
        return hx_redirect(location)
