import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bestuurstafel.core.imports import ImportFailed, read_table, resolve_columns
from bestuurstafel.geo.services import MUNICIPALITY_COLUMNS

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "municipalities.json"


class Command(BaseCommand):
    help = (
        "Write the municipality list (public fact: code, name, province, label point) as the "
        "project fixture geo/fixtures/municipalities.json, from a CSV such as gemeenten_2025.csv."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="path", required=True)
        parser.add_argument("--to", dest="target", default=str(FIXTURE))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            with path.open("rb") as file:
                table = read_table(file, path.name)
            cols = resolve_columns(table, MUNICIPALITY_COLUMNS, {"gemeentecode", "gemeentenaam"})
        except (OSError, ImportFailed) as exc:
            raise CommandError(str(exc)) from None
        records = [
            {
                "model": "geo.municipality",
                "fields": {
                    "code": row[cols["gemeentecode"]],
                    "name": row[cols["gemeentenaam"]],
                    "province_code": row.get(cols.get("provinciecode", ""), ""),
                    "province_name": row.get(cols.get("provincienaam", ""), ""),
                    "label_lon": row.get(cols.get("label_lon", "")) or None,
                    "label_lat": row.get(cols.get("label_lat", "")) or None,
                },
            }
            for _number, row in sorted(table, key=lambda r: r[1][cols["gemeentecode"]])
        ]
        Path(options["target"]).write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        self.stdout.write(f"{len(records)} gemeenten geschreven naar {options['target']}")
