from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bestuurstafel.core.imports import ImportFailed
from bestuurstafel.geo.services import municipalities_import


class Command(BaseCommand):
    help = (
        "Import municipalities (code, name, province) from a CSV or XLSX file, such as "
        "gemeenten_2025.csv or the CBS table 'Gebieden in Nederland'. All rows or none."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="path", required=True, help="CSV or XLSX file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            with path.open("rb") as file:
                result = municipalities_import(file=file, filename=path.name)
        except ImportFailed as exc:
            raise CommandError(
                "Niets opgeslagen.\n" + "\n".join(str(e) for e in exc.errors)
            ) from None
        self.stdout.write(
            f"{result['created']} gemeenten toegevoegd, {result['updated']} bijgewerkt."
        )
