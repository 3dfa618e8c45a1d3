"""Settings for Bestuurstafel.

One file, driven by environment variables (see README, "Configuration"). The defaults give a
working demo on an embedded SQLite database; production sets DATABASE_URL, SECRET_KEY, DEBUG=False,
ALLOWED_HOSTS and the e-mail variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default)
    if value not in ("True", "False"):
        raise Exception(f"{name} must be True or False, not {value!r}")
    return value == "True"


def envint(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


def envsecret(name: str, default: str = "") -> str:
    """Read NAME_FILE (a mounted secret) before NAME."""
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def envlist(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", "False")
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    # No key given: make a random one once and keep it in VAR_DIR (readable by the owner only).
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _key_file.touch(mode=0o600)
        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()

SITE_ROOT = os.environ.get("SITE_ROOT", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", SITE_ROOT)

INSTALLED_APPS = [
    # Our apps first: their translations and templates take precedence over Django's.
    "bestuurstafel.core",
    "bestuurstafel.accounts",
    "bestuurstafel.geo",
    "bestuurstafel.networks",
    "bestuurstafel.meetings",
    "bestuurstafel.monitor",
    "django.forms",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bestuurstafel.core.middleware.LanguageMiddleware",
    "bestuurstafel.core.middleware.HtmxRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bestuurstafel.networks.middleware.ViewerMiddleware",
    "bestuurstafel.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bestuurstafel.urls"
WSGI_APPLICATION = "bestuurstafel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bestuurstafel.core.context_processors.site",
            ],
        },
    },
]

FORM_RENDERER = "bestuurstafel.core.forms.FormRenderer"

# --- Database ------------------------------------------------------------------------------------
# SQLite by default (one file under VAR_DIR); DATABASE_URL=postgres://... for PostgreSQL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", "60"), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "bestuurstafel.sqlite3"),
            # Persistent connections only when asked for (seconds), as for PostgreSQL.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "0"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Failed logins: five per e-mail address and IP address, then a cool-off of 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form field (it holds the e-mail address)
AXES_USERNAME_CALLABLE = "bestuurstafel.accounts.throttle.throttle_username"  # lower case
AXES_CLIENT_IP_CALLABLE = "bestuurstafel.accounts.throttle.client_ip"  # also behind the proxy
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "bestuurstafel.accounts.views.locked_out"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Bestuurstafel")
OTP_TOTP_THROTTLE_FACTOR = 1
INVITATION_VALID_DAYS = envint("INVITATION_VALID_DAYS", "14")

SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "False")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "bestuurstafel.core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_HTTPS_PROXY", "False") else None
)
# How many proxies append to X-Forwarded-For in front of the app: the login throttle counts the
# client's address, not the proxy's (accounts.throttle). 0 without a proxy.
TRUSTED_PROXY_COUNT = envint(
    "TRUSTED_PROXY_COUNT", "1" if envbool("BEHIND_HTTPS_PROXY", "False") else "0"
)
# Browsers keep to HTTPS for a year once they saw it (sent only on HTTPS answers).
SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", "31536000")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Cross-Origin-Opener-Policy: our pages share no browsing context with another site's windows
# (no window handle for a page that opened ours, a process of their own). It costs a browser that
# opens the app in a new tab a process switch (measured in docs/benchmarks.md); SECURE_COOP
# chooses another value ("unsafe-none" is the browsers' default).
SECURE_CROSS_ORIGIN_OPENER_POLICY = os.environ.get("SECURE_COOP", "same-origin")
X_FRAME_OPTIONS = "DENY"
# Everything the pages load comes from this app itself: no CDN, no third-party requests.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Every app keeps its own catalogue in <app>/locale (see docs/conventions.md).
LOCALE_PATHS: list[str] = []
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "bestuurstafel_language"

# --- Cache -------------------------------------------------------------------------------------
# In-process memory (per worker process): the meeting page's shared parts per audience and the
# monitor's projected map, each keyed on a version read from the database, so a worker's copy is
# never stale. Sessions stay in the database: a per-process cache would keep a session alive in
# one worker after logging out in another.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", "5000")},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages are installed by npm (package-lock.json) and served from node_modules;
# build_assets writes the trimmed CSS bundle and the JS bundle (htmx + static/js) to
# VAR_DIR/assets.
NODE_MODULES = BASE_DIR / "node_modules"
ASSETS_DIR = VAR_DIR / "assets"
ASSETS_DIR.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("assets", ASSETS_DIR),
    ("vendor/sortablejs", NODE_MODULES / "sortablejs"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded files are never served directly: every download goes through a permission check.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MAX_UPLOAD_MB = envint("MAX_UPLOAD_MB", "20")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Where reference data (municipality boundaries, ...) is read from; never copied into the repo.
# Default: ../shared/data beside the checkout (or the workplace's copy for a clone elsewhere).
REFERENCE_DATA_DIR = Path(
    os.environ.get("REFERENCE_DATA_DIR")
    or next(
        (p for p in (BASE_DIR.parent / "shared" / "data", Path("/work/shared/data")) if p.exists()),
        BASE_DIR.parent / "shared" / "data",
    )
)

# --- E-mail and background tasks ------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Bestuurstafel <noreply@bestuurstafel.invalid>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where calendar programs send an invitee's "accept" or "decline" (an iTIP REPLY). Empty: the
# invitation asks for no reply and members answer on the meeting page. Set it only when mail to
# this address (with any "+suffix") is piped to `manage.py receive_calendar_replies`.
MEETING_REPLY_ADDRESS = os.environ.get("MEETING_REPLY_ADDRESS", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": envint("EMAIL_PORT", "587"),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": envsecret("EMAIL_HOST_PASSWORD"),
                "use_tls": envbool("EMAIL_USE_TLS", "True"),
            },
        }
    }
elif os.environ.get("EMAIL_BACKEND") == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    # The demo writes every e-mail as a file under VAR_DIR/mail.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
del EMAIL_HOST

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}

ADMINS = [("Beheer", a) for a in envlist("ADMIN_EMAILS")]
