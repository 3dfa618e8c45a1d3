from django.utils import timezone

from bestuurstafel.testing.matrix import (
    FORBIDDEN,
    NOT_ALLOWED,
    OK,
    REDIRECT,
    Case,
    everyone,
    logged_in,
    network_people,
    secretaries,
)

net = lambda w: {"slug": w.network.slug}  # noqa: E731

CASES = [
    Case("networks:home", expect=everyone(OK)),
    Case("networks:detail", net, everyone(OK)),
    Case("networks:coverage", net, everyone(OK)),
    Case("networks:coverage", net, everyone(OK), query="?orgaan=stuurgroep"),
    Case(
        "networks:body", lambda w: {"slug": w.network.slug, "body": w.steering.slug}, everyone(OK)
    ),
    Case("networks:directory", net, network_people()),
    Case(
        "networks:person",
        lambda w: {"slug": w.network.slug, "code": w.people["colleague"].code},
        network_people(),
    ),
    Case("networks:profile", expect=logged_in(OK)),
    Case("networks:profile_edit", expect={**logged_in(OK), "admin": REDIRECT}),
    Case(
        "networks:invitation_accept", lambda w: {"token": w.extra["invitation_token"]}, everyone(OK)
    ),
    Case("networks:manage", net, secretaries()),
    Case("networks:manage_settings", net, secretaries()),
    Case("networks:manage_organisations", net, secretaries()),
    Case("networks:manage_organisation_add", net, secretaries()),
    Case("networks:manage_organisations_import", net, secretaries()),
    Case(
        "networks:manage_organisation",
        lambda w: {"slug": w.network.slug, "code": w.organisations["welzijn"].code},
        secretaries(),
    ),
    Case("networks:manage_members", net, secretaries()),
    Case("networks:manage_invite", net, secretaries()),
    Case(
        "networks:manage_member",
        lambda w: {"slug": w.network.slug, "code": w.memberships["colleague"].code},
        secretaries(),
    ),
    Case(
        "networks:manage_member_end",
        lambda w: {"slug": w.network.slug, "code": w.memberships["colleague"].code},
        logged_in(NOT_ALLOWED),
    ),
    Case(
        "networks:manage_member_end",
        lambda w: {"slug": w.network.slug, "code": w.memberships["colleague"].code},
        secretaries(REDIRECT),
        method="POST",
        data=lambda w: {"end-end_date": timezone.localdate().isoformat()},
    ),
    Case("networks:manage_members_login", net, logged_in(NOT_ALLOWED)),
    Case("networks:manage_members_login", net, secretaries(REDIRECT), method="POST"),
    Case(
        "networks:manage_member_login",
        lambda w: {"slug": w.network.slug, "code": w.memberships["colleague"].code},
        logged_in(NOT_ALLOWED),
    ),
    Case(
        "networks:manage_member_login",
        lambda w: {"slug": w.network.slug, "code": w.memberships["colleague"].code},
        secretaries(REDIRECT),
        method="POST",
    ),
    Case("networks:manage_invitations", net, secretaries()),
    Case(
        "networks:manage_invitation_resend",
        lambda w: {"slug": w.network.slug, "code": w.invitation.code},
        secretaries(REDIRECT),
        method="POST",
    ),
    Case(
        "networks:manage_invitation_revoke",
        lambda w: {"slug": w.network.slug, "code": w.invitation.code},
        secretaries(REDIRECT),
        method="POST",
    ),
    Case("networks:manage_bodies", net, secretaries()),
    Case("networks:manage_body_add", net, secretaries()),
    Case(
        "networks:manage_body",
        lambda w: {"slug": w.network.slug, "body": w.steering.slug},
        secretaries(),
    ),
    Case(
        "networks:manage_body_edit",
        lambda w: {"slug": w.network.slug, "body": w.steering.slug},
        secretaries(),
    ),
    Case(
        "networks:manage_seat",
        lambda w: {
            "slug": w.network.slug,
            "body": w.steering.slug,
            "seat": w.steering.body_memberships.first().pk,
        },
        secretaries(),
    ),
    Case("networks:manage_audit", net, secretaries()),
    # Another network's management pages are closed to this network's secretary.
    Case(
        "networks:manage",
        lambda w: {"slug": w.other.slug},
        {**secretaries(), "secretary": FORBIDDEN},
    ),
]
