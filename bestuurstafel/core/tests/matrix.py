from bestuurstafel.testing.matrix import OK, REDIRECT, Case, everyone

CASES = [
    Case("core:home", expect=everyone(REDIRECT)),
    Case("core:accessibility", expect=everyone(OK)),
    Case("core:privacy", expect=everyone(OK)),
    Case("core:health", expect=everyone(OK)),
    Case("admin_login", expect=everyone(REDIRECT)),
    Case(
        "set_language",
        expect=everyone(REDIRECT),
        method="POST",
        data=lambda w: {"language": "en", "next": "/"},
    ),
]
