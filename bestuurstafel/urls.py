from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("bestuurstafel.core.urls")),
    path("account/", include("bestuurstafel.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The Django admin logs in through our two-step login (password, then the code).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
    path("", include("bestuurstafel.networks.urls")),
    path("", include("bestuurstafel.meetings.urls")),
    path("", include("bestuurstafel.monitor.urls")),
]

admin.site.site_header = "Bestuurstafel — platformbeheer"
admin.site.site_title = "Bestuurstafel"
