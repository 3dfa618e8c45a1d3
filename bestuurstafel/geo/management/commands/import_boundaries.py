from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bestuurstafel.core.imports import ImportFailed
from bestuurstafel.geo.services import boundaries_import


class Command(BaseCommand):
    help = (
        "Import municipal boundaries from GeoJSON or TopoJSON (WGS84; property statcode), such as "
        "gemeente_2025.topojson. The file is read from its path and never copied."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="path", required=True, help="GeoJSON or TopoJSON file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            result = boundaries_import(path=path)
        except ImportFailed as exc:
            raise CommandError(
                "Niets opgeslagen.\n" + "\n".join(str(e) for e in exc.errors)
            ) from None
        self.stdout.write(
            f"{result['matched']} grenzen ingelezen; {result['without_boundary']} gemeenten zonder grens."
        )
