"""Building the agenda: items, order (drag and drop, or the buttons), attachments, carrying over."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurstafel.core.forms import add_service_errors, error_status, message_service_errors
from bestuurstafel.core.htmx import is_htmx
from bestuurstafel.core.http import AuthenticatedHttpRequest, ViewerHttpRequest
from bestuurstafel.core.templatetags.bt import datum

from .. import selectors, services
from ..forms import AgendaItemForm, AttachmentForm, CarryOverForm
from ..models import Meeting
from .common import login_if_hidden, manager_meeting_for, meeting_for


def _builder_url(meeting: Meeting) -> str:
    return reverse("meetings:agenda", kwargs={"slug": meeting.network.slug, "code": meeting.code})


def _builder_context(request: Any, meeting: Meeting) -> dict[str, Any]:
    return {
        "network": meeting.network,
        "meeting": meeting,
        # The manager sees every item: the selector with their viewer (secretaries see all).
        "agenda": selectors.agenda_for(viewer=request.viewer, meeting=meeting),
        # After "Up" or "Down" the focus returns to that button of the item just moved
        # (``autofocus``), so a keyboard user can move it again without searching for it.
        "moved": request.GET.get("verplaatst", ""),
        "moved_direction": request.GET.get("richting", ""),
    }


@login_required
def builder(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    if request.method == "POST":
        form = AgendaItemForm(request.POST, meeting=meeting, viewer=request.viewer)
        if form.is_valid():
            try:
                item = services.agenda_item_add(
                    actor=request.user, meeting=meeting, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Item %(number)s “%(title)s” has been added.")
                    % {"number": item.number, "title": item.title},
                )
                return redirect(_builder_url(meeting) + f"#item-{item.code}")
    else:
        form = AgendaItemForm(meeting=meeting, viewer=request.viewer)
    context = _builder_context(request, meeting)
    context["form"] = form
    return render(request, "meetings/agenda_builder.html", context, status=error_status(form))


@login_required
@require_POST
def reorder(request: AuthenticatedHttpRequest, slug: str, code: Any) -> HttpResponse:
    """The new order after a drag and drop: the codes of one list of siblings."""
    _network, meeting = manager_meeting_for(request, slug, code)
    parent = None
    if request.POST.get("parent"):
        parent = selectors.item_get_for_manager(
            viewer=request.viewer, meeting=meeting, code=request.POST["parent"]
        )
    try:
        services.agenda_reorder(
            actor=request.user, meeting=meeting, parent=parent, codes=request.POST.getlist("item")
        )
    except ValidationError as exc:
        if is_htmx(request) or request.headers.get("X-Requested-With") == "fetch":
            return HttpResponse(" ".join(exc.messages), status=409)
        message_service_errors(request, exc)
        return redirect(_builder_url(meeting))
    if request.headers.get("X-Requested-With") == "fetch" or is_htmx(request):
        context = _builder_context(request, meeting)
        return render(request, "meetings/agenda_builder.html#items", context)
    messages.success(request, _("The new order has been saved."))
    return redirect(_builder_url(meeting))


@login_required
@require_POST
def item_move(request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    try:
        moved = services.agenda_item_move(
            actor=request.user, item=agenda_item, direction=request.POST.get("direction", "")
        )
    except ValidationError as exc:
        message_service_errors(request, exc)
        return redirect(_builder_url(meeting))
    messages.success(
        request,
        _("“%(title)s” is now item %(number)s.") % {"title": moved.title, "number": moved.number},
    )
    # No "#item-..." here: a page opened at a fragment ignores ``autofocus``, and the focused
    # button is scrolled into view anyway.
    direction = "up" if request.POST.get("direction") == "up" else "down"
    return redirect(_builder_url(meeting) + f"?verplaatst={moved.code}&richting={direction}")


@login_required
def item_edit(request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    if request.method == "POST":
        form = AgendaItemForm(
            request.POST, meeting=meeting, viewer=request.viewer, item=agenda_item
        )
        if form.is_valid():
            try:
                services.agenda_item_update(
                    actor=request.user, item=agenda_item, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The item has been saved."))
                return redirect(_builder_url(meeting) + f"#item-{agenda_item.code}")
    else:
        form = AgendaItemForm(
            initial=AgendaItemForm.initial_for(agenda_item),
            meeting=meeting,
            viewer=request.viewer,
            item=agenda_item,
        )
    return render(
        request,
        "meetings/item_form.html",
        {
            "network": network,
            "meeting": meeting,
            "item": agenda_item,
            "form": form,
            "attachment_form": AttachmentForm(),
            "max_upload_mb": settings.MAX_UPLOAD_MB,
            "attachments": agenda_item.attachments.order_by("number"),
        },
        status=error_status(form),
    )


@login_required
@require_POST
def item_delete(request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any) -> HttpResponse:
    _network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    try:
        services.agenda_item_delete(actor=request.user, item=agenda_item)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(request, _("The item has been removed; the agenda is renumbered."))
    return redirect(_builder_url(meeting))


@login_required
def item_carry(request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    later = selectors.later_meetings(meeting=meeting).exclude(minutes_status="approved")
    form = CarryOverForm(request.POST or None, meetings=later)
    # Back where the secretary came from: the item's minutes page (``?van=punt``; the form posts
    # to the same address) or the minutes overview at the item.
    if request.GET.get("van") == "punt":
        back = reverse(
            "meetings:minutes_item",
            kwargs={"slug": network.slug, "code": meeting.code, "item": agenda_item.code},
        )
    else:
        back = reverse("meetings:minutes", kwargs={"slug": network.slug, "code": meeting.code}) + (
            f"#item-{agenda_item.code}"
        )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.agenda_item_carry_over(
                actor=request.user, item=agenda_item, to_meeting=form.cleaned_data["meeting"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(title)s” is now item %(number)s of the meeting of %(date)s.")
                % {
                    "title": new.title,
                    "number": new.number,
                    "date": datum(new.meeting.starts_at),
                },
            )
            return redirect(back)
    return render(
        request,
        "meetings/item_carry.html",
        {
            "network": network,
            "meeting": meeting,
            "item": agenda_item,
            "form": form,
            "later": later,
            "back": back,
        },
        status=error_status(form),
    )


@login_required
@require_POST
def attachment_add(
    request: AuthenticatedHttpRequest, slug: str, code: Any, item: Any
) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    agenda_item = selectors.item_get_for_manager(viewer=request.viewer, meeting=meeting, code=item)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.attachment_add(
                actor=request.user,
                item=agenda_item,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                confidentiality=form.cleaned_data["confidentiality"] or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Attachment %(number)s “%(title)s” has been added.")
                % {"number": attachment.number, "title": attachment.title},
            )
            return redirect(
                reverse(
                    "meetings:item_edit",
                    kwargs={"slug": network.slug, "code": meeting.code, "item": agenda_item.code},
                )
                + "#attachments"
            )
    return render(
        request,
        "meetings/item_form.html",
        {
            "network": network,
            "meeting": meeting,
            "item": agenda_item,
            "form": AgendaItemForm(
                initial=AgendaItemForm.initial_for(agenda_item),
                meeting=meeting,
                viewer=request.viewer,
                item=agenda_item,
            ),
            "attachment_form": form,
            "max_upload_mb": settings.MAX_UPLOAD_MB,
            "attachments": agenda_item.attachments.order_by("number"),
        },
        status=400,
    )


@login_required
@require_POST
def attachment_delete(
    request: AuthenticatedHttpRequest, slug: str, code: Any, attachment: Any
) -> HttpResponse:
    network, meeting = manager_meeting_for(request, slug, code)
    found = selectors.attachment_get_for_manager(
        viewer=request.viewer, meeting=meeting, code=attachment
    )
    item = found.item
    try:
        services.attachment_delete(actor=request.user, attachment=found)
    except ValidationError as exc:
        message_service_errors(request, exc)
    else:
        messages.success(request, _("The attachment has been removed; the others are renumbered."))
    return redirect(
        reverse(
            "meetings:item_edit",
            kwargs={"slug": network.slug, "code": meeting.code, "item": item.code},
        )
        + "#attachments"
    )


@login_if_hidden
def attachment_download(
    request: ViewerHttpRequest, slug: str, code: Any, attachment: Any
) -> HttpResponseBase:
    """The only way to a stored file: after checking that the reader may see it."""
    _network, meeting = meeting_for(request, slug, code)
    found = selectors.attachment_get_for_user(
        viewer=request.viewer, meeting=meeting, code=attachment
    )
    suffix = found.original_name.rsplit(".", 1)[-1].lower() if "." in found.original_name else ""
    filename = _("Attachment %(number)s - %(title)s") % {
        "number": found.number,
        "title": found.title,
    }
    filename = filename.replace("/", "-")[:150]  # (FileResponse keeps what follows a "/")
    if suffix:
        filename = f"{filename}.{suffix}"
    try:
        stored = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=filename,
        content_type=found.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
