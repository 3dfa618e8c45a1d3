from django.urls import path, re_path

from .views import agenda, documents, lists, meetings, minutes

app_name = "meetings"

M = "netwerken/<slug:slug>/vergaderingen/<uuid:code>/"

urlpatterns = [
    path("mijn-overzicht/", meetings.dashboard, name="dashboard"),
    path("mijn-overzicht/agenda-koppeling/", documents.calendar_link, name="calendar_link"),
    path("agenda/<str:token>.ics", documents.feed_personal, name="feed_personal"),
    # A network's meetings and lists
    path("netwerken/<slug:slug>/vergaderingen/", meetings.meeting_list, name="list"),
    path("netwerken/<slug:slug>/vergaderingen.ics", documents.feed_network, name="feed_network"),
    path(
        "netwerken/<slug:slug>/organen/<slug:body>/vergaderingen.ics",
        documents.feed_body,
        name="feed_body",
    ),
    path("netwerken/<slug:slug>/vergaderingen/nieuw/", meetings.create, name="create"),
    path("netwerken/<slug:slug>/vergaderingen/reeks/", meetings.series_create, name="series"),
    path("netwerken/<slug:slug>/vergaderlast/", meetings.load, name="load"),
    path("netwerken/<slug:slug>/besluiten/", lists.decisions, name="decisions"),
    re_path(
        r"^netwerken/(?P<slug>[-a-zA-Z0-9_]+)/besluiten\.(?P<fmt>csv|xlsx)$",
        lists.decisions_export,
        name="decisions_export",
    ),
    path("netwerken/<slug:slug>/acties/", lists.actions, name="actions"),
    re_path(
        r"^netwerken/(?P<slug>[-a-zA-Z0-9_]+)/acties\.(?P<fmt>csv|xlsx)$",
        lists.actions_export,
        name="actions_export",
    ),
    path(
        "netwerken/<slug:slug>/acties/<uuid:code>/status/",
        lists.action_status,
        name="action_status",
    ),
    path("netwerken/<slug:slug>/reflecties/", lists.reflections, name="reflections"),
    # One meeting
    path(M, meetings.detail, name="detail"),
    path(M + "bewerken/", meetings.edit, name="edit"),
    path(M + "publiceren/", meetings.publish, name="publish"),
    path(M + "wijzigingen-versturen/", meetings.send_update, name="send_update"),
    path(M + "annuleren/", meetings.cancel, name="cancel"),
    path(M + "aanmelden/", meetings.rsvp, name="rsvp"),
    path(M + "vergadering.ics", documents.meeting_ics, name="ics"),
    path(M + "agenda.pdf", documents.agenda_pdf, name="agenda_pdf"),
    path(M + "agenda/", agenda.builder, name="agenda"),
    path(M + "agenda/volgorde/", agenda.reorder, name="agenda_reorder"),
    path(M + "agenda/<uuid:item>/", agenda.item_edit, name="item_edit"),
    path(M + "agenda/<uuid:item>/verplaatsen/", agenda.item_move, name="item_move"),
    path(M + "agenda/<uuid:item>/verwijderen/", agenda.item_delete, name="item_delete"),
    path(M + "agenda/<uuid:item>/doorschuiven/", agenda.item_carry, name="item_carry"),
    path(M + "agenda/<uuid:item>/bijlagen/", agenda.attachment_add, name="attachment_add"),
    path(M + "bijlagen/<uuid:attachment>/", agenda.attachment_download, name="attachment"),
    path(
        M + "bijlagen/<uuid:attachment>/verwijderen/",
        agenda.attachment_delete,
        name="attachment_delete",
    ),
    path(M + "aanwezigheid/", minutes.attendance, name="attendance"),
    path(
        M + "aanwezigheid/gasten/<uuid:guest>/verwijderen/",
        minutes.guest_remove,
        name="guest_remove",
    ),
    path(M + "verslag/", minutes.minutes, name="minutes"),
    path(M + "verslag/versturen/", minutes.minutes_send, name="minutes_send"),
    path(M + "verslag/vaststellen/", minutes.minutes_approve, name="minutes_approve"),
    path(M + "verslag/opmerkingen/", minutes.minutes_comment_add, name="minutes_comment_add"),
    path(
        M + "verslag/opmerkingen/<uuid:comment>/verwerkt/",
        minutes.minutes_comment_handle,
        name="minutes_comment_handle",
    ),
    path(
        M + "verslag/opmerkingen/<uuid:comment>/intrekken/",
        minutes.minutes_comment_withdraw,
        name="minutes_comment_withdraw",
    ),
    path(M + "verslag/<uuid:item>/", minutes.minutes_item, name="minutes_item"),
    path(M + "verslag/<uuid:item>/besluit/", minutes.decision_add, name="decision_add"),
    path(M + "verslag/<uuid:item>/actie/", minutes.action_add, name="action_add"),
    path(M + "verslag/<uuid:item>/verzoek/", minutes.request_add, name="request_add"),
    path(
        M + "besluiten/<uuid:decision>/verwijderen/",
        minutes.decision_delete,
        name="decision_delete",
    ),
    path(M + "besluiten/<uuid:decision>/wijzigen/", minutes.decision_edit, name="decision_edit"),
    path(M + "acties/<uuid:action>/wijzigen/", minutes.action_edit, name="action_edit"),
    path(M + "acties/<uuid:action>/verwijderen/", minutes.action_delete, name="action_delete"),
    path(M + "verslag.pdf", documents.minutes_pdf, name="minutes_pdf"),
    path(M + "verslag.docx", documents.minutes_docx, name="minutes_docx"),
    path(M + "reflecties/", minutes.reflections, name="meeting_reflections"),
]
