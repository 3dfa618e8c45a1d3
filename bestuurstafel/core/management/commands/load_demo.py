from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo networks. Every app with a `demo` module contributes, in the order of "
        "INSTALLED_APPS. Running it again changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                if not config.name.startswith("bestuurstafel."):
                    continue
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.load()
                loaded.append(config.label)
        self.stdout.write(f"Demo loaded ({', '.join(loaded)}).")
        if not options["quiet"]:
            from bestuurstafel.networks.demo import logins_text

            self.stdout.write(logins_text())
