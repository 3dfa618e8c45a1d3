"""The confidentiality boundary: visible_q and can_see_level agree, for every level and persona."""

from datetime import date

import pytest
from django.db.models import Q

from bestuurstafel.core.confidentiality import Confidentiality, is_more_open, most_closed
from bestuurstafel.core.models import AuditEvent
from bestuurstafel.networks.access import ANONYMOUS, can_see_level, viewer_for_user, visible_q
from bestuurstafel.networks.models import Membership
from bestuurstafel.testing.world import PERSONAS, World

# persona -> levels of an object of world.network in body world.steering they may see
EXPECTED = {
    "anonymous": {"public"},
    "member": {"public", "network", "members", "body"},  # sits in the steering group
    "partner": {"public", "network"},
    "secretary": {"public", "network", "members", "body"},
    "chair": {"public", "network", "members", "body"},  # chairs the steering group
    "outsider": {"public"},
    "admin": {"public", "network", "members", "body"},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_levels_per_persona(persona: str, world: World) -> None:
    viewer = viewer_for_user(world.user(persona))
    seen = {
        level
        for level in Confidentiality.values
        if can_see_level(
            viewer, level=level, network_id=world.network.pk, body_id=world.steering.pk
        )
    }
    assert seen == EXPECTED[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_visible_q_is_the_same_rule_as_can_see_level(persona: str, world: World) -> None:
    """Use AuditEvent rows as stand-ins for objects with a level, network and body."""
    viewer = viewer_for_user(world.user(persona))
    rows = {}
    for level in Confidentiality.values:
        for network in (world.network, world.other):
            rows[(level, network.pk)] = AuditEvent.objects.create(
                action=level, network=network, target_id=str(world.steering.pk)
            )
    q = visible_q(viewer, network_field="network", body_field=None, level_field="action")
    # body-only rows: emulate the body field with target_id
    if viewer.body_ids:
        q |= Q(action="body", target_id__in=[str(b) for b in viewer.body_ids])
    visible = set(
        AuditEvent.objects.filter(q, pk__in=[r.pk for r in rows.values()]).values_list(
            "pk", flat=True
        )
    )
    for (level, network_id), row in rows.items():
        expected = can_see_level(
            viewer, level=level, network_id=network_id, body_id=world.steering.pk
        )
        if level == "body" and viewer.is_secretary(network_id):
            expected = True
        assert (row.pk in visible) == expected, (persona, level, network_id)


def test_an_ended_membership_gives_no_access(world: World) -> None:
    Membership.objects.filter(pk=world.memberships["member"].pk).update(end_date=date(2024, 6, 1))
    viewer = viewer_for_user(world.users["member"])
    assert not viewer.is_in(world.network.pk)
    assert viewer.body_ids == frozenset()
    assert not can_see_level(viewer, level="network", network_id=world.network.pk)


def test_a_future_membership_gives_no_access_yet(world: World) -> None:
    Membership.objects.filter(pk=world.memberships["partner"].pk).update(
        start_date=date(2999, 1, 1)
    )
    assert not viewer_for_user(world.users["partner"]).is_in(world.network.pk)


def test_who_must_use_two_factor(world: World) -> None:
    required = {p: viewer_for_user(world.user(p)).requires_two_factor for p in PERSONAS}
    assert required == {
        "anonymous": False,
        "member": False,
        "partner": False,
        "secretary": True,
        "chair": True,
        "outsider": False,
        "admin": True,
    }
    assert ANONYMOUS.requires_two_factor is False


def test_level_helpers() -> None:
    assert is_more_open("public", than="members")
    assert not is_more_open("body", than="network")
    assert most_closed("public", "members", "network") == Confidentiality.MEMBERS
