"""The controlled vocabularies of the monitor (docs/domain.md §1.4-1.5).

A project's themes are stored as keys ``"<scheme>:<value>"`` (``iza:G``, ``gala:6``,
``azwa:vital_ageing``, ``azwaf:fall_prevention``, ``koers:<slug>``, ``pg:participation``,
``4d:social``). Every scheme but the network's own course lines (``koers``) is fixed here; the
course lines come from the network's monitor settings.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

IZA_PARTS: list[tuple[str, Any]] = [
    ("A", _("Appropriate care")),
    ("B", _("Regional cooperation (general)")),
    ("C", _("Acute care")),
    ("D", _("Concentration and distribution")),
    ("E", _("Strengthening the organisation of primary care")),
    ("F", _("Cooperation of the social domain, GP care and mental health care")),
    ("G", _("Healthy living and prevention")),
    ("H", _("Labour market")),
    ("I", _("Digitalisation and data exchange")),
    ("J", _("Contracting")),
    ("K", _("Finances")),
    ("L", _("Monitoring")),
]

GALA_GOALS: list[tuple[str, Any]] = [
    ("1", _("Reducing health inequalities")),
    ("2", _("A healthy physical environment that invites exercise and meeting")),
    ("3", _("Strengthening (the connection with) the social base")),
    ("4", _("Healthy lifestyle")),
    ("5", _("Mental resilience and mental health")),
    ("6", _("Healthy ageing")),
    ("7", _("Cross-domain work from a regional prevention infrastructure")),
]

AZWA_LIFE_AREAS: list[tuple[str, Any]] = [
    ("mental_health", _("Mental health")),
    ("vital_ageing", _("Vital ageing")),
    ("lifestyle", _("Lifestyle")),
    ("growing_up", _("Growing up with good chances")),
    ("health_inequalities", _("Reducing and preventing health inequalities")),
]

# The AZWA core functions (D5 "basisfunctionaliteiten", incl. development agenda 1) and the basic
# infrastructure of the social domain (D6).
AZWA_FUNCTIONS: list[tuple[str, Any]] = [
    (
        "epa_support_points",
        _("Low-threshold support points for people with a severe mental illness"),
    ),
    ("social_prescribing", _("Social prescribing (Welzijn op Recept)")),
    ("mental_health_networks", _("Mental health networks")),
    ("fall_prevention", _("Fall prevention")),
    ("dementia_chain", _("Chain approach to dementia")),
    ("combined_lifestyle", _("Combined lifestyle intervention for adults (GLI)")),
    ("nicotine_free", _("Nicotine-free")),
    ("promising_start", _("Promising start: integrated family clinic and Nu Niet Zwanger")),
    ("overweight_children", _("Chain approach to overweight and obesity in children")),
    ("smoke_free_start", _("Smoke-free start")),
    ("multi_problem", _("Approach to multiple problems")),
    ("walk_in", _("Walk-in facilities for social and health questions")),
    ("local_team", _("Local team: close neighbourhood ties with primary care")),
    ("medical_social", _("Coordination of medical and social cooperation")),
    ("healthy_school", _("(Mentally) Healthy School")),
    ("sports_coaches", _("Neighbourhood sports coaches")),
    ("informal_carers", _("Support for informal carers")),
]

POSITIVE_HEALTH: list[tuple[str, Any]] = [
    ("bodily_functions", _("Bodily functions")),
    ("mental_wellbeing", _("Mental well-being")),
    ("meaning", _("Meaningfulness")),
    ("quality_of_life", _("Quality of life")),
    ("participation", _("Participation")),
    ("daily_functioning", _("Daily functioning")),
]

FOUR_D: list[tuple[str, Any]] = [
    ("body", _("Body")),
    ("mind", _("Mind")),
    ("societal", _("Societal")),
    ("social", _("Social")),
]


@dataclass(frozen=True)
class Scheme:
    key: str
    label: Any
    short: Any
    choices: list[tuple[str, Any]]


FIXED_SCHEMES: list[Scheme] = [
    Scheme("iza", _("IZA work agenda parts"), "IZA", IZA_PARTS),
    Scheme("gala", _("GALA goals"), "GALA", GALA_GOALS),
    Scheme("azwa", _("AZWA life areas"), "AZWA", AZWA_LIFE_AREAS),
    Scheme("azwaf", _("AZWA core functions"), _("AZWA function"), AZWA_FUNCTIONS),
    Scheme("pg", _("Positive health"), _("Positive health"), POSITIVE_HEALTH),
    Scheme("4d", _("4D model"), "4D", FOUR_D),
]
COURSE = "koers"
SCHEME_ORDER = ["koers", "iza", "gala", "azwa", "azwaf", "pg", "4d"]


def course_line_choices(course_lines: list[str]) -> list[tuple[str, str]]:
    """The network's own course lines (labels) as (slug, label) choices."""
    seen: set[str] = set()
    result = []
    for label in course_lines:
        key = slugify(label)[:60]
        if key and key not in seen:
            seen.add(key)
            result.append((key, label))
    return result


def schemes(course_lines: list[str]) -> list[Scheme]:
    """All schemes of a network, its own course lines first (when it has any)."""
    result = []
    if course_lines:
        result.append(
            Scheme(
                COURSE,
                _("Course lines of the network"),
                _("Course"),
                course_line_choices(course_lines),
            )
        )
    return result + FIXED_SCHEMES


def theme_labels(course_lines: list[str]) -> dict[str, str]:
    """Every theme key of a network with its readable label, e.g. {"iza:G": "IZA G: Healthy ..."}."""
    labels: dict[str, str] = {}
    for scheme in schemes(course_lines):
        for value, label in scheme.choices:
            if scheme.key == "iza":
                labels[f"iza:{value}"] = f"IZA {value}: {label}"
            elif scheme.key == "gala":
                labels[f"gala:{value}"] = f"GALA {value}: {label}"
            elif scheme.key in ("azwa", "4d"):
                # Prefixed: "Vitaal ouder worden" is both a GALA goal and an AZWA life area.
                labels[f"{scheme.key}:{value}"] = f"{scheme.short}: {label}"
            else:
                labels[f"{scheme.key}:{value}"] = str(label)
    return labels


def theme_choices(course_lines: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a <select> with <optgroup>s."""
    labels = theme_labels(course_lines)
    return [
        (
            str(scheme.label),
            [(f"{scheme.key}:{v}", labels[f"{scheme.key}:{v}"]) for v, _label in scheme.choices],
        )
        for scheme in schemes(course_lines)
    ]
