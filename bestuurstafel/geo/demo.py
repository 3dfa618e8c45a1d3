"""Demo reference data: the municipalities (project fixture), boundaries when the reference
data is present, and the regions around Utrecht."""

from django.conf import settings
from django.core.management import call_command

from .models import Municipality, Region
from .services import boundaries_import

# The IZA cooperation regions around Utrecht (membership inferred from the VWS allocation; see
# docs/domain.md) and the U16.
REGIONS = [
    (
        "utrecht-zuidoost",
        "Utrecht Zuidoost",
        Region.Kind.IZA,
        "GM0355",
        ["GM0355", "GM0310", "GM0312", "GM1581", "GM0352"],
    ),
    ("utrecht-stad", "Utrecht", Region.Kind.IZA, "GM0344", ["GM0344"]),
    (
        "lekstroom",
        "Lekstroom",
        Region.Kind.IZA,
        "GM0353",
        ["GM0321", "GM0353", "GM0331", "GM0356", "GM1961"],
    ),
    (
        "utrecht-west",
        "Utrecht/West",
        Region.Kind.IZA,
        "GM0736",
        ["GM0736", "GM0335", "GM0589", "GM1904", "GM0632"],
    ),
    (
        "u16",
        "U16",
        Region.Kind.SUBREGION,
        "GM0344",
        [
            "GM0310",
            "GM0312",
            "GM0321",
            "GM0335",
            "GM0344",
            "GM0352",
            "GM0353",
            "GM0356",
            "GM0589",
            "GM0632",
            "GM0736",
            "GM1581",
            "GM1904",
            "GM1961",
            "GM0331",
            "GM0355",
        ],
    ),
]


def load() -> None:
    call_command("loaddata", "municipalities", verbosity=0)
    boundaries = settings.REFERENCE_DATA_DIR / "gemeente_2025.topojson"
    if boundaries.exists() and not Municipality.objects.filter(boundary__isnull=False).exists():
        boundaries_import(path=boundaries)
    by_code = {m.code: m for m in Municipality.objects.all()}
    for slug, name, kind, lead, codes in REGIONS:
        region, _created = Region.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "lead_municipality": by_code[lead]}
        )
        region.municipalities.set([by_code[c] for c in codes])
