"""Accepting an invitation: the link from the e-mail."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from bestuurstafel.core.forms import add_service_errors
from bestuurstafel.core.http import ViewerHttpRequest

from .. import services
from ..forms import AcceptInvitationForm

INVALID_STATUS = {"unknown": 404, "expired": 410, "used": 410, "revoked": 410}


@never_cache
def accept(request: ViewerHttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token=token)
    except services.InvitationInvalid as exc:
        return render(
            request,
            "networks/invitation_invalid.html",
            {"reason": exc.reason},
            status=INVALID_STATUS[exc.reason],
        )
    from django.contrib.auth import get_user_model

    has_account = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    logged_in_as_invitee = (
        request.user.is_authenticated and request.user.email.lower() == invitation.email.lower()
    )
    form = AcceptInvitationForm(request.POST or None) if not has_account else None
    if request.method == "POST":
        try:
            if has_account:
                if not logged_in_as_invitee:
                    raise ValidationError(
                        _("This address already has a login: log in first to accept.")
                    )
                user = services.invitation_accept(token=token, user=request.user)
            elif form is not None and form.is_valid():
                user = services.invitation_accept(
                    token=token,
                    password=form.cleaned_data["password1"],
                    user=request.user if request.user.is_authenticated else None,
                )
            else:
                user = None
        except services.InvitationInvalid as exc:
            return render(
                request,
                "networks/invitation_invalid.html",
                {"reason": exc.reason},
                status=INVALID_STATUS[exc.reason],
            )
        except ValidationError as exc:
            if form is not None:
                add_service_errors(form, exc)
            else:
                messages.error(request, " ".join(exc.messages))
            user = None
        if user is not None:
            if not request.user.is_authenticated:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Welcome to %(network)s.") % {"network": invitation.network.name}
            )
            return redirect(invitation.network.get_absolute_url())
    return render(
        request,
        "networks/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "has_account": has_account,
            "logged_in_as_invitee": logged_in_as_invitee,
        },
        # A POST that reaches this page was refused (an accepted one redirects).
        status=400 if request.method == "POST" else 200,
    )
