from bestuurstafel.testing.matrix import NOT_ALLOWED, OK, REDIRECT, Case, everyone, logged_in

VERIFIED = {"secretary", "chair", "admin"}  # personas whose session passed two-factor

CASES = [
    Case("accounts:login", expect={**logged_in(REDIRECT), "anonymous": OK}),
    Case("accounts:login_code", expect=everyone(REDIRECT)),
    Case("accounts:logout", expect=everyone(NOT_ALLOWED)),
    Case("accounts:logout", expect=everyone(REDIRECT), method="POST"),
    Case("accounts:language", expect=everyone(NOT_ALLOWED)),
    Case(
        "accounts:language",
        expect=everyone(REDIRECT),
        method="POST",
        data=lambda w: {"language": "en", "next": "/"},
    ),
    Case("accounts:password_reset", expect=everyone(OK)),
    Case("accounts:password_reset_done", expect=everyone(OK)),
    Case(
        "accounts:password_reset_confirm",
        lambda w: {"uidb64": "MQ", "token": "not-a-token"},
        everyone(OK),
    ),
    Case("accounts:password_reset_complete", expect=everyone(OK)),
    Case("accounts:password_change", expect=logged_in(OK)),
    Case("accounts:sessions_end_others", expect=logged_in(NOT_ALLOWED)),
    Case("accounts:sessions_end_others", expect=logged_in(REDIRECT), method="POST"),
    Case("accounts:two_factor", expect=logged_in(OK)),
    Case(
        "accounts:two_factor_setup", expect={**logged_in(OK), **dict.fromkeys(VERIFIED, REDIRECT)}
    ),
    Case("accounts:two_factor_verify", expect=logged_in(REDIRECT)),
    Case("accounts:recovery_codes_renew", expect=logged_in(NOT_ALLOWED)),
    Case("accounts:recovery_codes_renew", expect={**logged_in(REDIRECT)}, method="POST"),
    Case("accounts:two_factor_disable", expect=logged_in(NOT_ALLOWED)),
    Case("accounts:two_factor_disable", expect=logged_in(REDIRECT), method="POST"),
]
