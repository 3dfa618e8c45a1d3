from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "bestuurstafel.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from bestuurstafel.core import audit
        from bestuurstafel.core.navigation import register_network_tab, register_start_page

        from . import permissions, signals

        signals.connect()

        register_network_tab(
            key="meetings",
            label=_("Meetings"),
            url_name="meetings:list",
            order=20,
            visible=lambda viewer, network: True,
        )
        register_network_tab(
            key="decisions",
            label=_("Decisions"),
            url_name="meetings:decisions",
            order=30,
            visible=lambda viewer, network: True,
        )
        register_network_tab(
            key="actions",
            label=_("Actions"),
            url_name="meetings:actions",
            order=40,
            visible=permissions.can_view_actions,
        )
        register_start_page(url_name="meetings:dashboard", order=10)

        audit.register_labels(
            {
                "meetings.meeting_create": _("planned a meeting"),
                "meetings.series_create": _("planned a series of meetings"),
                "meetings.meeting_update": _("changed a meeting"),
                "meetings.meeting_publish": _("published an agenda and sent the invitations"),
                "meetings.meeting_send_update": _("sent an updated agenda"),
                "meetings.meeting_cancel": _("cancelled a meeting"),
                "meetings.item_add": _("added an agenda item"),
                "meetings.item_update": _("changed an agenda item"),
                "meetings.item_delete": _("removed an agenda item"),
                "meetings.item_carry_over": _("carried an item to a later meeting"),
                "meetings.agenda_reorder": _("changed the order of the agenda"),
                "meetings.attachment_add": _("added an attachment"),
                "meetings.attachment_delete": _("removed an attachment"),
                "meetings.rsvp": _("answered an invitation"),
                "meetings.attendance": _("recorded the attendance"),
                "meetings.guest_remove": _("removed a guest"),
                "meetings.minutes_save": _("wrote minutes"),
                "meetings.minutes_send": _("sent minutes for comment"),
                "meetings.minutes_approve": _("approved minutes"),
                "meetings.minutes_comment_add": _("commented on minutes"),
                "meetings.minutes_comment_handle": _("processed a comment on minutes"),
                "meetings.minutes_comment_withdraw": _("withdrew a comment on minutes"),
                "meetings.decision_record": _("recorded a decision"),
                "meetings.decision_delete": _("removed a decision"),
                "meetings.decision_update": _("changed a decision"),
                "meetings.action_create": _("added an action"),
                "meetings.action_done": _("marked an action done"),
                "meetings.action_reopen": _("opened an action again"),
                "meetings.action_delete": _("removed an action"),
                "meetings.action_update": _("changed an action"),
                "meetings.reflection_add": _("added a lesson learned"),
                "meetings.calendar_link_create": _("made a calendar address"),
                "meetings.calendar_link_revoke": _("revoked a calendar address"),
            }
        )
