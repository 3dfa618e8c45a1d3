"""Importing the core team's spreadsheet: every kind of bad row, all-or-nothing, XLSX, the
round trip with the export, and large files through the task worker."""

import io
from decimal import Decimal, InvalidOperation

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from bestuurstafel.core.imports import ImportFailed
from bestuurstafel.monitor import importing, services, tasks
from bestuurstafel.monitor.models import Project
from bestuurstafel.testing.world import World, login

from .factories import monitor_world

pytestmark = pytest.mark.django_db

HEADER = "titel;status;gemeenten;startdatum;einddatum;bedrag;bron;financiering;themas;trekker;zichtbaarheid"


def csv_file(*rows: str, header: str = HEADER) -> io.BytesIO:
    return io.BytesIO(("\n".join([header, *rows]) + "\n").encode())


def check(world: World, *rows: str, header: str = HEADER) -> importing.ImportPlan:
    monitor_world(world)
    return services.projects_import_check(
        network=world.network, file=csv_file(*rows, header=header), filename="kernteam.csv"
    )


def errors_of(world: World, *rows: str, header: str = HEADER) -> list[tuple[int | None, str, str]]:
    with translation.override("nl"), pytest.raises(ImportFailed) as failed:
        check(world, *rows, header=header)
    return [(e.row, e.column, e.message) for e in failed.value.errors]


GOOD = "Inloop Gezond;lopend;Zeist, De Bilt;01-03-2025;31-12-2026;€ 12.500,50;brede spuk;toegekend;GALA 3; Welzijn Zuidoost;openbaar"


class TestCheck:
    def test_a_correct_file_gives_a_plan_and_saves_nothing(self, world: World) -> None:
        plan = check(
            world, GOOD.replace("GALA 3; Welzijn", "GALA 3;Welzijn").replace(";GALA 3;", ";GALA 3;")
        )
        assert len(plan.rows) == 1 and plan.new_count == 1
        row = plan.rows[0]
        assert row.values["status"] == "running"
        assert [m.code for m in row.municipalities] == ["GM0355", "GM0310"]
        assert row.funding.amount == Decimal("12500.50") and row.funding.year == 2025
        assert row.values["confidentiality"] == "public"
        assert not Project.objects.filter(title="Inloop Gezond").exists()

    @pytest.mark.parametrize(
        ("row", "column", "message"),
        [
            ("A;lopend;Atlantis;;;;;;;;", "gemeenten", "onbekende gemeente"),
            ("A;lopend;Utrecht;;;;;;;;", "gemeenten", "Utrecht is geen gemeente van dit netwerk"),
            (
                "A;lopend;Zeist;31-02-2025;;;;;;;",
                "startdatum",
                "“31-02-2025” is geen datum; schrijf hem als 31-12-2025",
            ),
            (
                "A;lopend;Zeist;volgend jaar;;;;;;;",
                "startdatum",
                "“volgend jaar” is geen datum; schrijf hem als 31-12-2025",
            ),
            (
                "A;lopend;Zeist;01-01-2026;01-01-2025;;;;;;",
                "einddatum",
                "de einddatum ligt vóór de startdatum",
            ),
            ("A;lopend;Zeist;;;-5000;;;;;", "bedrag", "het bedrag is negatief (-5000)"),
            ("A;lopend;Zeist;;;veel;;;;;", "bedrag", "“veel” is geen bedrag in euro’s"),
            (
                "A;bijna klaar;Zeist;;;;;;;;",
                "status",
                "onbekende status “bijna klaar”; gebruik een van: idee, gepland, lopend, afgerond, gepauzeerd, gestopt",
            ),
            (
                "A;;Zeist;;;;;;;;",
                "status",
                "de status is leeg; gebruik een van: idee, gepland, lopend, afgerond, gepauzeerd, gestopt",
            ),
            (";lopend;Zeist;;;;;;;;", "titel", "de titel is leeg"),
            (
                "A;lopend;Zeist;;;10;pot van goud;;;;",
                "bron",
                "onbekende financieringsbron “pot van goud”",
            ),
            (
                "A;lopend;Zeist;;;10;;misschien;;;",
                "financiering",
                "schrijf “aangevraagd” of “toegekend”, niet “misschien”",
            ),
            ("A;lopend;Zeist;;;;;;IZA Z;;", "themas", "onbekend thema “IZA Z”"),
            (
                "A;lopend;Zeist;;;;;;;Onbekende Stichting;",
                "trekker",
                "“Onbekende Stichting” is geen organisatie van dit netwerk",
            ),
            (
                "A;lopend;Zeist;;;;;;;;geheim",
                "zichtbaarheid",
                "schrijf “openbaar” of “netwerk”, niet “geheim”",
            ),
        ],
    )
    def test_every_kind_of_bad_row_is_reported_with_row_and_column(
        self, world: World, row: str, column: str, message: str
    ) -> None:
        errors = errors_of(world, GOOD, row)
        assert [(r, c) for r, c, _m in errors] == [(3, column)]
        assert errors[0][2].startswith(message)

    def test_duplicates_in_the_file_are_reported(self, world: World) -> None:
        errors = errors_of(world, GOOD, GOOD.replace("Inloop Gezond", "inloop  gezond"))
        assert errors == [(3, "titel", "dubbel: “inloop gezond” staat ook in regel 2")]
        code = str(monitor_world(world).public.code)
        header = "code;titel;status"
        errors = errors_of(world, f"{code};Een;lopend", f"{code};Twee;lopend", header=header)
        assert errors == [(3, "code", "dubbel: dit project staat ook in regel 2")]
        errors = errors_of(
            world, "00000000-0000-0000-0000-000000000000;X;lopend", "nee;Y;lopend", header=header
        )
        assert errors == [
            (
                2,
                "code",
                "geen project van dit netwerk heeft de code “00000000-0000-0000-0000-000000000000”",
            ),
            (3, "code", "“nee” is geen projectcode"),
        ]

    def test_all_problems_of_all_rows_are_reported_at_once(self, world: World) -> None:
        errors = errors_of(
            world, "A;gek;Atlantis;gisteren;;-1;;;;;", GOOD, "B;lopend;Zeist;;;;;;;;"
        )
        assert [(r, c) for r, c, _m in errors] == [
            (2, "status"),
            (2, "startdatum"),
            (2, "gemeenten"),
            (2, "bedrag"),
        ]

    def test_a_missing_required_column_is_reported(self, world: World) -> None:
        errors = errors_of(world, "Iets", header="titel")
        assert errors == [(None, "status", "deze verplichte kolom ontbreekt in het bestand")]

    def test_other_bad_values(self, world: World) -> None:
        header = (
            "titel;status;voortgang;akkoord;schaal;goedkeuring;contact_email;hoogtepunt;jaar;bedrag"
        )
        errors = errors_of(
            world, "A;lopend;120;ABC;heelal;misschien;geen-mail;vorig jaar;1899;5", header=header
        )
        assert [c for _r, c, _m in errors] == [
            "akkoord",
            "voortgang",
            "schaal",
            "goedkeuring",
            "contact_email",
            "hoogtepunt",
            "jaar",
        ]

    @pytest.mark.parametrize(
        ("text", "amount"),
        [
            ("€ 1.234,56", Decimal("1234.56")),
            ("1234.56", Decimal("1234.56")),
            ("1.250.000", Decimal("1250000")),
            ("45.000", Decimal("45000")),
            ("12,5", Decimal("12.5")),
            ("1,250", Decimal("1250")),
            ("(200)", Decimal("-200")),
            ("", None),
        ],
    )
    def test_amounts_are_read_as_people_write_them(self, text: str, amount: Decimal | None) -> None:
        assert importing.parse_amount(text) == amount

    def test_it_rejects_text_as_an_amount(self) -> None:
        with pytest.raises(InvalidOperation):
            importing.parse_amount("1,2,3,4 euro")


