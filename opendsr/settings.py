"""OpenDSR settings. Everything that differs between machines comes from the environment.

DATABASE_URL   PostgreSQL (or any dj-database-url form); unset means the embedded SQLite file.
SECRET_KEY     required when DEBUG is off: at least 50 characters, never the development key.
DEBUG          "1" for development (the default under `make run`), unset or "0" in production.
ALLOWED_HOSTS  comma separated.
SITE_URL       the address in emailed links; TRUSTED_PROXY_COUNT and CLIENT_IP_HEADER for the client's address.
EMAIL_URL-like settings: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
               DEFAULT_FROM_EMAIL; with no EMAIL_HOST, mail is printed to the console.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("OPENDSR_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("OPENDSR_TESTING") or "pytest" in sys.modules
DEVELOPMENT_SECRET_KEY = "opendsr-development-only-key-not-for-production-use-0123456789"
SECRET_KEY_MIN_LENGTH = 50  # as Django's deployment check asks (security.W009)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and not TESTING:
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY is the development key. Set a random key of your own.")
    if len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} random characters when DEBUG is off."
        )
if not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "opendsr.web",
    "opendsr.accounts",
    "opendsr.register",
    "opendsr.inpatients",
    "opendsr.communication",
    "opendsr.referrals",
    "opendsr.reviews",
    "opendsr.oversight",
    "opendsr.meetings",
    "opendsr.reporting",
    "opendsr.imports",
    "opendsr.public",
    "opendsr.api",
    "opendsr.records",
]

MIDDLEWARE = [
    "opendsr.accounts.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opendsr.accounts.middleware.RequireVerifiedLoginMiddleware",
    "opendsr.accounts.middleware.NoStoreMiddleware",
    "opendsr.accounts.middleware.AuditNotFoundMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opendsr.urls"
WSGI_APPLICATION = "opendsr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "opendsr.web.jinja.environment"},
    },
    {
        # Django's own templates (form widgets rendered by Django, error pages of third-party apps).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]
FORM_RENDERER = "django.forms.renderers.DjangoTemplates"

# SQLite waits for a lock rather than failing, takes the write lock at the start of a transaction, and lets
# pages read while a write is under way (WAL). The same options apply to a sqlite:// DATABASE_URL.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if os.environ.get("DATABASE_URL"):
    _database = dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        _database["OPTIONS"] = {**SQLITE_OPTIONS, **_database.get("OPTIONS", {})}
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("OPENDSR_SQLITE", str(BASE_DIR / "db.sqlite3")),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A link to set a password (a new account, or a forgotten password) works once, for 3 days.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24 * 3))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"

# Sessions expire after a working period of inactivity and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 60 * 60 * 8))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Repeated failed log-ins lock for a time (django-axes), counted three ways: one email address from one
# address (someone guessing a password), one email address from anywhere (guessing spread over many addresses),
# and one address against any email addresses (password spraying: one common password tried on many accounts).
# Each has its own limit; see opendsr.accounts.lockout.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_FAILURE_LIMIT_PER_EMAIL = int(os.environ.get("AXES_FAILURE_LIMIT_PER_EMAIL", 10))
AXES_FAILURE_LIMIT_PER_ADDRESS = int(os.environ.get("AXES_FAILURE_LIMIT_PER_ADDRESS", 30))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_HANDLER = "opendsr.accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = None
AXES_LOCKOUT_CALLABLE = "opendsr.accounts.views.sign_in.locked_out"
AXES_USERNAME_FORM_FIELD = "email"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# The address a request comes from. Behind proxies (a load balancer, a TLS-terminating proxy), REMOTE_ADDR is
# the nearest proxy, so lockouts and the audit trail read the client's address from the header the proxies
# append to instead: TRUSTED_PROXY_COUNT is how many proxies stand in front of OpenDSR (0: none, use
# REMOTE_ADDR), CLIENT_IP_HEADER the header they write. Only set these when every request comes through those
# proxies, otherwise anyone can claim any address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "X-Forwarded-For")

OTP_TOTP_ISSUER = "OpenDSR"

# Security headers. HTTPS settings switch on when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload directive lets the domain be added to browsers' HTTPS-only list; adding it is the hosting
    # organisation's step (NHS domains such as nhs.uk are already there). Set SECURE_HSTS_PRELOAD=0 to leave it out.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "build" / "static"
WHITENOISE_ROOT = BASE_DIR / "build" / "webroot"  # serves /assets/... that the NHS.UK CSS asks for
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Uploads (opendsr.web.uploads): a body over OPENDSR_MAX_REQUEST_BYTES is refused before it is read; a file over
# OPENDSR_MAX_UPLOAD_BYTES is not kept and its form says so; form fields may hold DATA_UPLOAD_MAX_MEMORY_SIZE.
OPENDSR_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
OPENDSR_MAX_REQUEST_BYTES = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "opendsr.web.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# The online referral form (opendsr.public): a form sent sooner than this after its first question was opened, or
# from a network address that has already sent this many in the last hour, is refused with the phone number to call.
OPENDSR_PUBLIC_MINIMUM_SECONDS = int(os.environ.get("OPENDSR_PUBLIC_MINIMUM_SECONDS", 20))
OPENDSR_PUBLIC_REFERRALS_PER_HOUR = int(os.environ.get("OPENDSR_PUBLIC_REFERRALS_PER_HOUR", 5))

# The API (opendsr.api): requests one token may make in a minute.
OPENDSR_API_REQUESTS_PER_MINUTE = int(os.environ.get("OPENDSR_API_REQUESTS_PER_MINUTE", 60))

# Email: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 20))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "OpenDSR <no-reply@opendsr.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address in links that OpenDSR emails (set a password, reminders). Never taken from a request's Host
# header, which the sender of the request chooses. In production it defaults to https:// and the first plain
# host name in ALLOWED_HOSTS.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if DEBUG or TESTING:
        SITE_URL = "http://127.0.0.1:8000"
    else:
        _named_hosts = [host for host in ALLOWED_HOSTS if not host.startswith(".") and "*" not in host]
        if not _named_hosts:
            raise ImproperlyConfigured("Set SITE_URL (e.g. https://dsr.example.nhs.uk) when DEBUG is off.")
        SITE_URL = f"https://{_named_hosts[0]}"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The date OpenDSR treats as today. Unset means the real date; tests and development may fix it. A live
# register with a fixed date would compute every due date wrongly, so it is refused when DEBUG is off.
OPENDSR_TODAY = os.environ.get("OPENDSR_TODAY", "")
if OPENDSR_TODAY and not DEBUG and not TESTING:
    raise ImproperlyConfigured("OPENDSR_TODAY fixes the date for development and tests only. Unset it.")
