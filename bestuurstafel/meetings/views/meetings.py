"""Meetings: the list, one meeting, planning, publishing, answering, and the member's start page."""

from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurstafel.core.forms import (
    add_service_errors,
    error_status,
    message_service_errors,
    valid_filters,
)
from bestuurstafel.core.htmx import is_htmx, template_for
from bestuurstafel.core.http import AuthenticatedHttpRequest, ViewerHttpRequest
from bestuurstafel.core.pagination import paginate
from bestuurstafel.networks import permissions as network_permissions
from bestuurstafel.networks import selectors as network_selectors
from bestuurstafel.networks.models import Body, Network, Person

from .. import permissions, selectors, services
from ..forms import CancelForm, MeetingFilterForm, MeetingForm, RsvpForm, SeriesForm
from ..models import Meeting, MeetingStatus, MinutesStatus, Rsvp
from ..workdays import day_off
from .common import login_if_hidden, manager_meeting_for, meeting_for


def _managed_bodies(request: AuthenticatedHttpRequest, network: Network) -> Any:
    viewer = request.viewer
    bodies = Body.objects.filter(network=network).order_by("position", "name")
    if viewer.is_admin or viewer.is_secretary(network.pk):
        return bodies
    return bodies.filter(pk__in=viewer.chaired_body_ids | viewer.secretary_body_ids)


