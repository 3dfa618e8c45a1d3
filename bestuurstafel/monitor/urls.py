from django.urls import path, re_path

from .views import api, exports, manage, public

app_name = "monitor"

M = "netwerken/<slug:slug>/monitor/"

urlpatterns = [
    # Public
    path(M, public.dashboard, name="dashboard"),
    path(f"{M}kaart.svg", public.map_svg, name="map"),
    path(f"{M}insluiten/", public.embed, name="embed"),
    path(f"{M}gemeenten/<str:code>/", public.municipality, name="municipality"),
    path(f"{M}projecten/<str:code>/", public.project, name="project"),
    path(f"{M}open-data/", public.open_data, name="open_data"),
    re_path(
        r"^netwerken/(?P<slug>[-a-zA-Z0-9_]+)/monitor/export\.(?P<fmt>csv|xlsx|json)$",
        exports.export,
        name="export",
    ),
    path(f"{M}gemeenten.geojson", exports.geojson, name="geojson"),
    # Open-data API
    path(f"{M}api/v1/openapi.json", api.schema, name="api_schema"),
    path(f"{M}api/v1/projecten/", api.projects, name="api_projects"),
    path(f"{M}api/v1/projecten/<str:code>/", api.project, name="api_project"),
    path(f"{M}api/v1/gemeenten/", api.municipalities, name="api_municipalities"),
    # The core team
    path(f"{M}beheer/", manage.manage, name="manage"),
    path(f"{M}beheer/nieuw/", manage.project_add, name="project_add"),
    path(f"{M}beheer/instellingen/", manage.settings_edit, name="settings"),
    path(f"{M}beheer/importeren/", manage.import_upload, name="import"),
    path(f"{M}beheer/importeren/voorbeeld.csv", manage.import_template, name="import_template"),
    path(f"{M}beheer/importeren/<str:code>/", manage.import_job, name="import_job"),
    path(
        f"{M}beheer/importeren/<str:code>/bevestigen/",
        manage.import_job_confirm,
        name="import_job_confirm",
    ),
    path(f"{M}projecten/<str:code>/bewerken/", manage.project_edit, name="project_edit"),
    path(f"{M}projecten/<str:code>/onderdelen/", manage.project_parts, name="project_parts"),
    path(
        f"{M}projecten/<str:code>/mijlpalen/", manage.project_milestones, name="project_milestones"
    ),
    path(f"{M}projecten/<str:code>/financiering/", manage.project_funding, name="project_funding"),
    path(f"{M}projecten/<str:code>/verwijderen/", manage.project_delete, name="project_delete"),
]
