"""Permission matrix for the meeting pages (see ``testing/matrix.py``).

The world's plenary has: an upcoming published meeting (with a members-only item and file),
one held yesterday (minutes sent for comment), a draft and a public meeting. The chair chairs
the plenary, so manages its meetings like the secretary; the admin has no person (no answer to
give, no lessons to add).
"""

from collections.abc import Callable
from typing import Any

from bestuurstafel.testing.matrix import (
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    everyone,
    logged_in,
    network_people,
    roles,
)
from bestuurstafel.testing.world import World

from .factories import meetings, pdf


def net(w: World) -> dict[str, Any]:
    return {"slug": w.network.slug}


def meeting(key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"slug": w.network.slug, "code": getattr(meetings(w), key).code}


def item(meeting_key: str, item_key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {
        "slug": w.network.slug,
        "code": getattr(meetings(w), meeting_key).code,
        "item": getattr(meetings(w), item_key).code,
    }


def comment(w: World) -> dict[str, Any]:
    return {
        "slug": w.network.slug,
        "code": meetings(w).held.code,
        "comment": meetings(w).member_comment.code,
    }


def decision(key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {
        "slug": w.network.slug,
        "code": meetings(w).held.code,
        "decision": getattr(meetings(w), key).code,
    }


def action(key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {
        "slug": w.network.slug,
        "code": meetings(w).held.code,
        "action": getattr(meetings(w), key).code,
    }


def attachment(key: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {
        "slug": w.network.slug,
        "code": meetings(w).upcoming.code,
        "attachment": getattr(meetings(w), key).code,
    }


# Who may see a (non-public) meeting: its network's people; anonymous visitors log in first.
SEES = roles(member=OK, partner=OK, secretary=OK, chair=OK, outsider=NOT_FOUND, admin=OK)


def managers(status: int = OK) -> dict[str, int]:
    """Who manages the plenary's meetings: the secretary, its chair, the platform admin."""
    return roles(
        member=FORBIDDEN,
        partner=FORBIDDEN,
        secretary=status,
        chair=status,
        outsider=NOT_FOUND,
        admin=status,
    )


def posted_only() -> dict[str, int]:
    return logged_in(NOT_ALLOWED)


CASES = [
    # The member's own pages
    Case("meetings:dashboard", expect=logged_in(OK)),
    Case("meetings:calendar_link", expect=logged_in(OK)),
    Case(
        "meetings:calendar_link",
        expect=logged_in(REDIRECT),
        method="POST",
        data=lambda w: {"action": "create"},
    ),
    Case(
        "meetings:feed_personal",
        lambda w: {"token": meetings(w).calendar_token},
        everyone(OK),
        note="the secret address is the key",
    ),
    Case("meetings:feed_personal", lambda w: {"token": "not-a-key"}, everyone(NOT_FOUND)),
    # A network's meetings and lists
    Case("meetings:list", net, everyone(OK)),
    Case("meetings:list", net, everyone(OK), query="?wanneer=past&orgaan=plenair"),
    Case("meetings:feed_network", net, everyone(OK)),
    Case(
        "meetings:feed_body",
        lambda w: {"slug": w.network.slug, "body": w.plenary.slug},
        everyone(OK),
    ),
    Case(
        "meetings:feed_body",
        lambda w: {"slug": w.network.slug, "body": w.plenary.slug},
        everyone(NOT_FOUND),
        query="?sleutel=wrong",
    ),
    Case(
        "meetings:create",
        net,
        roles(
            member=FORBIDDEN,
            partner=FORBIDDEN,
            secretary=OK,
            chair=OK,
            outsider=FORBIDDEN,
            admin=OK,
        ),
    ),
    Case(
        "meetings:series",
        net,
        roles(
            member=FORBIDDEN,
            partner=FORBIDDEN,
            secretary=OK,
            chair=OK,
            outsider=FORBIDDEN,
            admin=OK,
        ),
    ),
    Case("meetings:load", net, network_people()),
    Case("meetings:decisions", net, everyone(OK)),
    Case("meetings:decisions", net, everyone(OK), query="?q=regioplan&jaar=2020"),
    Case("meetings:decisions_export", lambda w: {**net(w), "fmt": "csv"}, everyone(OK)),
    Case(
        "meetings:decisions_export",
        lambda w: {**net(w), "fmt": "xlsx"},
        everyone(OK),
        query="?q=regioplan&jaar=2020",
    ),
    Case("meetings:actions", net, network_people()),
    Case("meetings:actions", net, network_people(), query="?wie=mine&status=overdue"),
    Case("meetings:actions_export", lambda w: {**net(w), "fmt": "csv"}, network_people()),
    Case(
        "meetings:actions_export",
        lambda w: {**net(w), "fmt": "xlsx"},
        network_people(),
        query="?wie=mine&status=overdue",
    ),
    Case("meetings:reflections", net, network_people()),
    Case(
        "meetings:action_status",
        lambda w: {"slug": w.network.slug, "code": meetings(w).member_action.code},
        posted_only(),
    ),
    Case(
        "meetings:action_status",
        lambda w: {"slug": w.network.slug, "code": meetings(w).member_action.code},
        roles(
            member=REDIRECT,
            partner=FORBIDDEN,
            secretary=REDIRECT,
            chair=REDIRECT,
            outsider=NOT_FOUND,
            admin=REDIRECT,
        ),
        method="POST",
        data=lambda w: {"done": "1"},
        note="the owner, or who manages the meeting",
    ),
    # One meeting
    Case("meetings:detail", meeting("upcoming"), SEES),
    Case("meetings:detail", meeting("public"), everyone(OK)),
    Case(
        "meetings:detail",
        meeting("draft"),
        managers(OK) | {"member": NOT_FOUND, "partner": NOT_FOUND},
    ),
    Case("meetings:edit", meeting("upcoming"), managers()),
    Case("meetings:publish", meeting("draft"), posted_only()),
    Case(
        "meetings:publish",
        meeting("draft"),
        managers(REDIRECT) | {"member": NOT_FOUND, "partner": NOT_FOUND},
        method="POST",
    ),
    Case("meetings:send_update", meeting("upcoming"), managers(REDIRECT), method="POST"),
    Case("meetings:cancel", meeting("upcoming"), managers()),
    Case(
        "meetings:rsvp",
        meeting("upcoming"),
        roles(
            member=REDIRECT,
            partner=REDIRECT,
            secretary=REDIRECT,
            chair=REDIRECT,
            outsider=NOT_FOUND,
            admin=FORBIDDEN,
        ),
        method="POST",
        data=lambda w: {"answer": "attend"},
        note="invitees answer; the platform admin is nobody's invitee",
    ),
    Case("meetings:rsvp", meeting("upcoming"), posted_only()),
    Case("meetings:ics", meeting("upcoming"), SEES),
    Case("meetings:ics", meeting("public"), everyone(OK)),
    Case("meetings:agenda_pdf", meeting("upcoming"), SEES),
    Case("meetings:agenda", meeting("upcoming"), managers()),
    Case(
        "meetings:agenda_reorder",
        meeting("upcoming"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {
            "parent": "",
            "item": [
                str(i.code)
                for i in meetings(w).upcoming.items.filter(parent=None).order_by("-position")
            ],
        },
    ),
    Case("meetings:item_edit", item("upcoming", "business"), managers()),
    Case(
        "meetings:item_move",
        item("upcoming", "business"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {"direction": "up"},
    ),
    Case("meetings:item_delete", item("upcoming", "business"), managers(REDIRECT), method="POST"),
    Case("meetings:item_carry", item("held", "held_item"), managers()),
    Case(
        "meetings:attachment_add",
        item("upcoming", "business"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {"bijlage-title": "Nog een stuk", "bijlage-file": pdf()},
    ),
    Case("meetings:attachment", attachment("network_file"), SEES),
    Case(
        "meetings:attachment",
        attachment("members_file"),
        SEES | {"partner": NOT_FOUND},
        note="a members-only file is not there for a partner",
    ),
    Case(
        "meetings:attachment_delete", attachment("network_file"), managers(REDIRECT), method="POST"
    ),
    Case("meetings:attendance", meeting("held"), managers()),
    Case(
        "meetings:guest_remove",
        lambda w: {
            "slug": w.network.slug,
            "code": meetings(w).held.code,
            "guest": meetings(w).guest.code,
        },
        managers(REDIRECT),
        method="POST",
    ),
    Case("meetings:minutes", meeting("held"), SEES),
    Case("meetings:minutes_pdf", meeting("held"), SEES),
    Case("meetings:minutes_docx", meeting("held"), SEES),
    Case("meetings:minutes_item", item("held", "held_item"), managers()),
    Case(
        "meetings:decision_add",
        item("held", "held_item"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {"besluit-text": "Nog een besluit", "besluit-confidentiality": "network"},
    ),
    Case(
        "meetings:action_add",
        item("held", "held_item"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {
            "actie-description": "Nog een actie",
            "actie-owner_person": w.people["member"].pk,
            "actie-confidentiality": "network",
        },
    ),
    Case(
        "meetings:request_add",
        item("held", "held_item"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {
            "verzoek-description": "Stuur uw wijzigingen",
            "verzoek-due_date": "2030-11-14",
            "verzoek-confidentiality": "network",
        },
    ),
    Case(
        "meetings:decision_delete",
        lambda w: {
            "slug": w.network.slug,
            "code": meetings(w).held.code,
            "decision": meetings(w).public_decision.code,
        },
        managers(REDIRECT),
        method="POST",
    ),
    Case("meetings:decision_edit", decision("public_decision"), managers()),
    Case(
        "meetings:decision_edit",
        decision("public_decision"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {
            "besluit-text": "Het regioplan wordt in mei openbaar gemaakt.",
            "besluit-confidentiality": "public",
        },
    ),
    Case("meetings:action_edit", action("member_action"), managers()),
    Case(
        "meetings:action_edit",
        action("member_action"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {
            "actie-description": "Reactie op het regioplan sturen",
            "actie-owner_person": w.people["member"].pk,
            "actie-due_date": "2030-11-14",
            "actie-confidentiality": "network",
        },
    ),
    Case("meetings:action_delete", action("organisation_action"), posted_only()),
    Case(
        "meetings:action_delete", action("organisation_action"), managers(REDIRECT), method="POST"
    ),
    Case("meetings:minutes_send", meeting("held"), managers(REDIRECT), method="POST"),
    Case(
        "meetings:minutes_approve",
        meeting("held"),
        managers(REDIRECT),
        method="POST",
        data=lambda w: {"approved_in": meetings(w).upcoming.pk},
        note="the chair of the body approves; the secretary records it",
    ),
    Case(
        "meetings:minutes_comment_add",
        meeting("held"),
        roles(
            member=REDIRECT,
            partner=REDIRECT,
            secretary=FORBIDDEN,
            chair=FORBIDDEN,
            outsider=NOT_FOUND,
            admin=FORBIDDEN,
        ),
        method="POST",
        data=lambda w: {"item": "", "text": "Graag mijn naam goed spellen."},
        note="who was invited; not who manages the meeting (they edit the minutes)",
    ),
    Case(
        "meetings:minutes_comment_handle",
        comment,
        managers(REDIRECT),
        method="POST",
        data=lambda w: {"handled": "1"},
    ),
    Case(
        "meetings:minutes_comment_withdraw",
        comment,
        roles(
            member=REDIRECT,
            partner=NOT_FOUND,
            secretary=NOT_FOUND,
            chair=NOT_FOUND,
            outsider=NOT_FOUND,
            admin=NOT_FOUND,
        ),
        method="POST",
        note="only the author's own comment",
    ),
    Case("meetings:meeting_reflections", meeting("held"), SEES),
    Case(
        "meetings:meeting_reflections",
        meeting("held"),
        roles(
            member=REDIRECT,
            partner=REDIRECT,
            secretary=REDIRECT,
            chair=REDIRECT,
            outsider=NOT_FOUND,
            admin=FORBIDDEN,
        ),
        method="POST",
        data=lambda w: {"text": "Goed gesprek.", "confidentiality": "network"},
    ),
]
