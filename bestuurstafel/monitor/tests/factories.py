"""Monitor objects for the test world: an editor, public and network-level projects, boundaries.

``monitor_world(world)`` adds them once (cached in ``world.extra``) so that the permission matrix
and the tests share one set-up.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bestuurstafel.accounts.models import User
from bestuurstafel.geo.services import boundary_hash
from bestuurstafel.networks.models import Membership
from bestuurstafel.testing.geo import square
from bestuurstafel.testing.world import World, make_person, make_user

from .. import services
from ..models import ImportJob, Project


@dataclass
class MonitorWorld:
    editor: User
    public: Project
    private: Project
    other_network: Project
    job: ImportJob


def add_boundaries(world: World) -> None:
    for index, (_code, municipality) in enumerate(sorted(world.municipalities.items())):
        municipality.boundary = square(5.1 + 0.06 * index, 52.0)
        municipality.boundary_hash = boundary_hash(municipality.boundary)
        municipality.boundary_source = "test"
        municipality.save()


def monitor_world(world: World) -> MonitorWorld:
    if "monitor" in world.extra:
        return world.extra["monitor"]  # type: ignore[no-any-return]
    add_boundaries(world)
    editor = make_user("redacteur@test.invalid")
    person = make_person("Eva", "Redacteur", user=editor)
    Membership.objects.create(
        person=person,
        network=world.network,
        organisation=world.organisations["welzijn"],
        role="editor",
        start_date=date(2024, 1, 1),
    )
    zeist = world.municipalities["GM0355"]
    public = services.project_create(
        actor=editor,
        network=world.network,
        title="Valpreventie Zeist",
        summary="Ouderen bewegen samen.",
        status="running",
        agreement="gala",
        themes=["gala:6", "azwaf:fall_prevention"],
        municipalities=[zeist],
        lead_organisation=world.organisations["welzijn"],
        confidentiality="public",
        progress=40,
        highlight_year=2025,
        highlight_text="Ketenafspraken gemaakt.",
    )
    services.project_funding_set(
        actor=editor,
        project=public,
        lines=[services.FundingData("brede_spuk", 2025, Decimal("45000"), "granted")],
    )
    private = services.project_create(
        actor=editor,
        network=world.network,
        title="Geheime herverdeling",
        summary="Alleen voor het netwerk.",
        status="planned",
        agreement="iza",
        themes=["iza:K"],
        municipalities=[zeist],
        confidentiality="network",
    )
    other_network = services.project_create(
        actor=world.users["outsider"],
        network=world.other,
        title="Stadsproject",
        status="running",
        municipalities=[world.municipalities["GM0344"]],
        confidentiality="public",
    )
    job = ImportJob.objects.create(
        network=world.network,
        created_by=editor,
        filename="groot.csv",
        data=b"titel;status\n",
        total_rows=400,
        processed_rows=150,
        state=ImportJob.State.CHECKING,
    )
    result = MonitorWorld(
        editor=editor, public=public, private=private, other_network=other_network, job=job
    )
    world.extra["monitor"] = result
    return result
