"""Documents and calendars: the agenda PDF, the minutes as DOCX and PDF, and iCalendar feeds."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from bestuurstafel.core.http import AuthenticatedHttpRequest, ViewerHttpRequest
from bestuurstafel.networks import selectors as network_selectors
from bestuurstafel.networks.access import ANONYMOUS, Viewer, viewer_for_user
from bestuurstafel.networks.models import Body, Network

from .. import documents, ical, selectors, services
from ..models import CalendarToken, Meeting
from .common import login_if_hidden, meeting_for


def _reader(request: Any) -> str:
    return request.user.display_name if request.user.is_authenticated else _("a visitor")


def _file(content: bytes, content_type: str, name: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # filename="..." for a plain name, filename*=utf-8''... for one with accents or quotes.
    response["Content-Disposition"] = content_disposition_header(not inline, name) or ""
    response["Cache-Control"] = "private, no-store"
    return response


@login_if_hidden
def agenda_pdf(request: ViewerHttpRequest, slug: str, code: Any) -> HttpResponse:
    _network, meeting = meeting_for(request, slug, code)
    agenda = selectors.agenda_for(viewer=request.viewer, meeting=meeting)
    pdf = documents.agenda_pdf(
        agenda, reader=_reader(request), online=request.user.is_authenticated
    )
    return _file(pdf, "application/pdf", documents.filename(meeting, _("Agenda"), "pdf"))


@login_if_hidden
def minutes_pdf(request: ViewerHttpRequest, slug: str, code: Any) -> HttpResponse:
    _network, meeting = meeting_for(request, slug, code)
    minutes = selectors.minutes_for(viewer=request.viewer, meeting=meeting)
    pdf = documents.minutes_pdf(
        minutes, reader=_reader(request), online=request.user.is_authenticated
    )
    return _file(pdf, "application/pdf", documents.filename(meeting, _("Minutes"), "pdf"))


@login_if_hidden
def minutes_docx(request: ViewerHttpRequest, slug: str, code: Any) -> HttpResponse:
    _network, meeting = meeting_for(request, slug, code)
    minutes = selectors.minutes_for(viewer=request.viewer, meeting=meeting)
    content = documents.minutes_docx(
        minutes, reader=_reader(request), online=request.user.is_authenticated
    )
    return _file(content, documents.DOCX_TYPE, documents.filename(meeting, _("Minutes"), "docx"))


def _events(viewer: Viewer, meetings: list[Meeting]) -> list[Any]:
    agendas = selectors.feed_agendas(viewer=viewer, meetings=meetings)
    events = []
    for meeting in meetings:
        url = f"{_site()}{meeting.get_absolute_url()}"
        events.append(
            ical.meeting_event(
                meeting, agendas.get(meeting.pk, []), url=url, online=viewer.is_authenticated
            )
        )
    return events


def _site() -> str:
    return settings.SITE_ROOT


def _language_of(user: Any) -> str:
    """The language a user chose (``User.language``): a calendar app fetches a feed behind a
    calendar key without the language cookie."""
    return user.language or settings.LANGUAGE_CODE


def _calendar(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    response["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
    response["Content-Disposition"] = content_disposition_header(False, name) or ""
    response["Cache-Control"] = "private, no-cache"
    return response


@login_if_hidden
def meeting_ics(request: ViewerHttpRequest, slug: str, code: Any) -> HttpResponse:
    """One meeting, to add to a calendar by hand."""
    _network, meeting = meeting_for(request, slug, code)
    if meeting.is_draft:
        raise Http404
    content = ical.calendar(_events(request.viewer, [meeting]), name=meeting.title)
    return _calendar(content, documents.filename(meeting, _("Meeting"), "ics"))


def feed_network(request: ViewerHttpRequest, slug: str) -> HttpResponse:
    """The network's public meetings, with their public items: the same for everyone."""
    network = network_selectors.network_get(slug=slug)
    meetings = selectors.feed_meetings(viewer=ANONYMOUS, network=network)
    name = _("Public meetings of %(network)s") % {"network": network.label}
    return _calendar(ical.calendar(_events(ANONYMOUS, meetings), name=name), f"{network.slug}.ics")


@never_cache
def feed_body(request: ViewerHttpRequest, slug: str, body: str) -> HttpResponse:
    """A body's meetings as the reader may see them: the logged-in visitor, or the owner of a
    personal calendar key (``?sleutel=``) for a calendar app that cannot log in."""
    network = network_selectors.network_get(slug=slug)
    the_body = network_selectors.body_get(network=network, slug=body)
    viewer: Viewer = request.viewer
    language = translation.get_language() or settings.LANGUAGE_CODE
    if key := request.GET.get("sleutel"):
        owner = selectors.calendar_token_get(token=key).user
        viewer, language = viewer_for_user(owner), _language_of(owner)
    with translation.override(language):
        meetings = selectors.feed_meetings(viewer=viewer, body=the_body)
        name = f"{the_body.name} ({network.label})"
        content = ical.calendar(_events(viewer, meetings), name=name)
        return _calendar(content, f"{the_body.slug}.ics")


@never_cache
def feed_personal(request: ViewerHttpRequest, token: str) -> HttpResponse:
    """A person's meetings and action deadlines, behind a secret address they can revoke; in
    their language."""
    found = selectors.calendar_token_get(token=token)
    viewer = viewer_for_user(found.user)
    if viewer.person_id is None:
        raise Http404
    with translation.override(_language_of(found.user)):
        meetings = selectors.feed_meetings(viewer=viewer, person_id=viewer.person_id)
        events = _events(viewer, meetings)
        for action in selectors.feed_actions(viewer=viewer, person_id=viewer.person_id):
            url = f"{_site()}{reverse('meetings:actions', kwargs={'slug': action.network.slug})}"
            events.append(ical.action_event(action, url=url))
        CalendarToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return _calendar(
            ical.calendar(events, name=_("My meetings (Bestuurstafel)")), "bestuurstafel.ics"
        )


NEW_TOKEN = "meetings:new-calendar-token"  # noqa: S105 (a session key, not a secret)


@login_required
def calendar_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make, renew or revoke the secret address of one's calendar feed.

    A new address is shown once, on the page the POST redirects to (it waits in the session for
    that one showing): reloading that page never makes yet another address behind the user's
    back."""
    new_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(actor=request.user)
            messages.success(request, _("Your calendar address no longer works."))
            return redirect("meetings:calendar_link")
        request.session[NEW_TOKEN] = services.calendar_token_create(actor=request.user)
        return redirect("meetings:calendar_link")
    token = request.session.pop(NEW_TOKEN, None)
    if token:
        new_url = request.build_absolute_uri(
            reverse("meetings:feed_personal", kwargs={"token": token})
        )
    current = selectors.calendar_token_for(viewer=request.viewer)
    bodies = (
        Body.objects.filter(pk__in=request.viewer.body_ids)
        .select_related("network")
        .order_by("network__name", "position")
    )
    networks = Network.objects.filter(pk__in=request.viewer.network_ids).order_by("name")
    return render(
        request,
        "meetings/calendar_link.html",
        {
            "current": current,
            "new_url": new_url,
            "token": token,
            "bodies": bodies,
            "networks": networks,
        },
    )
