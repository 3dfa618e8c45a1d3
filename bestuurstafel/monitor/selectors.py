"""Reads of the monitor, past the permission boundary.

Projects are public or network-level: every read goes through ``networks.access.visible_q``
(querysets) or ``can_see_level`` (one object), so the dashboard, the map, the exports, the
GeoJSON, the API and the embed show the public only public projects, and the network's people
network-level ones too. Not visible and not existing give the same 404. Every function runs a
fixed number of queries, however many projects there are.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils.translation import gettext as _

from bestuurstafel.core.confidentiality import Confidentiality
from bestuurstafel.geo.models import Municipality, Revision
from bestuurstafel.networks.access import Viewer, can_see_level, visible_q
from bestuurstafel.networks.models import Network, Organisation

from . import vocabulary
from .models import (
    Agreement,
    ImportJob,
    MonitorSettings,
    Project,
    ProjectTheme,
    Status,
)

# The order projects are listed in: what runs first, what is over last.
STATUS_ORDER = [
    Status.RUNNING,
    Status.PLANNED,
    Status.IDEA,
    Status.PAUSED,
    Status.COMPLETED,
    Status.STOPPED,
]
Through = Project.municipalities.through


@dataclass(frozen=True)
class Version:
    """What conditional requests compare: the network, and when anything the monitor shows last
    changed (a project, the monitor settings, the network, one of its organisations, or the
    geography: the municipalities' names, label points and boundaries, ``geo.Revision``).

    ``moment`` counts every change, ``public_moment`` only those the public sees (the settings'
    ``public_changed`` instead of ``last_changed``). Which one a response uses is decided in
    ``moment_for`` only, so that its ETag, its Last-Modified and the "last updated" it shows
    agree."""

    network_id: int
    moment: datetime | None
    public_moment: datetime | None

    def moment_for(self, viewer: Viewer, *, public_only: bool = False) -> datetime | None:
        """The moment ``viewer`` may know of: everything, for those who see the network's
        network-level projects (its members, partners and secretaries, platform admins); the
        last public change for everyone else and for what only shows the public (the embed).
        Otherwise a visitor would see the date move when a hidden project is edited, and so
        learn that, and when, it was."""
        if not public_only and can_see_level(
            viewer, level=Confidentiality.NETWORK, network_id=self.network_id
        ):
            return self.moment
        return self.public_moment


@dataclass
class Monitor:
    """A network's monitor as one read: the network, its settings and when anything changed."""

    network: Network
    settings: MonitorSettings
    stamp: Version  # both moments
    version: datetime | None  # the moment for the viewer it was read for: its "last updated"

    @property
    def course_lines(self) -> list[str]:
        return list(self.settings.course_lines or [])

    @cached_property
    def theme_labels(self) -> dict[str, str]:
        return vocabulary.theme_labels(self.course_lines)

    @cached_property
    def schemes(self) -> list[vocabulary.Scheme]:
        return vocabulary.schemes(self.course_lines)

    def scheme(self, key: str) -> vocabulary.Scheme | None:
        return next((s for s in self.schemes if s.key == key), None)

    @property
    def default_scheme(self) -> str:
        return vocabulary.COURSE if self.course_lines else "iza"


def _moment(value: Any) -> datetime | None:
    """A timestamp from a raw row: SQLite gives text (UTC), PostgreSQL an aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _latest(*moments: datetime | None) -> datetime | None:
    return max((m.astimezone(UTC) for m in moments if m is not None), default=None)


def monitor_version(*, slug: str) -> Version:
    """The version of a network's monitor in one small query (no ORM query building, so that a
    client whose copy is current gets its 304 quickly). 404 for an unknown network."""
    network_table = Network._meta.db_table
    settings_table = MonitorSettings._meta.db_table
    organisation_table = Organisation._meta.db_table
    revision_table = Revision._meta.db_table
    sql = (
        f'SELECT n."id", s."last_changed", s."public_changed", '  # noqa: S608 (table names only)
        f'n."updated_at", '
        f'(SELECT MAX(o."updated_at") FROM "{organisation_table}" o '
        f'WHERE o."network_id" = n."id"), '
        f'(SELECT MAX(r."changed_at") FROM "{revision_table}" r) '
        f'FROM "{network_table}" n LEFT JOIN "{settings_table}" s ON s."network_id" = n."id" '
        f'WHERE n."slug" = %s'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [slug])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    last_changed, public_changed, *shared = (_moment(v) for v in row[1:])
    return Version(
        network_id=int(row[0]),
        moment=_latest(last_changed, *shared),
        public_moment=_latest(public_changed, *shared),
    )


def monitor_get(*, slug: str, viewer: Viewer, version: Version | None = None) -> Monitor:
    """The network and its monitor settings in one query. Its version is the one given (the view
    asked for it first), or is worked out here; its ``version`` moment is the one ``viewer``
    may know of (``Version.moment_for``; the embed passes ``ANONYMOUS``)."""
    networks = Network.objects.select_related("monitor_settings", "region").filter(slug=slug)
    if version is None:
        latest_organisation = (
            Organisation.objects.filter(network=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        geography_changed = Revision.objects.order_by("-changed_at").values("changed_at")[:1]
        networks = networks.annotate(
            organisations_changed=Subquery(latest_organisation),
            geography_changed=Subquery(geography_changed),
        )
    network = networks.first()
    if network is None:
        raise Http404
    try:
        settings_obj = network.monitor_settings
    except MonitorSettings.DoesNotExist:
        settings_obj = MonitorSettings(network=network)
    if version is None:
        shared = (
            network.updated_at,
            getattr(network, "organisations_changed", None),
            getattr(network, "geography_changed", None),
        )
        version = Version(
            network_id=network.pk,
            moment=_latest(settings_obj.last_changed, *shared),
            public_moment=_latest(settings_obj.public_changed, *shared),
        )
    return Monitor(
        network=network, settings=settings_obj, stamp=version, version=version.moment_for(viewer)
    )


# --- Filters --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    theme: str = ""
    agreement: str = ""
    status: str = ""
    municipality: str = ""  # a CBS code, GMxxxx
    query: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.theme or self.agreement or self.status or self.municipality or self.query)

    def without_municipality(self) -> "Filters":
        return Filters(
            theme=self.theme, agreement=self.agreement, status=self.status, query=self.query
        )


class FilterError(ValueError):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def filters_from_params(params: Any, *, monitor: Monitor) -> Filters:
    """Strict reading of filter parameters (API, exports): a bad value raises ``FilterError``."""
    theme = (params.get("thema") or "").strip()
    if theme and theme not in monitor.theme_labels:
        raise FilterError("thema", _("Unknown theme “%s”.") % theme[:80])
    agreement = (params.get("akkoord") or "").strip()
    if agreement and agreement not in Agreement.values:
        raise FilterError(
            "akkoord",
            _("Unknown agreement “%(value)s”; use one of: %(choices)s.")
            % {"value": agreement[:40], "choices": ", ".join(Agreement.values)},
        )
    status = (params.get("status") or "").strip()
    if status and status not in Status.values:
        raise FilterError(
            "status",
            _("Unknown status “%(value)s”; use one of: %(choices)s.")
            % {"value": status[:40], "choices": ", ".join(Status.values)},
        )
    municipality = (params.get("gemeente") or "").strip().upper()
    if municipality and not (
        len(municipality) == 6
        and municipality.startswith("GM")
        and municipality[2:].isascii()
        and municipality[2:].isdigit()
    ):
        raise FilterError(
            "gemeente", _("“%s” is not a municipality code (GMxxxx).") % municipality[:40]
        )
    query = (params.get("zoek") or "").strip()
    if len(query) > 100:
        raise FilterError("zoek", _("Search for at most 100 characters."))
    if "\x00" in query:
        raise FilterError("zoek", _("The search contains a character that is not allowed."))
    return Filters(
        theme=theme, agreement=agreement, status=status, municipality=municipality, query=query
    )


def _visible(viewer: Viewer, network: Network) -> QuerySet[Project]:
    return Project.objects.filter(network=network).filter(
        visible_q(viewer, network_field="network", body_field=None)
    )


def _filtered(projects: QuerySet[Project], filters: Filters) -> QuerySet[Project]:
    if filters.theme:
        projects = projects.filter(
            Exists(ProjectTheme.objects.filter(project=OuterRef("pk"), key=filters.theme))
        )
    if filters.agreement:
        projects = projects.filter(agreement=filters.agreement)
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.municipality:
        # A region-wide project runs in every municipality of the network.
        projects = projects.filter(
            Q(region_wide=True)
            | Exists(
                Through.objects.filter(
                    project=OuterRef("pk"), municipality__code=filters.municipality
                )
            )
        )
    for word in filters.query.split():
        projects = projects.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return projects


def _status_rank() -> Case:
    return Case(
        *[When(status=s, then=Value(i)) for i, s in enumerate(STATUS_ORDER)],
        default=Value(len(STATUS_ORDER)),
        output_field=IntegerField(),
    )


def project_list_for_user(
    *, viewer: Viewer, network: Network, filters: Filters = Filters()
) -> QuerySet[Project]:
    """The projects the viewer may see, filtered; running first. Three queries per page
    (count, rows with the lead organisation, their municipalities)."""
    return (
        _filtered(_visible(viewer, network), filters)
        .select_related("lead_organisation")
        .prefetch_related(
            Prefetch(
                "municipalities", Municipality.objects.order_by("name").only("pk", "code", "name")
            )
        )
        .annotate(status_rank=_status_rank())
        .order_by("status_rank", "title", "pk")
    )


def project_list_full(
    *, viewer: Viewer, network: Network, filters: Filters = Filters()
) -> QuerySet[Project]:
    """As ``project_list_for_user`` with everything an export or the API shows (fixed queries)."""
    return project_list_for_user(viewer=viewer, network=network, filters=filters).prefetch_related(
        "themes",
        "funding",
        "parts",
        Prefetch("organisations", Organisation.objects.order_by("name").only("pk", "name")),
    )


def _code(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


def project_get_for_user(*, viewer: Viewer, network: Network, code: str) -> Project:
    """One project with its parts, milestones, funding, places, organisations and themes, and
    the parent and sub-projects the viewer may see. 404 when it is not visible."""
    project = (
        Project.objects.filter(network=network, code=_code(code))
        .select_related("lead_organisation", "parent", "updated_by")
        .prefetch_related(
            "parts",
            "milestones",
            "funding",
            "themes",
            Prefetch(
                "municipalities", Municipality.objects.order_by("name").only("pk", "code", "name")
            ),
            Prefetch("organisations", Organisation.objects.order_by("name")),
            Prefetch(
                "children",
                _visible(viewer, network)
                .annotate(status_rank=_status_rank())
                .order_by("status_rank", "title"),
                to_attr="visible_children",
            ),
        )
        .first()
    )
    if project is None or not can_see_level(
        viewer, level=project.confidentiality, network_id=network.pk
    ):
        raise Http404
    parent = project.parent
    project.visible_parent = (  # type: ignore[attr-defined]
        parent
        if parent is not None
        and can_see_level(viewer, level=parent.confidentiality, network_id=network.pk)
        else None
    )
    return project


def project_get_for_editor(*, network: Network, code: str) -> Project:
    """A project of the network for its editors (the view checks ``can_edit_projects``)."""
    project = (
        Project.objects.filter(network=network, code=_code(code))
        .select_related("network", "parent", "lead_organisation")
        .prefetch_related(
            "municipalities", "organisations", "themes", "parts", "milestones", "funding"
        )
        .first()
    )
    if project is None:
        raise Http404
    return project


def parent_choices(*, network: Network, exclude: Project | None = None) -> QuerySet[Project]:
    projects = Project.objects.filter(network=network).only("pk", "code", "title").order_by("title")
    if exclude is not None:
        projects = projects.exclude(pk=exclude.pk)
    return projects


def network_municipalities(*, network: Network) -> list[Municipality]:
    """The network's municipalities with their boundaries (one query)."""
    return list(network.municipalities.order_by("name"))


