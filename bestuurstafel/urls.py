from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("bestuurstafel.core.urls")),
    path("account/", include("bestuurstafel.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("bestuurstafel.networks.urls")),
    path("", include("bestuurstafel.meetings.urls")),
    path("", include("bestuurstafel.monitor.urls")),
]

admin.site.site_header = "Bestuurstafel — platformbeheer"
admin.site.site_title = "Bestuurstafel"
