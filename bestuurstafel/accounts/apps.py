from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bestuurstafel.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from bestuurstafel.core import audit

        audit.register_labels(
            {
                "accounts.login": _("logged in"),
                "accounts.two_factor_enable": _("turned on two-factor authentication"),
                "accounts.two_factor_disable": _("turned off two-factor authentication"),
                "accounts.recovery_codes_renew": _("made new recovery codes"),
                "accounts.password_change": _("changed their password"),
                "accounts.sessions_end_others": _("logged out everywhere else"),
                "accounts.language_set": _("chose their language"),
            }
        )