def meeting_list(request: ViewerHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    form = MeetingFilterForm(request.GET or None, network=network)
    filters = valid_filters(form)
    body = None
    if filters.get("orgaan"):
        body = network_selectors.body_get(network=network, slug=filters["orgaan"])
    meetings = selectors.meeting_list_for_user(
        viewer=request.viewer, network=network, body=body, when=filters.get("wanneer") or "upcoming"
    )
    page = paginate(request, meetings, per_page=30)
    return render(
        request,
        template_for(request, "meetings/meeting_list.html", "results"),
        {
            "network": network,
            "form": form,
            "page": page,
            "can_plan": permissions.can_plan_meetings(request.viewer, network),
            "can_take_part": permissions.can_take_part(request.viewer, network),
        },
    )


def _detail_context(request: Any, network: Network, meeting: Meeting) -> dict[str, Any]:
    """The meeting page. The agenda, the decisions and the invitees are the same for everyone
    with the same ``audience`` and are cached per audience by the template (keyed on the
    meeting's ``updated_at``, which every change to them touches); they are read lazily, so a
    cached page does not query them at all."""
    viewer = request.viewer
    mine = selectors.own_participation(viewer=viewer, meeting=meeting)
    # Only a row that stands in for someone can give a deputy's seat (one query, deputies only).
    standing_in = (
        mine is not None
        and mine.stands_in_for_id is not None
        and selectors.stands_in(viewer, meeting)
    )
    can_manage = permissions.can_manage_meeting(viewer, meeting)
    rsvp_form = None
    if (
        mine is not None
        and mine.stands_in_for_id is None
        and meeting.status == MeetingStatus.PUBLISHED
        and not meeting.has_started
    ):
        rsvp_form = RsvpForm(
            initial={
                "answer": mine.rsvp if mine.rsvp != Rsvp.NO_ANSWER else None,
                "deputy": mine.deputy_id,
                "note": mine.rsvp_note,
            },
            deputies=selectors.deputy_choices(viewer=viewer, meeting=meeting),
            deputy_outside=selectors.named_deputy_outside(viewer=viewer, meeting=meeting),
        )
    return {
        "network": network,
        "meeting": meeting,
        "mine": mine,
        "rsvp_form": rsvp_form,
        "standing_in": standing_in,
        "audience": selectors.meeting_audience(viewer, meeting, standing_in=standing_in),
        "agenda": SimpleLazyObject(lambda: selectors.agenda_for(viewer=viewer, meeting=meeting)),
        "decisions": SimpleLazyObject(
            lambda: selectors.decisions_for(viewer=viewer, meeting=meeting)
        ),
        "invitees": SimpleLazyObject(
            lambda: selectors.invitees_for(viewer=viewer, meeting=meeting)
        ),
        "actions": SimpleLazyObject(
            lambda: selectors.group_requests(
                _with_permissions(request, selectors.actions_for(viewer=viewer, meeting=meeting))
            )
        ),
        "can_manage": can_manage,
        "can_manage_network": can_manage
        and network_permissions.can_manage_network(viewer, network),
        "without_login": selectors.invitees_without_login(meeting) if can_manage else 0,
        "open_comments": (
            selectors.open_minutes_comments(meeting)
            if can_manage and meeting.minutes_status == MinutesStatus.SENT
            else 0
        ),
        "minutes_readable": selectors.minutes_can_read(viewer, meeting),
    }


@login_if_hidden
def detail(request: ViewerHttpRequest, slug: str, code: Any) -> HttpResponse:
    network, meeting = meeting_for(request, slug, code)
    return render(
        request, "meetings/meeting_detail.html", _detail_context(request, network, meeting)
    )


def _with_permissions(request: Any, actions: list[Any]) -> list[Any]:
    for action in actions:
        action.can_complete = permissions.can_complete_action(request.viewer, action)
    return actions


@login_required
@require_POST
def rsvp(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    network, meeting = meeting_for(request, slug, code)
    person = Person.objects.filter(pk=request.viewer.person_id or 0).first()
    if person is None:
        raise PermissionDenied
    form = RsvpForm(
        request.POST,
        deputies=selectors.deputy_choices(viewer=request.viewer, meeting=meeting),
        deputy_outside=selectors.named_deputy_outside(viewer=request.viewer, meeting=meeting),
    )
    saved = False
    if form.is_valid():
        try:
            services.rsvp_answer(
                actor=request.user,
                meeting=meeting,
                person=person,
                answer=form.cleaned_data["answer"],
                deputy=form.cleaned_data["deputy"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            saved = True
    if saved and not is_htmx(request):
        messages.success(request, _("Thank you, your answer has been saved."))
        return redirect(meeting.get_absolute_url() + "#rsvp")
    if saved:
        meeting.refresh_from_db(fields=["updated_at"])
    context = _detail_context(request, network, meeting)
    if not saved:
        if context["rsvp_form"] is None and not is_htmx(request):
            # The meeting has begun (or the person is not invited): show why, on the page.
            # In place (htmx) the form below says it itself; a message would wait for the
            # next page and say it again there.
            for error in form.non_field_errors():
                messages.error(request, str(error))
            return redirect(meeting.get_absolute_url())
        context["rsvp_form"] = form
    else:
        context["saved"] = True
        # In place, the counts of who comes change with the answer: sent along out of band
        # (with the meeting's new "updated" time, the key of their cached fragment).
        context["people_oob"] = is_htmx(request)
    return render(
        request,
        template_for(request, "meetings/meeting_detail.html", "rsvp"),
        context,
        status=200 if saved else 400,
    )


def _check_panel(
    request: AuthenticatedHttpRequest,
    network: Network,
    body: Body,
    data: dict[str, Any],
    exclude: Meeting | None,
) -> dict[str, Any]:
    """Conflicts and the load the planned meeting adds, shown before saving."""
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    conflicts = selectors.conflicts_for(
        viewer=request.viewer, body=body, starts_at=starts_at, ends_at=ends_at, exclude=exclude
    )
    people = list(selectors.expected_people(body).values_list("pk", flat=True))
    year = timezone.localtime(starts_at).year
    hours = (ends_at - starts_at).total_seconds() / 3600
    # A change within the same year adds no meeting, only the difference in hours.
    already = exclude is not None and timezone.localtime(exclude.starts_at).year == year
    if already:
        assert exclude is not None
        hours -= (exclude.ends_at - exclude.starts_at).total_seconds() / 3600
    load = selectors.meeting_load(
        viewer=request.viewer,
        network=network,
        year=year,
        people=people,
        adding_hours=hours,
        adding_meetings=0 if already else 1,
    )
    return {
        "conflicts": conflicts,
        "load": load,
        "checked": True,
        "changing": already,
        "planned_at": starts_at,
        "day_off": day_off(timezone.localtime(starts_at).date()),
    }


@login_required
def create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    if not permissions.can_plan_meetings(request.viewer, network):
        raise PermissionDenied
    bodies = _managed_bodies(request, network)
    context: dict[str, Any] = {"network": network}
    if request.method == "POST":
        form = MeetingForm(request.POST, network=network, bodies=bodies)
        if form.is_valid():
            body = form.cleaned_data["body"]
            if "confirm" in request.POST:
                try:
                    meeting = services.meeting_create(
                        actor=request.user, body=body, **form.service_fields()
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(
                        request, _("The meeting has been planned. Now build its agenda.")
                    )
                    return redirect("meetings:agenda", slug=network.slug, code=meeting.code)
            else:
                context.update(_check_panel(request, network, body, form.cleaned_data, None))
    else:
        initial: dict[str, Any] = {"reminder_days": 7}
        if bodies.count() == 1:
            initial["body"] = bodies.first()
            initial["title"] = bodies.first().name
        form = MeetingForm(initial=initial, network=network, bodies=bodies)
    context["form"] = form
    return render(
        request,
        template_for(request, "meetings/meeting_form.html", "check"),
        context,
        status=error_status(form),
    )


@login_required
def series_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    if not permissions.can_plan_meetings(request.viewer, network):
        raise PermissionDenied
    bodies = _managed_bodies(request, network)
    context: dict[str, Any] = {"network": network}
    if request.method == "POST":
        form = SeriesForm(request.POST, bodies=bodies)
        if form.is_valid():
            data = form.cleaned_data
            if "confirm" in request.POST:
                try:
                    series = services.meeting_series_create(
                        actor=request.user,
                        body=data["body"],
                        title=data["title"],
                        first_date=data["first_date"],
                        start_time=data["start_time"],
                        end_time=data["end_time"],
                        every=data["every"],
                        unit=data["unit"],
                        count=data["count"],
                        location=data["location"],
                        online_url=data["online_url"],
                        is_public=data["is_public"],
                        reminder_days=data["reminder_days"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(
                        request,
                        _("%(count)s meetings have been planned as drafts.")
                        % {"count": series.meetings.count()},
                    )
                    return redirect(
                        reverse("meetings:list", kwargs={"slug": network.slug})
                        + "?wanneer=upcoming"
                    )
            else:
                planned = []
                for day in form.dates():
                    starts_at = timezone.make_aware(datetime.combine(day, data["start_time"]))
                    ends_at = timezone.make_aware(datetime.combine(day, data["end_time"]))
                    planned.append(
                        {
                            "starts_at": starts_at,
                            "ends_at": ends_at,
                            "day_off": day_off(day),
                            "conflicts": selectors.conflicts_for(
                                viewer=request.viewer,
                                body=data["body"],
                                starts_at=starts_at,
                                ends_at=ends_at,
                            ),
                        }
                    )
                days_off = sum(1 for p in planned if p["day_off"])
                context.update({"planned": planned, "checked": True, "days_off": days_off})
    else:
        form = SeriesForm(bodies=bodies)
    context["form"] = form
    return render(request, "meetings/series_form.html", context, status=error_status(form))


@login_required
def edit(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    context: dict[str, Any] = {"network": network, "meeting": meeting}
    if request.method == "POST":
        form = MeetingForm(request.POST, network=network, bodies=Body.objects.none(), editing=True)
        if form.is_valid():
            if "confirm" in request.POST:
                try:
                    services.meeting_update(
                        actor=request.user, meeting=meeting, **form.service_fields()
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    if meeting.status == MeetingStatus.PUBLISHED:
                        messages.success(
                            request,
                            _(
                                "The meeting has been saved; invitees get a calendar update if "
                                "its time, place or title changed."
                            ),
                        )
                    else:
                        messages.success(request, _("The meeting has been saved."))
                    return redirect(meeting.get_absolute_url())
            else:
                context.update(
                    _check_panel(request, network, meeting.body, form.cleaned_data, meeting)
                )
    else:
        form = MeetingForm(
            initial=MeetingForm.initial_for(meeting),
            network=network,
            bodies=Body.objects.none(),
            editing=True,
        )
    context["form"] = form
    return render(
        request,
        template_for(request, "meetings/meeting_form.html", "check"),
        context,
        status=error_status(form),
    )


@login_required
@require_POST
def publish(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    try:
        services.meeting_publish(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(
            request,
            _(
                "The meeting has been recorded; no invitations were sent, as it is over. Its "
                "attendance and minutes can now be written."
            )
            if meeting.has_ended
            else _("The agenda has been published and the invitations are being sent (%(count)s).")
            % {"count": meeting.participants.count()},
        )
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def send_update(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    try:
        sent = services.meeting_send_update(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(
            request, _("The updated agenda is being sent to %(count)s invitees.") % {"count": sent}
        )
    return redirect(meeting.get_absolute_url())


@login_required
def cancel(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting has been cancelled."))
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "meetings/meeting_cancel.html",
        {"network": network, "meeting": meeting, "form": form},
        status=error_status(form),
    )


@login_required
def load(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    network = network_selectors.network_get(slug=slug)
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("jaar", this_year))
    except ValueError:
        year = this_year
    if not this_year - 10 <= year <= this_year + 5:
        year = this_year
    result = selectors.meeting_load(viewer=request.viewer, network=network, year=year)
    return render(
        request,
        "meetings/load.html",
        {
            "network": network,
            "load": result,
            "years": list(range(this_year - 2, this_year + 2)),
        },
    )


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    board = selectors.dashboard_for(viewer=request.viewer)
    _with_permissions(request, board.actions)
    _with_permissions(request, board.organisation_actions)
    return render(
        request,
        "meetings/dashboard.html",
        {"board": board, "soon": timezone.now() + timedelta(days=14)},
    )
