from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "bestuurstafel.monitor"
    label = "monitor"
    verbose_name = _("Programme monitor")

    def ready(self) -> None:
        from bestuurstafel.core import audit
        from bestuurstafel.core.navigation import register_network_tab

        register_network_tab(
            key="monitor",
            label=_("Monitor"),
            url_name="monitor:dashboard",
            order=30,
            visible=lambda viewer, network: True,
        )
        audit.register_labels(
            {
                "monitor.settings_update": _("changed the monitor settings"),
                "monitor.project_create": _("added a project"),
                "monitor.project_update": _("changed a project"),
                "monitor.project_delete": _("removed a project"),
                "monitor.project_progress": _("rolled up the progress of a project"),
                "monitor.project_parts": _("changed the parts of a project"),
                "monitor.project_milestones": _("changed the milestones of a project"),
                "monitor.project_funding": _("changed the funding of a project"),
                "monitor.projects_import": _("imported projects"),
                "monitor.import_job_create": _("uploaded a spreadsheet of projects"),
                "monitor.import_job_confirm": _("confirmed an import of projects"),
            }
        )
