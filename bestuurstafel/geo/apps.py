from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "bestuurstafel.geo"
    label = "geo"
    verbose_name = _("Municipalities and regions")

    def ready(self) -> None:
        from bestuurstafel.core import audit

        audit.register_labels(
            {
                "geo.municipalities_import": _("imported the municipalities"),
                "geo.boundaries_import": _("imported the municipal boundaries"),
            }
        )
