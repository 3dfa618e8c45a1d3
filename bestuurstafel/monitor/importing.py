"""Reading the core team's spreadsheet (CSV or XLSX) into a checked import plan.

Nothing here writes: ``check`` reads every row, collects a ``RowError`` (row, column, problem in
the user's language) for everything wrong, and raises ``ImportFailed`` with all of them; only a
file without problems gives an ``ImportPlan`` that ``services.projects_import_apply`` saves in
one transaction. Columns have Dutch names (English ones are accepted too); the export writes
the same columns, so an exported file can be edited and imported again (rows are matched on
``code``, else on the title).
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bestuurstafel.core.confidentiality import Confidentiality, is_more_open
from bestuurstafel.core.imports import ImportFailed, RowError, read_table, resolve_columns
from bestuurstafel.geo.models import Municipality
from bestuurstafel.networks.models import Network, Organisation

from . import vocabulary
from .models import (
    Agreement,
    Approval,
    FundingSource,
    FundingState,
    MonitorSettings,
    Project,
    Scale,
    Status,
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("id", "projectcode"),
    "titel": ("title", "project", "projectnaam", "naam"),
    "samenvatting": ("summary", "omschrijving", "beschrijving"),
    "akkoord": ("agreement",),
    "themas": ("thema's", "themes", "thema"),
    "status": (),
    "voortgang": ("progress", "voortgang_%", "voortgang_(%)"),
    "gemeenten": ("gemeente", "municipalities"),
    "schaal": ("scale",),
    "trekker": ("penvoerder", "lead_organisation", "lead"),
    "partners": ("deelnemers", "organisaties", "organisations"),
    "startdatum": ("start", "start_date", "begin"),
    "einddatum": ("eind", "end_date", "einde"),
    "goedkeuring": ("approval", "beoordeling"),
    "bron": ("financieringsbron", "funding_source"),
    "jaar": ("financieringsjaar", "funding_year"),
    "bedrag": ("amount", "budget"),
    "financiering": ("financieringsstatus", "funding_state"),
    "contactpersoon": ("contact",),
    "contact_email": ("email", "e_mail", "contactemail"),
    "hoogtepunt": ("highlight", "hoogtepunt_van_het_jaar"),
    "zichtbaarheid": ("vertrouwelijkheid", "confidentiality", "openbaar"),
}
REQUIRED = {"titel", "status"}

# Words people write in the spreadsheet, per value (Dutch and English, lower case).
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    Status.IDEA: ("idee", "idea", "verkenning"),
    Status.PLANNED: ("gepland", "planned", "in voorbereiding", "voorbereiding"),
    Status.RUNNING: ("lopend", "running", "in uitvoering", "uitvoering", "loopt"),
    Status.COMPLETED: ("afgerond", "completed", "klaar", "gereed"),
    Status.PAUSED: ("gepauzeerd", "paused", "gepauzeerd", "on hold"),
    Status.STOPPED: ("gestopt", "stopped", "beëindigd"),
}
AGREEMENT_WORDS: dict[str, tuple[str, ...]] = {
    Agreement.IZA: ("iza",),
    Agreement.GALA: ("gala",),
    Agreement.AZWA: ("azwa",),
    Agreement.HLO: ("hlo",),
    Agreement.OTHER: ("anders", "other", "overig"),
}
SCALE_WORDS: dict[str, tuple[str, ...]] = {
    Scale.DISTRICT: ("wijk", "district", "buurt"),
    Scale.MUNICIPALITY: ("gemeente", "municipality", "lokaal"),
    Scale.SUBREGION: ("subregio", "sub-region", "subregion", "deelregio", "regio"),
    Scale.IZA_REGION: ("iza-regio", "iza regio", "iza region", "iza_region"),
    Scale.CARE_OFFICE_REGION: ("zorgkantoorregio", "care office region", "care_office_region"),
    Scale.PROVINCE: ("provincie", "province"),
    Scale.NATIONAL: ("landelijk", "national", "nationaal"),
}
APPROVAL_WORDS: dict[str, tuple[str, ...]] = {
    Approval.NONE: ("", "n.v.t.", "nvt", "geen"),
    Approval.SUBMITTED: ("ingediend", "submitted"),
    Approval.QUICK_TEST: (
        "snelle toets",
        "snelle toets goedgekeurd",
        "quick test passed",
        "quick_test_passed",
    ),
    Approval.APPROVED: ("goedgekeurd", "approved", "definitief goedgekeurd"),
    Approval.REJECTED: ("afgewezen", "rejected"),
    Approval.QUEUED: ("wachtrij", "queued", "waiting list"),
}
FUNDING_STATE_WORDS: dict[str, tuple[str, ...]] = {
    FundingState.REQUESTED: ("aangevraagd", "requested", "aanvraag"),
    FundingState.GRANTED: ("toegekend", "granted", "verleend"),
}
SOURCE_WORDS: dict[str, tuple[str, ...]] = {
    FundingSource.SPUK_IZA: ("spuk iza", "spuk_iza", "iza-middelen", "iza middelen"),
    FundingSource.BREDE_SPUK: ("brede spuk", "brede_spuk", "gala", "spuk gala"),
    FundingSource.IZA_TRANSFORMATION: (
        "transformatiemiddelen",
        "iza transformatiemiddelen",
        "dus-i",
        "iza_transformation",
    ),
    FundingSource.INSURER: ("zorgverzekeraar", "insurer", "transformatiemiddelen zorgverzekeraar"),
    FundingSource.AZWA_SPUK: ("azwa", "azwa spuk", "azwa-spuk", "azwa_spuk"),
    FundingSource.BREAKTHROUGH: ("doorbraakmiddelen", "breakthrough"),
    FundingSource.MGN: ("mgn", "mgn-middelen", "mentale gezondheidsnetwerken"),
    FundingSource.OWN: ("eigen middelen", "eigen", "own"),
    FundingSource.PROVINCE: ("provincie", "province"),
    FundingSource.ZONMW: ("zonmw",),
    FundingSource.REGION_DEAL: ("regio deal", "regiodeal", "region deal", "region_deal"),
    FundingSource.OTHER: ("anders", "other", "overig"),
}
VISIBILITY_WORDS: dict[str, tuple[str, ...]] = {
    Confidentiality.PUBLIC: ("openbaar", "public", "ja", "publiek"),
    Confidentiality.NETWORK: ("netwerk", "network", "nee", "intern"),
}
REGION_WORDS = ("hele regio", "regio", "regiobreed", "regionaal", "region", "whole region")
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y")
SPLIT_RE = re.compile(r"[;,\n]")
THEME_SPLIT_RE = re.compile(r"[;\n|]")


@dataclass
class FundingRow:
    source: str
    year: int
    amount: Decimal
    state: str


@dataclass
class RowPlan:
    row: int
    title: str
    project: Project | None
    values: dict[str, Any]
    municipalities: list[Municipality] | None
    organisations: list[Organisation]
    organisations_given: bool
    themes: list[str]
    themes_given: bool
    funding: FundingRow | None
    status_column: str

    @property
    def is_new(self) -> bool:
        return self.project is None


@dataclass
class ImportPlan:
    filename: str
    rows: list[RowPlan] = field(default_factory=list)
    result: dict[str, int] | None = None

    @property
    def new_count(self) -> int:
        return sum(1 for r in self.rows if r.is_new)

    @property
    def update_count(self) -> int:
        return len(self.rows) - self.new_count

    def summary(self, limit: int = 50) -> dict[str, Any]:
        """What the preview shows, as JSON (kept on a background import job)."""
        return {
            "rows": len(self.rows),
            "new": self.new_count,
            "updated": self.update_count,
            "preview": [preview_row(r) for r in self.rows[:limit]],
        }


def preview_row(row: RowPlan) -> dict[str, Any]:
    municipalities = (
        _("whole region")
        if row.values.get("region_wide")
        else ", ".join(m.name for m in row.municipalities or [])
    )
    return {
        "row": row.row,
        "title": row.title,
        "new": row.is_new,
        "status": str(Status(row.values["status"]).label),
        "municipalities": municipalities,
        "public": row.values.get("confidentiality") == Confidentiality.PUBLIC,
        "amount": str(row.funding.amount) if row.funding else "",
    }


def _lookup(words: dict[str, tuple[str, ...]], value: str) -> str | None:
    wanted = " ".join(value.strip().lower().split())
    for key, options in words.items():
        if wanted == key or wanted in options:
            return key
    return None


def parse_date(value: str) -> date | None:
    """A date as people type it (31-12-2025, 2025-12-31, 31/12/2025); None when empty."""
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", value):
        value = value[:10]
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise ValueError(value)


def parse_amount(value: str) -> Decimal | None:
    """An amount in euros as people type it: € 1.234,56 / 1234.56 / 1.250.000; None when empty."""
    text = value.strip().replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("-()")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".") if len(text.rsplit(",", 1)[1]) != 3 else text.replace(",", "")
    elif text.count(".") > 1 or ("." in text and len(text.rsplit(".", 1)[1]) == 3):
        text = text.replace(".", "")
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise InvalidOperation(value)
    amount = Decimal(text).quantize(Decimal("0.01"))
    return -amount if negative else amount


class _Resolver:
    """Everything the rows refer to, loaded once: municipalities, organisations, projects."""

    def __init__(self, network: Network) -> None:
        self.network = network
        settings_obj = MonitorSettings.objects.filter(network=network).first()
        course_lines = list(settings_obj.course_lines) if settings_obj else []
        self.themes: dict[str, str] = {}
        # Exports write the labels in the language of the page; accept Dutch and English.
        for language in (translation.get_language() or "nl", "nl", "en"):
            with translation.override(language):
                labels = vocabulary.theme_labels(course_lines)
            for key, label in labels.items():
                scheme, value = key.split(":", 1)
                aliases = (key, label, f"{scheme} {value}", f"{scheme}-{value}")
                for alias in aliases:
                    self.themes.setdefault(" ".join(alias.lower().split()), key)
            for key, label in labels.items():
                # The bare label ("Valpreventie"), unless another theme has it too.
                self.themes.setdefault(" ".join(label.split(": ", 1)[-1].lower().split()), key)
        all_municipalities = list(Municipality.objects.only("pk", "code", "name"))
        self.municipalities: dict[str, Municipality] = {}
        for m in all_municipalities:
            self.municipalities[m.code.lower()] = m
            self.municipalities[m.name.lower()] = m
            self.municipalities[str(int(m.code[2:]))] = m
        self.network_municipalities = set(network.municipalities.values_list("pk", flat=True))
        self.organisations = {
            o.name.lower(): o for o in Organisation.objects.filter(network=network)
        }
        self.projects_by_code: dict[str, Project] = {}
        self.projects_by_title: dict[str, Project] = {}
        for p in Project.objects.filter(network=network).only(
            "pk",
            "code",
            "title",
            "status",
            "progress_rollup",
            "network_id",
            "confidentiality",
            "parent_id",
        ):
            self.projects_by_code[str(p.code)] = p
            self.projects_by_title.setdefault(p.title.lower(), p)


def check(
    *,
    network: Network,
    file: IO[bytes],
    filename: str,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    table = read_table(file, filename)
    cols = resolve_columns(table, COLUMNS, required=REQUIRED)
    if not table.rows:
        raise ImportFailed([RowError(None, "", _("The file has no rows with projects."))])
    resolver = _Resolver(network)
    plan = ImportPlan(filename=filename)
    errors: list[RowError] = []
    seen_titles: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    total = len(table.rows)
    today = timezone.localdate()

    def has(column: str) -> bool:
        return column in cols

    for index, (number, raw) in enumerate(table, start=1):
        if progress is not None and (index % 50 == 0 or index == total):
            progress(index, total)
        row_errors: list[RowError] = []

        def cell(column: str, raw: dict[str, str] = raw) -> str:
            return raw.get(cols[column], "").strip() if column in cols else ""

        def error(
            column: str, message: str, number: int = number, errs: list[RowError] = row_errors
        ) -> None:
            errs.append(RowError(number, cols.get(column, column), message))

        title = " ".join(cell("titel").split())
        if not title:
            error("titel", _("the title is empty"))
        elif len(title) > 200:
            error("titel", _("the title is longer than 200 characters"))
        existing: Project | None = None
        code = cell("code")
        if code:
            try:
                code_key = str(uuid.UUID(code))
            except ValueError:
                code_key = ""
                error("code", _("“%s” is not a project code") % code)
            if code_key:
                if code_key in seen_codes:
                    error(
                        "code",
                        _("duplicate: this project is also in row %s") % seen_codes[code_key],
                    )
                else:
                    seen_codes[code_key] = number
                existing = resolver.projects_by_code.get(code_key)
                if existing is None:
                    error("code", _("no project of this network has the code “%s”") % code)
        if title:
            key = title.lower()
            if key in seen_titles:
                error(
                    "titel",
                    _("duplicate: “%(title)s” is also in row %(row)s")
                    % {"title": title, "row": seen_titles[key]},
                )
            else:
                seen_titles[key] = number
            if existing is None and not code:
                existing = resolver.projects_by_title.get(key)

        values: dict[str, Any] = {"title": title}
        status_text = cell("status")
        status = _lookup(STATUS_WORDS, status_text)
        if status is None:
            error(
                "status",
                _("unknown status “%(value)s”; use one of: %(choices)s")
                % {
                    "value": status_text,
                    "choices": ", ".join(str(label).lower() for label in Status.labels),
                }
                if status_text
                else _("the status is empty; use one of: %s")
                % ", ".join(str(label).lower() for label in Status.labels),
            )
        values["status"] = status or Status.IDEA

        if has("samenvatting"):
            values["summary"] = cell("samenvatting")
        if has("akkoord"):
            text = cell("akkoord")
            agreement = _lookup(AGREEMENT_WORDS, text) if text else Agreement.OTHER
            if agreement is None:
                error(
                    "akkoord",
                    _("unknown agreement “%s”; use IZA, GALA, AZWA, HLO or anders") % text,
                )
            else:
                values["agreement"] = agreement
        if has("voortgang"):
            text = cell("voortgang").rstrip("%").strip()
            if text:
                try:
                    number_value = float(text.replace(",", "."))
                except ValueError:
                    number_value = -1
                if not 0 <= number_value <= 100:
                    error(
                        "voortgang", _("“%s” is not a progress from 0 to 100") % cell("voortgang")
                    )
                else:
                    values["progress"] = round(number_value)
        if has("schaal"):
            text = cell("schaal")
            if text:
                scale = _lookup(SCALE_WORDS, text)
                if scale is None:
                    error("schaal", _("unknown scale “%s”") % text)
                else:
                    values["scale"] = scale
        if has("goedkeuring"):
            text = cell("goedkeuring")
            approval = _lookup(APPROVAL_WORDS, text)
            if approval is None:
                error("goedkeuring", _("unknown approval state “%s”") % text)
            else:
                values["approval"] = approval
        for column, name in (("startdatum", "start_date"), ("einddatum", "end_date")):
            if has(column):
                try:
                    values[name] = parse_date(cell(column))
                except ValueError:
                    error(column, _("“%s” is not a date; write it as 31-12-2025") % cell(column))
        if (
            values.get("start_date")
            and values.get("end_date")
            and values["end_date"] < values["start_date"]
        ):
            error("einddatum", _("the end date lies before the start date"))
        if has("contactpersoon"):
            values["contact_name"] = cell("contactpersoon")[:150]
        if has("contact_email"):
            email = cell("contact_email")
            if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
                error("contact_email", _("“%s” is not an e-mail address") % email)
            else:
                values["contact_email"] = email
        if has("hoogtepunt"):
            text = cell("hoogtepunt").lower()
            if not text or text in ("nee", "no"):
                values["highlight_year"] = None
            elif text in ("ja", "yes", "x"):
                values["highlight_year"] = today.year
            elif re.fullmatch(r"20\d\d", text):
                values["highlight_year"] = int(text)
            else:
                error(
                    "hoogtepunt",
                    _("write a year (such as 2025) or “ja”, not “%s”") % cell("hoogtepunt"),
                )
        if has("zichtbaarheid"):
            text = cell("zichtbaarheid")
            level = _lookup(VISIBILITY_WORDS, text) if text else Confidentiality.NETWORK
            if level is None:
                error("zichtbaarheid", _("write “openbaar” or “netwerk”, not “%s”") % text)
            else:
                values["confidentiality"] = level

        municipalities: list[Municipality] | None = None
        if has("gemeenten"):
            municipalities = []
            region_wide = False
            for token in (t.strip() for t in SPLIT_RE.split(cell("gemeenten"))):
                if not token:
                    continue
                if token.lower() in REGION_WORDS:
                    region_wide = True
                    continue
                municipality = resolver.municipalities.get(token.lower())
                if municipality is None:
                    error("gemeenten", _("unknown municipality “%s”") % token)
                elif municipality.pk not in resolver.network_municipalities:
                    error(
                        "gemeenten",
                        _("%s is not one of the network's municipalities") % municipality.name,
                    )
                elif municipality not in municipalities:
                    municipalities.append(municipality)
            values["region_wide"] = region_wide
            if region_wide:
                municipalities = []
            if "scale" not in values and existing is None:
                values["scale"] = (
                    Scale.SUBREGION
                    if region_wide or len(municipalities) > 1
                    else Scale.MUNICIPALITY
                )

        if has("trekker"):
            text = cell("trekker")
            if not text:
                values["lead_organisation"] = None
            elif text.lower() in resolver.organisations:
                values["lead_organisation"] = resolver.organisations[text.lower()]
            else:
                error("trekker", _("“%s” is not an organisation of this network") % text)
        organisations: list[Organisation] = []
        if has("partners"):
            others = []
            for token in (t.strip() for t in THEME_SPLIT_RE.split(cell("partners"))):
                if not token:
                    continue
                if token.lower() in resolver.organisations:
                    organisations.append(resolver.organisations[token.lower()])
                else:
                    others.append(token)
            values["other_partners"] = "; ".join(others)[:300]

        themes: list[str] = []
        if has("themas"):
            for token in (t.strip() for t in THEME_SPLIT_RE.split(cell("themas"))):
                if not token:
                    continue
                theme = resolver.themes.get(" ".join(token.lower().split()))
                if theme is None:
                    error("themas", _("unknown theme “%s”") % token)
                elif theme not in themes:
                    themes.append(theme)

        funding: FundingRow | None = None
        amount_text = cell("bedrag")
        if amount_text:
            try:
                amount = parse_amount(amount_text)
            except InvalidOperation:
                error("bedrag", _("“%s” is not an amount in euros") % amount_text)
                amount = None
            if amount is not None and amount < 0:
                error("bedrag", _("the amount is negative (%s)") % amount_text)
            elif amount is not None and amount >= Decimal("10000000000"):
                error("bedrag", _("the amount is too large (%s)") % amount_text)
            source_text = cell("bron")
            source = _lookup(SOURCE_WORDS, source_text) if source_text else FundingSource.OTHER
            if source is None:
                error("bron", _("unknown source of funding “%s”") % source_text)
            year_text = cell("jaar")
            year: int | None
            if year_text:
                year = int(year_text) if re.fullmatch(r"20\d\d", year_text) else None
                if year is None:
                    error("jaar", _("“%s” is not a year") % year_text)
            else:
                start = values.get("start_date")
                year = start.year if start else today.year
            state_text = cell("financiering")
            state = (
                _lookup(FUNDING_STATE_WORDS, state_text) if state_text else FundingState.REQUESTED
            )
            if state is None:
                error(
                    "financiering", _("write “aangevraagd” or “toegekend”, not “%s”") % state_text
                )
            if amount is not None and amount >= 0 and source and year and state:
                funding = FundingRow(source=source, year=year, amount=amount, state=state)

        if row_errors:
            errors.extend(row_errors)
            continue
        if existing is None:
            values.setdefault("confidentiality", Confidentiality.NETWORK)
        plan.rows.append(
            RowPlan(
                row=number,
                title=title,
                project=existing,
                values=values,
                municipalities=municipalities,
                organisations=organisations,
                organisations_given=has("partners"),
                themes=themes,
                themes_given=has("themas"),
                funding=funding,
                status_column=cols["status"],
            )
        )
    if not errors and "zichtbaarheid" in cols:
        errors = _level_errors(plan, resolver, cols["zichtbaarheid"])
    if errors:
        raise ImportFailed(errors)
    return plan


def _level_errors(plan: ImportPlan, resolver: _Resolver, column: str) -> list[RowError]:
    """ "A sub-project is never more open than its parent" (``services._check_relations``), for
    the levels the file gives, with the rest of the file applied: a file may close a parent and
    its public sub-projects together, but not one of them."""
    projects = {p.pk: p for p in resolver.projects_by_code.values()}
    level = {pk: p.confidentiality for pk, p in projects.items()}
    for row in plan.rows:
        if row.project is not None and "confidentiality" in row.values:
            level[row.project.pk] = row.values["confidentiality"]
    children: dict[int, list[Project]] = {}
    for p in projects.values():
        if p.parent_id is not None:
            children.setdefault(p.parent_id, []).append(p)
    errors = []
    for row in plan.rows:
        if row.project is None or "confidentiality" not in row.values:
            continue
        pk = row.project.pk
        parent = projects.get(row.project.parent_id) if row.project.parent_id else None
        if parent is not None and is_more_open(level[pk], level[parent.pk]):
            errors.append(
                RowError(
                    row.row,
                    column,
                    _("a sub-project cannot be more open than its parent project “%s”")
                    % parent.title,
                )
            )
        opener = [c.title for c in children.get(pk, []) if is_more_open(level[c.pk], level[pk])]
        if opener:
            errors.append(
                RowError(
                    row.row,
                    column,
                    _("these sub-projects are more open; close them in the same file: %s")
                    % ", ".join(sorted(opener)),
                )
            )
    return errors


TEMPLATE_COLUMNS = [
    "titel",
    "samenvatting",
    "akkoord",
    "themas",
    "status",
    "voortgang",
    "gemeenten",
    "trekker",
    "partners",
    "startdatum",
    "einddatum",
    "bron",
    "jaar",
    "bedrag",
    "financiering",
    "hoogtepunt",
    "zichtbaarheid",
]


def template_rows(municipality_names: list[str]) -> list[list[str]]:
    """Two example rows for the template download (in the network's own municipalities)."""
    first = municipality_names[0] if municipality_names else "hele regio"
    return [
        [
            "Valpreventie in de wijk",
            "Screening op valrisico door de eerste lijn en een passend beweegaanbod.",
            "GALA",
            "GALA 6; Valpreventie",
            "lopend",
            "40",
            first,
            "",
            "",
            "01-03-2025",
            "31-12-2026",
            "brede spuk",
            "2025",
            "45.000",
            "toegekend",
            "",
            "openbaar",
        ],
        [
            "Inloop Sociaal en Gezond",
            "Een inloop in de bibliotheek voor vragen over geld, gezondheid en meedoen.",
            "AZWA",
            "AZWA: Leefstijl; Inloopvoorzieningen Sociaal en Gezond",
            "gepland",
            "0",
            "hele regio",
            "",
            "",
            "01-01-2027",
            "",
            "azwa",
            "2027",
            "120.000",
            "aangevraagd",
            "",
            "netwerk",
        ],
    ]