class TestApply:
    def test_it_creates_and_updates_in_one_go_and_traces_it(self, world: World) -> None:
        m = monitor_world(world)
        header = "titel;status;voortgang;gemeenten;themas;bedrag;bron;jaar;financiering"
        plan = check(
            world,
            "Nieuw project;gepland;0;hele regio;IZA B;;;;",
            "valpreventie zeist;lopend;65;Zeist, Bunnik;GALA 6;50.000;brede spuk;2025;toegekend",
            header=header,
        )
        assert (plan.new_count, plan.update_count) == (1, 1)
        result = services.projects_import_apply(actor=m.editor, network=world.network, plan=plan)
        assert result == {"created": 1, "updated": 1}
        new = Project.objects.get(title="Nieuw project")
        assert new.region_wide and new.confidentiality == "network"  # safe default
        assert new.updated_by_label == "Eva Redacteur"
        m.public.refresh_from_db()
        assert m.public.progress == 65
        assert sorted(m.public.municipalities.values_list("code", flat=True)) == [
            "GM0312",
            "GM0355",
        ]
        # The funding line of that source and year is updated, not duplicated.
        assert list(m.public.funding.values_list("amount", flat=True)) == [Decimal("50000.00")]
        # Columns that are not in the file are left alone.
        assert m.public.summary == "Ouderen bewegen samen."

    def test_nothing_is_saved_when_one_row_fails_on_saving(self, world: World) -> None:
        m = monitor_world(world)
        services.project_change_status(actor=None, project=m.private, status="running")
        services.project_change_status(actor=None, project=m.private, status="completed")
        # "Geheime herverdeling" is completed; going back to an idea is not allowed.
        plan = check(
            world,
            "Eerste nieuwe;gepland",
            "Geheime herverdeling;idee",
            header="titel;status",
        )
        with translation.override("nl"), pytest.raises(ImportFailed) as failed:
            services.projects_import_apply(actor=m.editor, network=world.network, plan=plan)
        assert [(e.row, e.column) for e in failed.value.errors] == [(3, "status")]
        assert "Afgerond" in failed.value.errors[0].message
        assert not Project.objects.filter(title="Eerste nieuwe").exists()

    def test_xlsx_with_dates_and_numbers_as_cells(self, world: World) -> None:
        from datetime import datetime

        monitor_world(world)
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Titel", "Status", "Gemeenten", "Startdatum", "Bedrag", "Voortgang"])
        sheet.append(["Uit Excel", "Lopend", "GM0310", datetime(2025, 4, 1), 1500.5, 0.0])
        out = io.BytesIO()
        workbook.save(out)
        out.seek(0)
        plan = services.projects_import_check(
            network=world.network, file=out, filename="lijst.xlsx"
        )
        services.projects_import_apply(actor=None, network=world.network, plan=plan)
        project = Project.objects.get(title="Uit Excel")
        assert str(project.start_date) == "2025-04-01"
        assert project.funding.get().amount == Decimal("1500.50")

    def test_an_export_can_be_imported_again(self, world: World, client_for) -> None:
        m = monitor_world(world)
        # A summary that starts like a formula goes out as text and comes back unchanged.
        summary = "- eerste punt: =SOM telt niet"
        Project.objects.filter(pk=m.public.pk).update(summary=summary)
        client = login(Client(), m.editor)
        for fmt in ("csv", "xlsx"):
            exported = client.get(
                reverse("monitor:export", kwargs={"slug": world.network.slug, "fmt": fmt})
            )
            plan = services.projects_import_check(
                network=world.network, file=io.BytesIO(exported.content), filename=f"export.{fmt}"
            )
            assert {r.title for r in plan.rows} == {"Valpreventie Zeist", "Geheime herverdeling"}
            assert plan.new_count == 0
            before = {
                p.pk: (p.status, p.progress, p.confidentiality)
                for p in Project.objects.filter(network=world.network)
            }
            services.projects_import_apply(actor=m.editor, network=world.network, plan=plan)
            after = {
                p.pk: (p.status, p.progress, p.confidentiality)
                for p in Project.objects.filter(network=world.network)
            }
            assert before == after
            themes = set(m.public.themes.values_list("key", flat=True))
            assert themes == {"gala:6", "azwaf:fall_prevention"}
            assert Project.objects.get(pk=m.public.pk).summary == summary
        workbook = load_workbook(io.BytesIO(exported.content))
        assert [c.value for c in workbook.active[1]][:3] == ["code", "titel", "samenvatting"]


