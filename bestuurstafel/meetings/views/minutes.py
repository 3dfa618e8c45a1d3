"""At and after the meeting: attendance, minutes per item, decisions, actions, approval, and
the participants' lessons learned."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurstafel.core.forms import add_service_errors, error_status, message_service_errors
from bestuurstafel.core.http import AuthenticatedHttpRequest, ViewerHttpRequest
from bestuurstafel.networks.models import Network, Person

from .. import permissions, selectors, services
from ..forms import (
    ActionEditForm,
    ActionForm,
    ApproveForm,
    AttendanceForm,
    DecisionEditForm,
    DecisionForm,
    MinutesCommentForm,
    MinutesSectionForm,
    ReflectionForm,
    RequestForm,
)
from ..models import AgendaItem, Meeting, MinutesStatus
from .common import login_if_hidden, manager_meeting_for, meeting_for


def _minutes_url(meeting: Meeting, item: AgendaItem | None = None) -> str:
    url = reverse("meetings:minutes", kwargs={"slug": meeting.network.slug, "code": meeting.code})
    return f"{url}#item-{item.code}" if item is not None else url


def _item_url(meeting: Meeting, item: AgendaItem) -> str:
    return reverse(
        "meetings:minutes_item",
        kwargs={"slug": meeting.network.slug, "code": meeting.code, "item": item.code},
    )


@login_required
def attendance(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    participants = selectors.participants_for(viewer=request.viewer, meeting=meeting)
    items = selectors.agenda_for(viewer=request.viewer, meeting=meeting).flat
    here = reverse("meetings:attendance", kwargs={"slug": network.slug, "code": meeting.code})
    if request.method == "POST" and meeting.minutes_locked:
        # The page offers no save then; a form sent from an older page is told why.
        messages.error(request, _("The minutes of this meeting are approved and locked."))
        return redirect(here)
    if request.method == "POST":
        form = AttendanceForm(request.POST, participants=participants, items=items)
        if form.is_valid():
            rows = [
                services.AttendanceRow(
                    participant=participant,
                    presence=form.cleaned_data[f"presence_{participant.code}"],
                    is_new_member=form.cleaned_data[f"new_{participant.code}"],
                )
                for participant in form.participants
            ]
            try:
                services.attendance_record(
                    actor=request.user,
                    meeting=meeting,
                    rows=rows,
                    residents_present=form.cleaned_data["residents_present"],
                    guests=form.guests(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The attendance has been saved."))
                return redirect(here)
    else:
        form = AttendanceForm(
            initial=AttendanceForm.initial_for(meeting, participants),
            participants=participants,
            items=items,
        )
        if meeting.minutes_locked:  # shown as recorded, not as a form to fill in
            for field in form.fields.values():
                field.disabled = True
    return render(
        request,
        "meetings/attendance.html",
        {
            "network": network,
            "meeting": meeting,
            "form": form,
            "guests": [p for p in participants if p.is_guest],
        },
        status=error_status(form),
    )


@login_required
@require_POST
def guest_remove(
    request: AuthenticatedHttpRequest, slug: str, code: Any, guest: Any
) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    participant = meeting.participants.filter(code=guest, person__isnull=True).first()
    if participant is None:
        raise Http404
    try:
        services.guest_remove(actor=request.user, participant=participant)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(request, _("The guest has been removed."))
    return redirect(
        reverse("meetings:attendance", kwargs={"slug": network.slug, "code": meeting.code})
    )


@login_if_hidden
def minutes(request: ViewerHttpRequest, slug: str, code: Any) -> HttpResponse:
    network, meeting = meeting_for(request, slug, code)
    return _minutes_page(request, network, meeting)


def _approval(viewer: Any, meeting: Meeting) -> dict[str, Any]:
    """The approval form, for who may approve minutes sent for comment: the meetings that have
    begun, the one whose agenda carries the approval first; and that meeting if it has not."""
    can_approve = permissions.can_approve_minutes(viewer, meeting)
    if not (can_approve and meeting.minutes_status == MinutesStatus.SENT):
        return {"can_approve": can_approve}
    later = selectors.later_meetings(meeting=meeting)
    planned = later.filter(items__minutes_of=meeting).first()
    begun = selectors.later_meetings(meeting=meeting, begun=True)
    return {
        "can_approve": can_approve,
        "approval_at": planned,
        "approve_form": ApproveForm(
            meetings=begun,
            initial={"approved_in": planned if planned in begun else begun.first()},
        ),
        "approve_choices": begun.exists(),
    }


def _minutes_page(
    request: ViewerHttpRequest | AuthenticatedHttpRequest,
    network: Network,
    meeting: Meeting,
    *,
    comment_form: MinutesCommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    result = selectors.minutes_for(viewer=request.viewer, meeting=meeting)
    can_manage = permissions.can_manage_meeting(request.viewer, meeting)
    comments = selectors.minutes_comments_for(viewer=request.viewer, meeting=meeting)
    can_comment = selectors.can_comment_on_minutes(request.viewer, meeting)
    return render(
        request,
        "meetings/minutes.html",
        {
            "network": network,
            "meeting": meeting,
            "minutes": result,
            "rows": [(item, result.for_item(item)) for item in result.agenda.flat],
            "can_manage": can_manage,
            **_approval(request.viewer, meeting),
            "comments": comments,
            "open_comments": sum(1 for c in comments if not c.is_handled),
            "can_comment": can_comment,
            "comment_form": comment_form
            or (MinutesCommentForm(items=result.agenda.flat) if can_comment else None),
        },
        status=status,
    )


def _comments_url(meeting: Meeting) -> str:
    return _minutes_url(meeting) + "#comments"


@login_required
@require_POST
def minutes_comment_add(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    network, meeting = meeting_for(request, slug, code)
    if not selectors.can_comment_on_minutes(request.viewer, meeting):
        raise PermissionDenied
    items = selectors.agenda_for(viewer=request.viewer, meeting=meeting).flat
    form = MinutesCommentForm(request.POST, items=items)
    if form.is_valid():
        author = Person.objects.get(pk=request.viewer.person_id or 0)
        try:
            services.minutes_comment_add(
                actor=request.user,
                meeting=meeting,
                author=author,
                item=form.cleaned_data["item"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your comment has been sent to the secretariat."))
            return redirect(_comments_url(meeting))
    return _minutes_page(request, network, meeting, comment_form=form, status=400)


@login_required
@require_POST
def minutes_comment_handle(
    request: AuthenticatedHttpRequest, slug: str, code: Any, comment: Any
) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    found = selectors.minutes_comment_get(
        viewer=request.viewer, meeting=meeting, code=selectors.parse_code(comment), own=False
    )
    handled = request.POST.get("handled") != "0"
    try:
        services.minutes_comment_handle(actor=request.user, comment=found, handled=handled)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(
            request,
            _("The comment is marked as processed.")
            if handled
            else _("The comment is open again."),
        )
    return redirect(_comments_url(meeting))


@login_required
@require_POST
def minutes_comment_withdraw(
    request: AuthenticatedHttpRequest, slug: str, code: Any, comment: Any
) -> HttpResponse:
    _network, meeting = meeting_for(request, slug, code)
    found = selectors.minutes_comment_get(
        viewer=request.viewer, meeting=meeting, code=selectors.parse_code(comment), own=True
    )
    try:
        services.minutes_comment_withdraw(actor=request.user, comment=found)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(request, _("Your comment has been withdrawn."))
    return redirect(_comments_url(meeting))


def _item_forms(meeting: Meeting, item: AgendaItem, **bound: Any) -> dict[str, Any]:
    return {
        "decision_form": bound.get("decision_form") or DecisionForm(item=item),
        "action_form": bound.get("action_form") or ActionForm(network=meeting.network, item=item),
        "request_form": bound.get("request_form") or RequestForm(item=item),
    }


def _item_page(
    request: AuthenticatedHttpRequest,
    network: Network,
    meeting: Meeting,
    item: AgendaItem,
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    section = selectors.section_for_item(item)
    form = extra.pop("form", None) or MinutesSectionForm(
        initial={
            "text": section.text if section else "",
            "confidentiality": section.confidentiality if section else item.confidentiality,
            "version": section.version if section else 0,
        }
    )
    context = {
        "network": network,
        "meeting": meeting,
        "item": item,
        "section": section,
        "form": form,
        "carried_to": selectors.carried_to_for_manager(item=item),
        "decisions": [
            d
            for d in selectors.decisions_for(viewer=request.viewer, meeting=meeting)
            if d.item_id == item.pk
        ],
        "actions": [
            a
            for a in selectors.actions_for(viewer=request.viewer, meeting=meeting)
            if a.item_id == item.pk
        ],
        **_item_forms(meeting, item, **extra),
        **extra,
    }
    return render(request, "meetings/minutes_item.html", context, status=status)


@login_required
def minutes_item(
    request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any
) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    if request.method != "POST":
        return _item_page(request, network, meeting, agenda_item)
    form = MinutesSectionForm(request.POST)
    if not form.is_valid():
        return _item_page(request, network, meeting, agenda_item, form=form, status=400)
    try:
        services.minutes_section_save(
            actor=request.user,
            item=agenda_item,
            text=form.cleaned_data["text"],
            confidentiality=form.cleaned_data["confidentiality"],
            version=form.cleaned_data["version"],
        )
    except services.MinutesConflict as conflict:
        # Keep the editor's text; show what the other person saved; a second save overwrites
        # on purpose (the version is now the current one).
        data = request.POST.copy()
        data["version"] = str(conflict.section.version)
        kept = MinutesSectionForm(data)
        kept.is_valid()
        who = (
            conflict.section.updated_by.display_name
            if conflict.section.updated_by
            else _("someone")
        )
        kept.add_error(
            None,
            _(
                "%(who)s saved these notes while you were editing them. Your text is kept below; "
                "their version is shown next to it. Combine the two and save again."
            )
            % {"who": who},
        )
        return _item_page(
            request, network, meeting, agenda_item, form=kept, conflict=conflict.section, status=409
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _item_page(request, network, meeting, agenda_item, form=form, status=400)
    messages.success(
        request, _("The notes of item %(number)s have been saved.") % {"number": agenda_item.number}
    )
    return redirect(_minutes_url(meeting, agenda_item))


@login_required
@require_POST
def decision_add(
    request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any
) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    form = DecisionForm(request.POST, item=agenda_item)
    if form.is_valid():
        try:
            services.decision_record(
                actor=request.user, meeting=meeting, item=agenda_item, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(_item_url(meeting, agenda_item) + "#decisions")
    return _item_page(request, network, meeting, agenda_item, decision_form=form, status=400)


@login_required
@require_POST
def decision_delete(
    request: AuthenticatedHttpRequest, slug: str, code: Any, decision: Any
) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    # As the edit page: a decision the manager may not see is not found (a partner chairing
    # the body does not remove a members-only decision by its code).
    found = selectors.decision_get_for_manager(
        viewer=request.viewer, meeting=meeting, code=decision
    )
    try:
        services.decision_delete(actor=request.user, decision=found)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(request, _("The decision has been removed."))
    if found.item is not None:
        return redirect(_item_url(meeting, found.item) + "#decisions")
    return redirect(_minutes_url(meeting))


def _after_conflict(
    request: AuthenticatedHttpRequest, form: forms.Form, error: ValidationError, version: str
) -> forms.Form:
    """The form as sent, with the conflict said at its top (with the text saved meanwhile), now
    carrying the version the other person saved: the writer keeps their text and saves again
    to replace the other's, or goes back."""
    data = request.POST.copy()
    data[form.add_prefix("version")] = version
    form.data = data
    add_service_errors(form, error)
    return form


