from django.urls import path

from .views import invitations, manage, members, public

app_name = "networks"

urlpatterns = [
    path("", public.home, name="home"),
    path("netwerken/<slug:slug>/", public.detail, name="detail"),
    path("netwerken/<slug:slug>/dekking/", public.coverage, name="coverage"),
    path("netwerken/<slug:slug>/organen/<slug:body>/", public.body_detail, name="body"),
    path("netwerken/<slug:slug>/wie-is-wie/", members.directory, name="directory"),
    path("netwerken/<slug:slug>/mensen/<str:code>/", members.person, name="person"),
    path("profiel/", members.profile, name="profile"),
    path("profiel/bewerken/", members.profile_edit, name="profile_edit"),
    path("uitnodiging/<str:token>/", invitations.accept, name="invitation_accept"),
    # The secretary's pages
    path("netwerken/<slug:slug>/beheer/", manage.overview, name="manage"),
    path(
        "netwerken/<slug:slug>/beheer/instellingen/", manage.settings_edit, name="manage_settings"
    ),
    path(
        "netwerken/<slug:slug>/beheer/organisaties/",
        manage.organisations,
        name="manage_organisations",
    ),
    path(
        "netwerken/<slug:slug>/beheer/organisaties/nieuw/",
        manage.organisation_add,
        name="manage_organisation_add",
    ),
    path(
        "netwerken/<slug:slug>/beheer/organisaties/importeren/",
        manage.organisations_import,
        name="manage_organisations_import",
    ),
    path(
        "netwerken/<slug:slug>/beheer/organisaties/<str:code>/",
        manage.organisation_edit,
        name="manage_organisation",
    ),
    path("netwerken/<slug:slug>/beheer/leden/", manage.members, name="manage_members"),
    path("netwerken/<slug:slug>/beheer/leden/uitnodigen/", manage.invite, name="manage_invite"),
    path(
        "netwerken/<slug:slug>/beheer/leden/inlog-sturen/",
        manage.members_login,
        name="manage_members_login",
    ),
    path(
        "netwerken/<slug:slug>/beheer/leden/<str:code>/", manage.member_edit, name="manage_member"
    ),
    path(
        "netwerken/<slug:slug>/beheer/leden/<str:code>/inlog-sturen/",
        manage.member_login,
        name="manage_member_login",
    ),
    path(
        "netwerken/<slug:slug>/beheer/leden/<str:code>/beeindigen/",
        manage.member_end,
        name="manage_member_end",
    ),
    path(
        "netwerken/<slug:slug>/beheer/uitnodigingen/", manage.invitations, name="manage_invitations"
    ),
    path(
        "netwerken/<slug:slug>/beheer/uitnodigingen/<str:code>/opnieuw/",
        manage.invitation_resend,
        name="manage_invitation_resend",
    ),
    path(
        "netwerken/<slug:slug>/beheer/uitnodigingen/<str:code>/intrekken/",
        manage.invitation_revoke,
        name="manage_invitation_revoke",
    ),
    path("netwerken/<slug:slug>/beheer/organen/", manage.bodies, name="manage_bodies"),
    path("netwerken/<slug:slug>/beheer/organen/nieuw/", manage.body_add, name="manage_body_add"),
    path(
        "netwerken/<slug:slug>/beheer/organen/<slug:body>/",
        manage.body_composition,
        name="manage_body",
    ),
    path(
        "netwerken/<slug:slug>/beheer/organen/<slug:body>/bewerken/",
        manage.body_edit,
        name="manage_body_edit",
    ),
    path(
        "netwerken/<slug:slug>/beheer/organen/<slug:body>/zetels/<int:seat>/",
        manage.seat_edit,
        name="manage_seat",
    ),
    path("netwerken/<slug:slug>/beheer/logboek/", manage.audit_log, name="manage_audit"),
]
