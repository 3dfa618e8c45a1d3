from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "bestuurstafel.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from bestuurstafel.core import audit
        from bestuurstafel.core.navigation import register_network_tab

        from . import permissions

        register_network_tab(
            key="about",
            label=_("About"),
            url_name="networks:detail",
            order=0,
            visible=lambda viewer, network: True,
        )
        register_network_tab(
            key="directory",
            label=_("Who is who"),
            url_name="networks:directory",
            order=10,
            visible=permissions.can_view_directory,
        )
        register_network_tab(
            key="coverage",
            label=_("Coverage"),
            url_name="networks:coverage",
            order=80,
            visible=lambda viewer, network: True,
        )
        register_network_tab(
            key="manage",
            label=_("Manage"),
            url_name="networks:manage",
            order=100,
            visible=permissions.can_manage_network,
        )

        audit.register_labels(
            {
                "networks.network_update": _("changed the network settings"),
                "networks.organisation_create": _("added an organisation"),
                "networks.organisation_update": _("changed an organisation"),
                "networks.organisation_delete": _("removed an organisation"),
                "networks.organisations_import": _("imported organisations"),
                "networks.membership_create": _("added a membership"),
                "networks.membership_update": _("changed a membership"),
                "networks.membership_end": _("ended a membership"),
                "networks.profile_update": _("changed their profile"),
                "networks.invitation_create": _("sent an invitation"),
                "networks.invitation_resend": _("sent an invitation again"),
                "networks.invitation_revoke": _("withdrew an invitation"),
                "networks.invitation_accept": _("accepted an invitation"),
                "networks.login_invitation_create": _("sent an invitation to make a login"),
                "networks.body_create": _("added a body"),
                "networks.body_update": _("changed a body"),
                "networks.body_member_add": _("added someone to a body"),
                "networks.body_member_update": _("changed a seat in a body"),
            }
        )
