from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.login_code, name="login_code"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("taal/", views.language_switch, name="language"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("wachtwoord-wijzigen/", views.PasswordChangeView.as_view(), name="password_change"),
    path("sessies-beeindigen/", views.sessions_end_others, name="sessions_end_others"),
    path("tweestapsverificatie/", views.two_factor, name="two_factor"),
    path("tweestapsverificatie/instellen/", views.two_factor_setup, name="two_factor_setup"),
    path("tweestapsverificatie/controle/", views.two_factor_verify, name="two_factor_verify"),
    path(
        "tweestapsverificatie/herstelcodes/",
        views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path("tweestapsverificatie/uitzetten/", views.two_factor_disable, name="two_factor_disable"),
]