class TestBackground:
    def rows(self, count: int) -> bytes:
        lines = ["titel;status;gemeenten"] + [f"Project {n};gepland;Zeist" for n in range(count)]
        return ("\n".join(lines) + "\n").encode()

    def test_a_large_file_is_checked_and_imported_by_the_worker(
        self, world: World, django_capture_on_commit_callbacks
    ) -> None:
        m = monitor_world(world)
        data = self.rows(services.IMPORT_BACKGROUND_ROWS + 50)
        with django_capture_on_commit_callbacks(execute=True):
            job = services.import_job_create(
                actor=m.editor, network=world.network, filename="groot.csv", data=data
            )
        job.refresh_from_db()
        assert job.state == "checked"
        assert job.total_rows == job.processed_rows == 250
        assert job.summary["new"] == 250 and len(job.summary["preview"]) == 50
        assert not Project.objects.filter(title="Project 1").exists()
        with django_capture_on_commit_callbacks(execute=True):
            services.import_job_confirm(actor=m.editor, job=job)
        job.refresh_from_db()
        assert job.state == "done" and job.summary["result"] == {"created": 250, "updated": 0}
        assert (
            Project.objects.filter(network=world.network, title__startswith="Project ").count()
            == 250
        )
        # Running a task again does nothing: the job is no longer in the state it expects.
        assert tasks.run_import_job.call(job_id=job.pk) == "skipped"
        assert tasks.check_import_job.call(job_id=job.pk) == "skipped"

    def test_a_large_file_with_problems_gets_its_report(
        self, world: World, django_capture_on_commit_callbacks
    ) -> None:
        m = monitor_world(world)
        data = self.rows(services.IMPORT_BACKGROUND_ROWS + 1) + b"Kapot;gek;Atlantis\n"
        with django_capture_on_commit_callbacks(execute=True):
            job = services.import_job_create(
                actor=m.editor, network=world.network, filename="groot.csv", data=data
            )
        job.refresh_from_db()
        assert job.state == "invalid"
        assert [(e["row"], e["column"]) for e in job.errors] == [
            (203, "status"),
            (203, "gemeenten"),
        ]
        with pytest.raises(ValidationError):
            services.import_job_confirm(actor=m.editor, job=job)

    @pytest.mark.django_db(transaction=True)
    def test_the_database_worker_runs_the_import(self, world: World) -> None:
        m = monitor_world(world)
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
        ):
            job = services.import_job_create(
                actor=m.editor, network=world.network, filename="groot.csv", data=self.rows(210)
            )
            job.refresh_from_db()
            assert job.state == "checking" and job.processed_rows == 0
            call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
            job.refresh_from_db()
            assert job.state == "checked"
            services.import_job_confirm(actor=m.editor, job=job)
            call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
        job.refresh_from_db()
        assert job.state == "done"
        assert Project.objects.filter(title__startswith="Project ").count() == 210