def _back_to(meeting: Meeting, item: AgendaItem | None, anchor: str) -> str:
    """The item page a decision or action is on (at its section), else the minutes."""
    if item is not None:
        return _item_url(meeting, item) + anchor
    return _minutes_url(meeting)


@login_required
def decision_edit(
    request: AuthenticatedHttpRequest, slug: str, code: Any, decision: Any
) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    found = selectors.decision_get_for_manager(
        viewer=request.viewer, meeting=meeting, code=decision
    )
    back = _back_to(meeting, found.item, "#decisions")
    if request.method != "POST":
        form = DecisionEditForm(
            item=found.item,
            initial={
                "text": found.text,
                "confidentiality": found.confidentiality,
                "version": found.version,
            },
        )
        status = 200
    else:
        form = DecisionEditForm(request.POST, item=found.item)
        status = 400
        if form.is_valid():
            data = {**form.cleaned_data, "version": form.cleaned_data["version"] or None}
            try:
                services.decision_update(actor=request.user, decision=found, **data)
            except services.EditConflict as exc:
                _after_conflict(request, form, exc, services.current_version(found))
                status = 409
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The decision has been changed."))
                return redirect(back)
    return render(
        request,
        "meetings/decision_edit.html",
        {
            "network": network,
            "meeting": meeting,
            "decision": found,
            "item": found.item,
            "form": form,
            "back_url": back,
        },
        status=status,
    )


