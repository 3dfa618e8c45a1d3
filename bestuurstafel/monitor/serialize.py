"""Projects and figures as rows (CSV/XLSX, the same columns the import reads) and as JSON
(the API and the JSON export). Callers pass querysets from ``selectors.project_list_full``, so
nothing here runs a query of its own."""

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurstafel.core.confidentiality import Confidentiality

from .models import Approval, FundingState, Project, Scale, Status
from .selectors import Figures

EXPORT_COLUMNS = [
    "code",
    "titel",
    "samenvatting",
    "akkoord",
    "themas",
    "status",
    "voortgang",
    "gemeenten",
    "schaal",
    "trekker",
    "partners",
    "startdatum",
    "einddatum",
    "goedkeuring",
    "contactpersoon",
    "contact_email",
    "hoogtepunt",
    "zichtbaarheid",
    "toegekend",
    "aangevraagd",
    "onderdelen",
    "bijgewerkt",
]


def _date(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _sum(project: Project, state: str) -> Decimal:
    return sum((f.amount for f in project.funding.all() if f.state == state), start=Decimal(0))


def places(project: Project) -> str:
    if project.region_wide:
        return _("whole region")
    return ", ".join(m.name for m in project.municipalities.all())


def project_row(project: Project, labels: dict[str, str]) -> list[Any]:
    """One row of the export, in ``EXPORT_COLUMNS`` order (readable by the import)."""
    parts = list(project.parts.all())
    partners = [o.name for o in project.organisations.all()]
    if project.other_partners:
        partners.append(project.other_partners)
    return [
        str(project.code),
        project.title,
        project.summary,
        project.get_agreement_display(),
        "; ".join(labels.get(t.key, t.key) for t in project.themes.all()),
        str(Status(project.status).label).lower(),
        project.progress,
        places(project),
        str(Scale(project.scale).label).lower(),
        project.lead_organisation.name if project.lead_organisation else "",
        "; ".join(partners),
        _date(project.start_date),
        _date(project.end_date),
        str(Approval(project.approval).label).lower() if project.approval else "",
        project.contact_name,
        project.contact_email,
        project.highlight_year or "",
        "openbaar" if project.confidentiality == Confidentiality.PUBLIC else "netwerk",
        _sum(project, FundingState.GRANTED),
        _sum(project, FundingState.REQUESTED),
        (
            _("%(ready)d of %(total)d ready")
            % {"ready": sum(1 for p in parts if p.state == "ready"), "total": len(parts)}
            if parts
            else ""
        ),
        timezone.localdate(project.updated_at).isoformat(),
    ]


def absolute(request: Any, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def project_json(
    project: Project, labels: dict[str, str], *, slug: str, request: Any = None
) -> dict[str, Any]:
    """A project for the API and the JSON export."""
    parts = list(project.parts.all())
    return {
        "code": str(project.code),
        "url": absolute(
            request, reverse("monitor:project", kwargs={"slug": slug, "code": project.code})
        ),
        "title": project.title,
        "summary": project.summary,
        "agreement": project.agreement,
        "themes": [{"key": t.key, "label": labels.get(t.key, t.key)} for t in project.themes.all()],
        "status": project.status,
        "status_label": str(Status(project.status).label),
        "status_since": project.status_since.isoformat() if project.status_since else None,
        "approval": project.approval or None,
        "progress": project.progress,
        "parts": {
            "total": len(parts),
            "ready": sum(1 for p in parts if p.state == "ready"),
            "items": [
                {"title": p.title, "state": p.state, "progress": p.effective_progress}
                for p in parts
            ],
        },
        "region_wide": project.region_wide,
        "municipalities": [{"code": m.code, "name": m.name} for m in project.municipalities.all()],
        "scale": project.scale,
        "lead_organisation": project.lead_organisation.name if project.lead_organisation else None,
        "organisations": [o.name for o in project.organisations.all()],
        "other_partners": project.other_partners,
        "start_date": project.start_date.isoformat() if project.start_date else None,
        "end_date": project.end_date.isoformat() if project.end_date else None,
        "funding": [
            {
                "source": f.source,
                "source_label": f.get_source_display(),
                "year": f.year,
                "amount": str(f.amount),
                "state": f.state,
            }
            for f in project.funding.all()
        ],
        "funding_granted": str(_sum(project, FundingState.GRANTED)),
        "highlight_year": project.highlight_year,
        "confidentiality": project.confidentiality,
        "updated_at": project.updated_at.isoformat(),
    }


def figures_json(row: Figures, url: str) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "running": row.running,
        "planned": row.planned,
        "completed": row.completed,
        "other": row.other,
        "total": row.total,
        "url": url,
    }