def municipality_in_network(*, network: Network, code: str) -> Municipality:
    municipality = network.municipalities.filter(code=code.upper()).first()
    if municipality is None:
        raise Http404
    return municipality


# --- Figures --------------------------------------------------------------------------------------

FIGURE_STATUSES = (Status.RUNNING, Status.PLANNED, Status.COMPLETED)


@dataclass
class Figures:
    """Counts of projects per status for one municipality (or for the whole region)."""

    code: str
    name: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def running(self) -> int:
        return self.counts.get(Status.RUNNING, 0)

    @property
    def planned(self) -> int:
        return self.counts.get(Status.PLANNED, 0)

    @property
    def completed(self) -> int:
        return self.counts.get(Status.COMPLETED, 0)

    @property
    def other(self) -> int:
        return self.total - self.running - self.planned - self.completed

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class MunicipalityFigures:
    municipalities: list[Municipality]
    rows: list[Figures]
    region_wide: Figures
    totals: Figures  # every project once, whatever its places

    def row_for(self, code: str) -> Figures | None:
        return next((r for r in self.rows if r.code == code), None)


def municipality_figures(
    *,
    viewer: Viewer,
    network: Network,
    filters: Filters = Filters(),
    municipalities: list[Municipality] | None = None,
) -> MunicipalityFigures:
    """Per municipality of the network, the number of projects per status (filters apply,
    except the municipality filter). Three queries at most."""
    if municipalities is None:
        municipalities = network_municipalities(network=network)
    projects = _filtered(_visible(viewer, network), filters.without_municipality())
    per_place: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Through.objects.filter(project__in=projects.values("pk"))
        .values("municipality_id", "project__status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        per_place[row["municipality_id"]][row["project__status"]] = row["n"]
    region = Figures(code="", name=_("Whole region"))
    totals = Figures(code="", name=_("All projects"))
    for status, region_wide, n in (
        projects.values_list("status", "region_wide").annotate(n=Count("pk")).order_by()
    ):
        totals.counts[status] = totals.counts.get(status, 0) + n
        if region_wide:
            region.counts[status] = n
    rows = [
        Figures(code=m.code, name=m.name, counts=per_place.get(m.pk, {})) for m in municipalities
    ]
    return MunicipalityFigures(
        municipalities=municipalities, rows=rows, region_wide=region, totals=totals
    )


@dataclass
class ChartRow:
    key: str
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)


