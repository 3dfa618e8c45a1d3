"""Services: projects, status changes, roll-up of progress, parts, funding, settings, audit."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bestuurstafel.core.models import AuditEvent
from bestuurstafel.monitor import services
from bestuurstafel.monitor.models import MonitorSettings, Project
from bestuurstafel.testing.world import World

from .factories import monitor_world

pytestmark = pytest.mark.django_db


def make(world: World, title: str, **kwargs: object) -> Project:
    m = monitor_world(world)
    kwargs.setdefault("confidentiality", "public")
    return services.project_create(actor=m.editor, network=world.network, title=title, **kwargs)


class TestProjects:
    def test_it_creates_a_project_with_places_themes_and_organisations_and_traces_it(
        self, world: World
    ) -> None:
        m = monitor_world(world)
        project = make(
            world,
            "Welzijn op Recept",
            status="running",
            themes=["gala:3", "azwaf:social_prescribing"],
            municipalities=[world.municipalities["GM0310"], world.municipalities["GM0312"]],
            organisations=[world.organisations["huisartsen"]],
        )
        assert sorted(project.municipalities.values_list("code", flat=True)) == ["GM0310", "GM0312"]
        assert sorted(project.themes.values_list("key", flat=True)) == [
            "azwaf:social_prescribing",
            "gala:3",
        ]
        assert project.updated_by == m.editor and project.updated_by_label == "Eva Redacteur"
        assert project.status_since == timezone.localdate()
        assert project.start_date == timezone.localdate()  # running starts today
        event = AuditEvent.objects.filter(
            action="monitor.project_create", target_id=str(project.pk)
        ).get()
        assert event.actor == m.editor and event.network == world.network
        assert event.changes["themes"]["to"] == ["azwaf:social_prescribing", "gala:3"]

    def test_it_refuses_places_organisations_and_themes_outside_the_network(
        self, world: World
    ) -> None:
        with pytest.raises(ValidationError) as error:
            make(
                world,
                "Te breed",
                municipalities=[world.municipalities["GM0344"]],
                organisations=[world.organisations["stad"]],
                themes=["iza:Z", "koers:onbekend"],
            )
        assert set(error.value.error_dict) == {"municipalities", "organisations", "themes"}
        assert not Project.objects.filter(title="Te breed").exists()

    def test_a_region_wide_project_has_no_separate_municipalities(self, world: World) -> None:
        project = make(
            world, "Regio", region_wide=True, municipalities=[world.municipalities["GM0355"]]
        )
        assert project.municipalities.count() == 0

    def test_an_update_records_only_what_changed(self, world: World) -> None:
        m = monitor_world(world)
        services.project_update(
            actor=world.users["secretary"],
            project=m.public,
            summary="Nieuwe samenvatting",
            themes=["gala:6"],
        )
        event = AuditEvent.objects.filter(action="monitor.project_update").latest("id")
        assert set(event.changes) == {"summary", "themes"}
        assert event.changes["themes"] == {
            "from": ["azwaf:fall_prevention", "gala:6"],
            "to": ["gala:6"],
        }
        m.public.refresh_from_db()
        assert m.public.updated_by_label == "Sara Secretaris"

    def test_every_change_bumps_the_monitors_last_change(self, world: World) -> None:
        m = monitor_world(world)
        settings_obj = MonitorSettings.objects.get(network=world.network)
        MonitorSettings.objects.filter(pk=settings_obj.pk).update(
            last_changed=timezone.now() - timedelta(days=1)
        )
        services.project_parts_set(
            actor=m.editor, project=m.public, parts=[services.PartData("Eerste stap")]
        )
        settings_obj.refresh_from_db()
        assert settings_obj.last_changed > timezone.now() - timedelta(minutes=1)
        assert settings_obj.last_changed_by == m.editor

    def test_a_sub_project_cannot_be_more_open_than_its_parent(self, world: World) -> None:
        m = monitor_world(world)
        with pytest.raises(ValidationError) as error:
            make(world, "Openbaar kind", parent=m.private)
        assert "confidentiality" in error.value.error_dict
        make(world, "Netwerkkind", parent=m.private, confidentiality="network")
        # Closing a parent while a sub-project is public would leave the sub-project more open.
        make(world, "Openbaar kind", parent=m.public)
        with pytest.raises(ValidationError) as error:
            services.project_update(actor=m.editor, project=m.public, confidentiality="network")
        assert "Openbaar kind" in str(error.value)
        m.public.refresh_from_db()
        assert m.public.confidentiality == "public"

    def test_a_project_cannot_be_its_own_ancestor(self, world: World) -> None:
        parent = make(world, "Ouder")
        child = make(world, "Kind", parent=parent)
        with pytest.raises(ValidationError) as error:
            services.project_update(actor=None, project=parent, parent=child)
        assert "parent" in error.value.error_dict

    def test_deleting_a_project_keeps_its_sub_projects(self, world: World) -> None:
        parent = make(world, "Ouder", progress_rollup="average")
        child = make(world, "Kind", parent=parent, progress=50)
        services.project_delete(actor=None, project=parent)
        child.refresh_from_db()
        assert child.parent is None
        assert AuditEvent.objects.filter(action="monitor.project_delete").exists()


class TestStatus:
    def test_allowed_changes_are_dated_and_traced(self, world: World) -> None:
        project = make(world, "Plan", status="idea")
        services.project_change_status(actor=None, project=project, status="planned")
        services.project_change_status(actor=None, project=project, status="running")
        project.refresh_from_db()
        assert project.status == "running" and project.status_since == timezone.localdate()
        changes = [
            e.changes["status"]
            for e in AuditEvent.objects.filter(
                action="monitor.project_update", target_id=str(project.pk)
            ).order_by("id")
        ]
        assert changes == [
            {"from": "idea", "to": "planned"},
            {"from": "planned", "to": "running"},
        ]

    def test_completing_a_project_sets_its_end_and_full_progress(self, world: World) -> None:
        project = make(world, "Klaar", status="running", progress=70, start_date=date(2024, 1, 1))
        services.project_change_status(actor=None, project=project, status="completed")
        project.refresh_from_db()
        assert project.progress == 100 and project.end_date == timezone.localdate()

    @pytest.mark.parametrize(
        ("old", "new"),
        [("completed", "idea"), ("stopped", "running"), ("idea", "completed"), ("running", "idea")],
    )
    def test_it_refuses_a_change_that_skips_the_process(
        self, world: World, old: str, new: str
    ) -> None:
        project = make(world, "Project", status=old)
        with pytest.raises(ValidationError) as error:
            services.project_change_status(actor=None, project=project, status=new)
        assert "status" in error.value.error_dict
        project.refresh_from_db()
        assert project.status == old


class TestRollUp:
    def test_progress_from_parts_is_the_weighted_average_with_ready_as_full(
        self, world: World
    ) -> None:
        plan = make(world, "Transformatieplan", progress_rollup="parts")
        parts = [services.PartData(f"Onderdeel {n}", state="ready") for n in range(6)]
        parts += [services.PartData(f"Onderdeel {n}", "in_development", 50) for n in range(6, 10)]
        services.project_parts_set(actor=None, project=plan, parts=parts)
        plan.refresh_from_db()
        assert plan.progress == 80  # (6 × 100 + 4 × 50) / 10
        services.project_parts_set(
            actor=None,
            project=plan,
            parts=[
                services.PartData("Zwaar", "ready", weight=3),
                services.PartData("Licht", "not_started", 90, weight=1),
            ],
        )
        plan.refresh_from_db()
        assert plan.progress == 75  # not started counts as 0, whatever was typed
        assert AuditEvent.objects.filter(action="monitor.project_progress").count() == 2

    def test_progress_from_sub_projects_averaged_or_weighted(self, world: World) -> None:
        average = make(world, "Gemiddeld", progress_rollup="average")
        weighted = make(world, "Gewogen", progress_rollup="weighted")
        for parent in (average, weighted):
            make(world, f"{parent.title} A", parent=parent, progress=90, weight=3)
            make(world, f"{parent.title} B", parent=parent, progress=10, weight=1)
        average.refresh_from_db()
        weighted.refresh_from_db()
        assert average.progress == 50
        assert weighted.progress == 70

    def test_a_change_deep_down_rolls_up_through_every_parent(self, world: World) -> None:
        top = make(world, "Programma", progress_rollup="average")
        middle = make(world, "Project", parent=top, progress_rollup="parts")
        services.project_parts_set(
            actor=None, project=middle, parts=[services.PartData("Stap", "in_development", 40)]
        )
        top.refresh_from_db()
        assert top.progress == 40
        services.project_parts_set(
            actor=None, project=middle, parts=[services.PartData("Stap", "ready")]
        )
        top.refresh_from_db()
        assert top.progress == 100

    def test_moving_a_sub_project_recalculates_the_old_parent(self, world: World) -> None:
        old = make(world, "Oud", progress_rollup="average")
        new = make(world, "Nieuw", progress_rollup="average")
        make(world, "Blijft", parent=old, progress=20)
        mover = make(world, "Gaat", parent=old, progress=80)
        old.refresh_from_db()
        assert old.progress == 50
        services.project_update(actor=None, project=mover, parent=new)
        old.refresh_from_db()
        new.refresh_from_db()
        assert (old.progress, new.progress) == (20, 80)

    def test_a_manual_project_keeps_the_progress_entered(self, world: World) -> None:
        project = make(world, "Handmatig", progress=35)
        services.project_parts_set(
            actor=None, project=project, parts=[services.PartData("Klaar", "ready")]
        )
        project.refresh_from_db()
        assert project.progress == 35


class TestFundingAndMilestones:
    def test_funding_lines_are_replaced_and_never_negative(self, world: World) -> None:
        m = monitor_world(world)
        services.project_funding_set(
            actor=m.editor,
            project=m.public,
            lines=[
                services.FundingData("brede_spuk", 2025, Decimal("45000"), "granted"),
                services.FundingData("brede_spuk", 2026, Decimal("50000.50"), "requested"),
            ],
        )
        assert m.public.funding.count() == 2
        with pytest.raises(ValidationError):
            services.project_funding_set(
                actor=m.editor,
                project=m.public,
                lines=[services.FundingData("own", 2025, Decimal("-1"), "granted")],
            )
        with pytest.raises(ValidationError):
            services.project_funding_set(
                actor=m.editor,
                project=m.public,
                lines=[
                    services.FundingData("own", 2025, Decimal("1"), "granted"),
                    services.FundingData("own", 2025, Decimal("2"), "requested"),
                ],
            )
        assert m.public.funding.count() == 2

    def test_milestones_are_kept_in_date_order(self, world: World) -> None:
        m = monitor_world(world)
        services.project_milestones_set(
            actor=m.editor,
            project=m.public,
            milestones=[
                services.MilestoneData(date(2026, 5, 1), "Later"),
                services.MilestoneData(date(2025, 1, 1), "Eerst", done=True),
            ],
        )
        assert list(m.public.milestones.values_list("title", flat=True)) == ["Eerst", "Later"]
        assert AuditEvent.objects.filter(action="monitor.project_milestones").exists()


class TestSettings:
    def test_origins_are_normalised_and_checked(self, world: World) -> None:
        m = monitor_world(world)
        result = services.monitor_settings_update(
            actor=m.editor,
            network=world.network,
            intro="Welkom",
            course_lines=["Gezond ouder worden", "Gezond ouder worden", ""],
            embed_origins=["https://www.zuidoost.nl/", "http://localhost:8080"],
        )
        assert result.embed_origins == ["https://www.zuidoost.nl", "http://localhost:8080"]
        assert result.course_lines == ["Gezond ouder worden"]
        for bad in (
            "javascript:alert(1)",
            "https://www.zuidoost.nl/pagina",
            "*.nl",
            "https://x.nl?a=1",
        ):
            with pytest.raises(ValidationError) as error:
                services.monitor_settings_update(
                    actor=m.editor,
                    network=world.network,
                    intro="",
                    course_lines=[],
                    embed_origins=[bad],
                )
            assert "embed_origins" in error.value.error_dict
        assert AuditEvent.objects.filter(action="monitor.settings_update").count() == 1

    def test_course_lines_become_themes(self, world: World) -> None:
        services.monitor_settings_update(
            actor=None,
            network=world.network,
            intro="",
            course_lines=["Gezond ouder worden"],
            embed_origins=[],
        )
        project = make(world, "Koers", themes=["koers:gezond-ouder-worden"])
        assert project.themes.get().key == "koers:gezond-ouder-worden"
