"""Settings for the VRU programme-management site.

Everything that differs between machines comes from the environment (see the
README's Settings table). Unset, the site runs on an embedded default: a SQLite
file inside the project and Celery tasks run in-process.
"""

from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from vru.env import env_bool, env_date, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    # Only ever used with DEBUG on, which never serves real users.
    SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-local-development-only-key-do-not-deploy"
else:
    SECRET_KEY = env_required("SECRET_KEY", "a long random value is needed when DEBUG is off.")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak: use at least 50 characters with at least 5 different ones, "
            'e.g. python -c "import secrets; print(secrets.token_urlsafe(64))".'
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off, e.g. ALLOWED_HOSTS=vru.example.org")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "vru",
    "partners",
    "programmes",
    "commissioning",
    "api_tokens",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vru.headers.PrivacyHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "vru.session_limits.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "vru.middleware.LoginRequiredMiddleware",
    "vru.two_factor.middleware.TwoFactorMiddleware",
    # Last, so it turns a sign-in refused by the throttle into the sign-in page saying so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vru.urls"
FORM_RENDERER = "vru.forms.GovukFormRenderer"
WSGI_APPLICATION = "vru.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vru.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
_default_db = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_database_url = env_str("DATABASE_URL")
if not _database_url and not DEBUG:
    # Unset, the site would quietly keep its records in a SQLite file on one machine.
    raise ImproperlyConfigured(
        "DATABASE_URL must be set when DEBUG is off, e.g. DATABASE_URL=postgres://vru:PASSWORD@db.example.org:5432/vru"
    )
_database_url = _database_url or _default_db
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("CONN_MAX_AGE", 60, minimum=0))}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "programmes:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttle (django-axes): after SIGN_IN_FAILURE_LIMIT failures for a username, or from an
# address, within SIGN_IN_LOCKOUT_MINUTES of each other, sign-in is refused for that long, even with
# the right password. Attempts and lockouts are kept in the database (admin: Axes), so every web
# process sees them; `manage.py axes_reset_username NAME` or the admin lifts one.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5, minimum=1)
SIGN_IN_LOCKOUT_MINUTES = env_int("SIGN_IN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=SIGN_IN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Tries during a lockout are refused without restarting it, so the message's end time holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Security logs name who was tried and from where (passwords stay masked).
AXES_SENSITIVE_PARAMETERS = []
AXES_CLIENT_IP_CALLABLE = "vru.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "vru.throttle.lockout_response"
# Read here as well as below: the client's address comes from X-Forwarded-For only behind the proxy.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)

# Password reset emails, per address asked for and per client address, in any hour.
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3, minimum=1)
PASSWORD_RESET_LIMIT_PER_CLIENT = env_int("PASSWORD_RESET_LIMIT_PER_CLIENT", 10, minimum=1)

# Two-factor authentication (django-otp): the roles that must use it; everyone else may.
_TWO_FACTOR_ROLE_NAMES = {"admin", "manager", "staff", "prg", "partner"}
TWO_FACTOR_REQUIRED_ROLES = [
    role.lower()
    for role in env_list("TWO_FACTOR_REQUIRED_ROLES", [] if DEBUG else ["admin", "manager", "staff"])
    if role.lower() != "none"
]
if unknown_roles := set(TWO_FACTOR_REQUIRED_ROLES) - _TWO_FACTOR_ROLE_NAMES:
    raise ImproperlyConfigured(
        f"TWO_FACTOR_REQUIRED_ROLES names unknown roles {', '.join(sorted(unknown_roles))}: "
        f"use some of {', '.join(sorted(_TWO_FACTOR_ROLE_NAMES))}, or none."
    )
OTP_TOTP_ISSUER = "VRU programme management"

# Sessions end after this long without a request, and this long after signing in whatever happens.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60, minimum=1)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60

# --- Locale: London ---------------------------------------------------------
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]

# --- Static and uploaded files ----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "private-media")

# --- Email ------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # No mail server configured: messages are printed to the console log.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "VRU programmes <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ----------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): only this site's own files; the one inline script carries the
# request's nonce; no inline style at all, so templates and charts use classes from static CSS.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # GOV.UK Frontend and Swagger UI draw some icons from data: URIs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page of the site uses, refused to every page and to anything a page embeds.
_REFUSED_FEATURES = (
    "accelerometer",
    "autoplay",
    "bluetooth",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = dict.fromkeys(_REFUSED_FEATURES, "()")

# --- Celery -------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or None
# No broker configured: tasks run in-process, so a fresh machine needs nothing else. In production
# that would build reports inside web requests, so there it must be chosen, not fallen into.
_tasks_in_process = env_bool("CELERY_TASKS_IN_PROCESS", False)
if CELERY_BROKER_URL is None and not DEBUG and not _tasks_in_process:
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL must be set when DEBUG is off, e.g. CELERY_BROKER_URL=redis://127.0.0.1:6379/0 "
        "(or set CELERY_TASKS_IN_PROCESS=1 to run background tasks inside the web processes)"
    )
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None or _tasks_in_process
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# With acks late, Redis hands an unacknowledged task to another worker once this many seconds
# pass without the worker that took it acknowledging it (if that worker was killed, say).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1)}
# In-process long tasks (a population import) run on a thread after the request commits, never inside it.
IN_PROCESS_TASKS_ON_THREADS = True