@dataclass
class ThemeChart:
    scheme: vocabulary.Scheme
    rows: list[ChartRow]

    @property
    def max_total(self) -> int:
        return max((r.total for r in self.rows), default=0)


def status_per_theme(
    *, viewer: Viewer, monitor: Monitor, scheme_key: str, filters: Filters = Filters()
) -> ThemeChart:
    """How many projects per status each theme of a scheme has (one query)."""
    scheme = monitor.scheme(scheme_key) or monitor.scheme(monitor.default_scheme)
    assert scheme is not None
    projects = _filtered(_visible(viewer, monitor.network), filters)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in (
        ProjectTheme.objects.filter(
            project__in=projects.values("pk"), key__startswith=f"{scheme.key}:"
        )
        .values("key", "project__status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["key"]][row["project__status"]] = row["n"]
    rows = [
        ChartRow(
            key=f"{scheme.key}:{value}",
            label=monitor.theme_labels[f"{scheme.key}:{value}"],
            counts=counts[f"{scheme.key}:{value}"],
        )
        for value, _label in scheme.choices
        if counts.get(f"{scheme.key}:{value}")
    ]
    return ThemeChart(scheme=scheme, rows=rows)


def highlights(*, viewer: Viewer, network: Network) -> tuple[int | None, list[Project]]:
    """The year's highlights: the latest year that has any, and its projects (one query)."""
    projects = list(
        _visible(viewer, network)
        .filter(highlight_year__isnull=False)
        .order_by("-highlight_year", "title")[:40]
    )
    if not projects:
        return None, []
    year = projects[0].highlight_year
    return year, [p for p in projects if p.highlight_year == year]


def import_job_list(*, network: Network, limit: int = 5) -> list[ImportJob]:
    """The network's latest imports (for its editors; the view checks ``can_edit_projects``)."""
    return list(ImportJob.objects.filter(network=network).defer("data")[:limit])


def import_job_get(*, network: Network, code: str) -> ImportJob:
    job = ImportJob.objects.filter(network=network, code=_code(code)).defer("data").first()
    if job is None:
        raise Http404
    return job