@login_required
@require_POST
def action_add(request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    form = ActionForm(request.POST, network=network, item=agenda_item)
    if form.is_valid():
        try:
            services.action_create(
                actor=request.user, meeting=meeting, item=agenda_item, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The action has been added."))
            return redirect(_item_url(meeting, agenda_item) + "#actions")
    return _item_page(request, network, meeting, agenda_item, action_form=form, status=400)


@login_required
def action_edit(
    request: AuthenticatedHttpRequest, slug: str, code: Any, action: Any
) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    found = selectors.action_get_for_manager(viewer=request.viewer, meeting=meeting, code=action)
    back = _back_to(meeting, found.item, "#actions")
    if request.method != "POST":
        form = ActionEditForm(
            network=network,
            item=found.item,
            owner=found.owner_person,
            initial={
                "version": found.version,
                "description": found.description,
                "owner_person": found.owner_person_id,
                "owner_organisation": found.owner_organisation_id,
                "due_date": found.due_date,
                "confidentiality": found.confidentiality,
            },
        )
        status = 200
    else:
        form = ActionEditForm(
            request.POST, network=network, item=found.item, owner=found.owner_person
        )
        status = 400
        if form.is_valid():
            data = {**form.cleaned_data, "version": form.cleaned_data["version"] or None}
            try:
                services.action_update(actor=request.user, action=found, **data)
            except services.EditConflict as exc:
                _after_conflict(request, form, exc, services.current_version(found))
                status = 409
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The action has been changed."))
                return redirect(back)
    return render(
        request,
        "meetings/action_edit.html",
        {
            "network": network,
            "meeting": meeting,
            "action": found,
            "item": found.item,
            "form": form,
            "back_url": back,
        },
        status=status,
    )


@login_required
@require_POST
def action_delete(
    request: AuthenticatedHttpRequest, slug: str, code: Any, action: Any
) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    found = selectors.action_get_for_manager(viewer=request.viewer, meeting=meeting, code=action)
    back = _back_to(meeting, found.item, "#actions")
    try:
        services.action_delete(actor=request.user, action=found)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(request, _("The action has been removed."))
    return redirect(back)


@login_required
@require_POST
def request_add(request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    form = RequestForm(request.POST, item=agenda_item)
    if form.is_valid():
        try:
            actions = services.action_request_organisations(
                actor=request.user, meeting=meeting, item=agenda_item, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The request has been added as an action for each of %(count)s organisations.")
                % {"count": len(actions)},
            )
            return redirect(_item_url(meeting, agenda_item) + "#actions")
    return _item_page(request, network, meeting, agenda_item, request_form=form, status=400)


@login_required
@require_POST
def minutes_send(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    try:
        services.minutes_send_for_comment(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(
            request,
            _(
                "The minutes have been sent for comment; adopting them is an item of the next meeting."
            ),
        )
    return redirect(_minutes_url(meeting))


@login_required
@require_POST
def minutes_approve(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    _network, meeting = meeting_for(request, slug, code)
    if not permissions.can_approve_minutes(request.viewer, meeting):
        raise PermissionDenied
    form = ApproveForm(request.POST, meetings=selectors.later_meetings(meeting=meeting, begun=True))
    if form.is_valid():
        try:
            services.minutes_approve(
                actor=request.user, meeting=meeting, approved_in=form.cleaned_data["approved_in"]
            )
        except ValidationError as exc:
            message_service_errors(request, exc)
        else:
            messages.success(request, _("The minutes have been approved and are now locked."))
    else:
        messages.error(request, _("Choose the meeting in which the minutes were approved."))
    return redirect(_minutes_url(meeting))


@login_if_hidden
def reflections(request: ViewerHttpRequest, slug: str, code: Any) -> HttpResponse:
    network, meeting = meeting_for(request, slug, code)
    if not permissions.can_view_reflections(request.viewer, network):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied
    can_add = permissions.can_add_reflection(request.viewer, meeting)
    form = ReflectionForm(
        request.POST or None, levels=selectors.readable_levels(request.viewer, meeting)
    )
    status = 200
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            author = Person.objects.get(pk=request.viewer.person_id or 0)
            try:
                services.reflection_add(
                    actor=request.user, meeting=meeting, author=author, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you for your lesson learned."))
                return redirect(
                    reverse(
                        "meetings:meeting_reflections",
                        kwargs={"slug": network.slug, "code": meeting.code},
                    )
                )
        status = 400
    return render(
        request,
        "meetings/meeting_reflections.html",
        {
            "network": network,
            "meeting": meeting,
            "reflections": selectors.reflections_for(viewer=request.viewer, meeting=meeting),
            "form": form,
            "can_add": can_add,
            "can_manage": permissions.can_manage_meeting(request.viewer, meeting),
            "minutes_readable": selectors.minutes_can_read(request.viewer, meeting),
        },
        status=status,
    )