# --- Population figures ---------------------------------------------------------
# 100,000 rows of the longest indicator code are about 6 MB.
POPULATION_IMPORT_MAX_BYTES = env_int("POPULATION_IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# An import with no progress for this long is marked failed: its worker or web process died.
POPULATION_IMPORT_STALE_MINUTES = env_int("POPULATION_IMPORT_STALE_MINUTES", 10, minimum=1)

# --- Cache ---------------------------------------------------------------------
# Shared by every web process (the password reset limits count here): Redis when there is one.
_cache_url = env_str("REDIS_URL") or CELERY_BROKER_URL or ""
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": "vru",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- API ---------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "api_tokens.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["vru.api.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "vru.schema.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "vru.api.exception_handler",
}
# API tokens (api_tokens) stop working this many days after they are made.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90, minimum=1)
SPECTACULAR_SETTINGS = {
    "TITLE": "VRU programme management API",
    "DESCRIPTION": "Strategy, programmes, milestones and indicators of a Violence Reduction Unit.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI is served from the installed sidecar package: nothing is fetched from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PopulationImportStatusEnum": "programmes.models.population.ImportStatus",
        "ReportKindEnum": "programmes.models.reports.ReportKind",
    },
}

# --- Demo data ----------------------------------------------------------------
DEMO_PASSWORD = env_str("DEMO_PASSWORD") or "vru-demo-2026"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Partners and the PRG -------------------------------------------------------
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7, minimum=1)
PRG_PAPER_MAX_BYTES = env_int("PRG_PAPER_MAX_MB", 20, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The site's own address, for links in emails sent by tasks, which have no request to ask.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

# --- Commissioning and 360Giving -----------------------------------------------------
# Grants are published with the publisher's registered 360Giving prefix, and the VRU's
# own org-id.guide identifier as the funder.
GRANTS_ID_PREFIX = env_str("GRANTS_ID_PREFIX", "360G-londonvru")
FUNDER_ORG_ID = env_str("FUNDER_ORG_ID", "GB-LAE-GLA")
FUNDER_NAME = env_str("FUNDER_NAME", "London Violence Reduction Unit (Greater London Authority)")

# --- Bounds on what people enter (vru/validators.py) ----------------------------------
# Dates drive work (a grant's returns, chasers, payments): none before DATE_EARLIEST, none more
# than DATE_YEARS_AHEAD years from today; a grant runs GRANT_MAX_YEARS at most.
DATE_EARLIEST = env_date("DATE_EARLIEST", date(2000, 1, 1))
DATE_YEARS_AHEAD = env_int("DATE_YEARS_AHEAD", 10, minimum=1)
GRANT_MAX_YEARS = env_int("GRANT_MAX_YEARS", 5, minimum=1)

# --- Scheduled tasks -------------------------------------------------------------------
# django-celery-beat's DatabaseScheduler copies these into the database on start, where
# the admin can change or pause them. Times are London time (CELERY_TIMEZONE).
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "chase-overdue-returns": {
        "task": "commissioning.tasks.chase_overdue_returns",
        "schedule": crontab(hour=7, minute=0),
    },
    # Runs each weekday; builds last month's report on the month's REPORT_MONTHLY_WORKING_DAY.
    "monthly-performance-report": {
        "task": "programmes.tasks.build_monthly_report",
        "schedule": crontab(hour=6, minute=0, day_of_week="mon-fri"),
    },
    # Runs each weekday of the month after a quarter; builds that quarter's report (and, after
    # Q4, the financial year's) on REPORT_QUARTERLY_WORKING_DAY, once the returns are due.
    "quarterly-performance-report": {
        "task": "programmes.tasks.build_quarterly_report",
        "schedule": crontab(hour=6, minute=30, day_of_week="mon-fri", month_of_year="1,4,7,10"),
    },
    # The outbox: sends report requests that could not reach the broker when they were made.
    "dispatch-report-requests": {
        "task": "programmes.tasks.dispatch_report_requests",
        "schedule": crontab(),
    },
}

# --- Performance reports -----------------------------------------------------------------
# Working days are Monday to Friday less England's bank holidays.
REPORT_MONTHLY_WORKING_DAY = env_int("REPORT_MONTHLY_WORKING_DAY", 5, minimum=1)
# Returns are due 14 days after a quarter ends: the 15th working day falls after that.
REPORT_QUARTERLY_WORKING_DAY = env_int("REPORT_QUARTERLY_WORKING_DAY", 15, minimum=1)
# An indicator is green at or beyond this share of its target, amber from the next, else red.
REPORT_RAG_GREEN_PERCENT = env_int("REPORT_RAG_GREEN_PERCENT", 100, minimum=1)
REPORT_RAG_AMBER_PERCENT = env_int("REPORT_RAG_AMBER_PERCENT", 90, minimum=1)
# NHS Digital's disclosure rule: counts of 1 to 7 show as "*", others round to the nearest 5.
SUPPRESS_COUNTS_BELOW = env_int("SUPPRESS_COUNTS_BELOW", 8, minimum=1)
ROUND_COUNTS_TO = env_int("ROUND_COUNTS_TO", 5, minimum=1)
