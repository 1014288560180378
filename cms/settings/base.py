"""Settings shared by every environment.

Every value an operator may change is read from the environment here, with a safe default,
and listed once in docs/env-vars.md.
"""

import datetime
import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable the way operators write them."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Old keys still accepted for signatures (sessions, unsubscribe links) after a rotation.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
# Keys the hashes of unsubscribed addresses (supporters/models/outbox.py), so rotating
# SECRET_KEY never re-subscribes anyone. Empty: SECRET_KEY (development only).
HAVEN_EMAIL_HASH_KEY = os.environ.get("HAVEN_EMAIL_HASH_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Haven's own domains. Order matters for template overrides: ours win.
    "home",
    "stories",
    "actions",
    "officials",
    "supporters",
    "accounts",
    # Haven's translation workflow. Before wagtail_localize and wagtail.admin, so its
    # overrides of their templates (page edit header, translation editor) win.
    "translation",
    # Translation: wagtail_localize.locales replaces wagtail.locales (never both).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Admin security: a second factor (TOTP), sign-in throttling, security headers.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads parameters: drops NUL characters PostgreSQL cannot take.
    "cms.middleware.CleanInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware needs the session and must come before CommonMiddleware.
    "django.middleware.locale.LocaleMiddleware",
    # Per language, so after LocaleMiddleware: signing POSTs skip Wagtail's tree walk.
    "actions.fastroute.ActionRouteCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(), then the admin's second-factor gate (accounts/).
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "cms.middleware.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise (PostgreSQL in production).
# PostgreSQL keeps its connections for DATABASE_CONN_MAX_AGE seconds (opening one per
# request cost about a quarter of page throughput); a connection that died is noticed
# before it is reused (CONN_HEALTH_CHECKS). SQLite opens a file, so it keeps 0.
_DATABASE_IS_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(
            os.environ.get("DATABASE_CONN_MAX_AGE", "600" if _DATABASE_IS_POSTGRES else "0")
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that is down or hung must fail a request in seconds, not hold it for
    # minutes: the reader then gets the 503 page with their form kept (home/views.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
            "options": "-c statement_timeout={}".format(
                int(os.environ.get("DATABASE_STATEMENT_TIMEOUT_MS", "15000"))
            ),
        }
    )
# Seconds a reader is asked to wait when the database is unavailable (503 Retry-After).
HAVEN_RETRY_AFTER_SECONDS = int(os.environ.get("HAVEN_RETRY_AFTER_SECONDS", "30"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Admin security (accounts/) ---------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Second factor for superusers and campaign managers (on unless switched off; dev is off).
HAVEN_REQUIRE_2FA = env_bool("HAVEN_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Haven")
# Sign-in throttling: after AXES_FAILURE_LIMIT wrong passwords from one address, that
# address waits AXES_COOLOFF_MINUTES (a localised 429 page) before trying again.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.two_factor.lockout"
AXES_CLIENT_IP_CALLABLE = "actions.ratelimit.client_ip"
# Failed attempts are kept (to count them); successful sign-ins are not logged by axes.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Editors' avatars from Gravatar would send a hash of their address to a third party and
# need a CSP exception: the admin shows initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy for public pages: no inline script at all; embeds (video) from
# the providers Wagtail's oEmbed finders use.
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# The Wagtail admin (cms/middleware.py): Wagtail 8 still needs inline scripts and styles
# there (wagtail#1288); everything else stays as tight as on public pages.
HAVEN_ADMIN_CSP = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
}
HAVEN_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "browsing-topics",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Caches back the rate limits and the live counts; they must be shared between server
# processes in production, so REDIS_URL switches to Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": "haven",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
COUNTRIES_FIRST = []

# Translating a live page must not publish the Spanish page while it is still English.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# An approved review publishes the translation as it is at approval, strings a translator
# saved after "Submit for review" included (translation/review.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "translation.finish.publish_approved"
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }

# Static and media ----------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work: Wagtail's own housekeeping runs inline; Haven's mail goes through the
# database-backed queue (see supporters/mail.py) so a crash loses nothing.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Supporter email: queued in the database with the event that caused it, sent by
    # `manage.py db_worker --backend email` (make demo starts one beside the server).
    "email": {
        "BACKEND": os.environ.get("EMAIL_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    },
}
HAVEN_EMAIL_MAX_ATTEMPTS = int(os.environ.get("HAVEN_EMAIL_MAX_ATTEMPTS", "5"))
# People per batch when a story update is emailed (one outbox write and send task each).
HAVEN_EMAIL_BATCH_SIZE = int(os.environ.get("HAVEN_EMAIL_BATCH_SIZE", "200"))
# Hours a supporter who acted in Spanish waits for the Spanish version of a case update
# before getting the English one with an explanation (supporters/updates.py).
HAVEN_TRANSLATION_GRACE_HOURS = float(os.environ.get("HAVEN_TRANSLATION_GRACE_HOURS", "48"))
# Leases (supporters/worker.py): a sender owns an outbox row this long; a task RUNNING
# longer than HAVEN_TASK_LEASE_SECONDS is taken to belong to a dead worker and run again.
# The task lease must exceed the email lease, which must exceed a few EMAIL_TIMEOUTs.
HAVEN_EMAIL_LEASE_SECONDS = int(os.environ.get("HAVEN_EMAIL_LEASE_SECONDS", "120"))
HAVEN_TASK_LEASE_SECONDS = int(os.environ.get("HAVEN_TASK_LEASE_SECONDS", "600"))
HAVEN_REAP_INTERVAL_SECONDS = int(os.environ.get("HAVEN_REAP_INTERVAL_SECONDS", "60"))
# `manage.py email_health` is unhealthy when the oldest queued email is older than this.
HAVEN_EMAIL_MAX_QUEUE_AGE_MINUTES = int(os.environ.get("HAVEN_EMAIL_MAX_QUEUE_AGE_MINUTES", "30"))

# Email -------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Django's default is no timeout: one SMTP server that never answers would hold the worker
# (and every supporter's email behind it) forever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Haven <no-reply@localhost>")
# Where supporters' replies go when Haven settings name no reply-to address (empty: none).
HAVEN_EMAIL_REPLY_TO = os.environ.get("HAVEN_EMAIL_REPLY_TO", "")

# Wagtail -----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Haven"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search when the database is PostgreSQL.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Public forms are small; a huge body is refused before it reaches a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Logging: personal data never goes into logs (see docs/privacy.md), so request bodies
# and query strings are never logged here.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Task and publish chatter would drown the demo's own output.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Contact line of /.well-known/security.txt (mailto: or https:); empty = the contact email
# in Haven settings.
HAVEN_SECURITY_CONTACT = os.environ.get("HAVEN_SECURITY_CONTACT", "")

HAVEN_DATA_DIR = os.environ.get("HAVEN_DATA_DIR", str(BASE_DIR.parent / "shared" / "data"))

# Urgent actions ------------------------------------------------------------------------
# (owned by the actions app; see actions/ratelimit.py and actions/counting.py)
INSTALLED_APPS += ["wagtail.contrib.routable_page"]
# A friendly, localised page instead of Django's English CSRF failure page.
CSRF_FAILURE_VIEW = "actions.views.csrf_failure"
# Per-address limits on responses: (requests, seconds) windows, shared through the cache.
# Past them a response is kept but held for review, never refused (actions/ratelimit.py).
ACTIONS_RATE_LIMITS = [
    (int(os.environ.get("ACTIONS_RATE_PER_MINUTE", "10")), 60),
    (int(os.environ.get("ACTIONS_RATE_PER_HOUR", "60")), 3600),
]
# A flood, refused with 429: posts per hour from one address, and per e-mail address.
ACTIONS_FLOOD_PER_HOUR = int(os.environ.get("ACTIONS_FLOOD_PER_HOUR", "1000"))
ACTIONS_RATE_PER_EMAIL = [(int(os.environ.get("ACTIONS_RATE_PER_EMAIL", "5")), 600)]
# Networks never held or flood-limited (an event's Wi-Fi), CIDR, comma-separated; the admin
# adds more under Settings → Allowed networks.
ACTIONS_ALLOWED_NETWORKS = env_list("ACTIONS_ALLOWED_NETWORKS")
# Reverse proxies in front of the site whose X-Forwarded-For can be trusted (0 = none).
ACTIONS_TRUSTED_PROXY_COUNT = int(os.environ.get("ACTIONS_TRUSTED_PROXY_COUNT", "0"))
# A form sent sooner than this after it was shown is treated as a bot's.
ACTIONS_MIN_FILL_SECONDS = 3
ACTIONS_COUNT_CACHE_SECONDS = 10
# How long browsers and CDNs may reuse the public counts API and widget (docs/api.md).
ACTIONS_API_CACHE_SECONDS = int(os.environ.get("ACTIONS_API_CACHE_SECONDS", "60"))

# Supporter emails and data (issue 7) ----------------------------------------------------
# Days after an action closes before its responses are anonymised (supporters/privacy.py).
HAVEN_RETENTION_DAYS = int(os.environ.get("HAVEN_RETENTION_DAYS", "180"))
# End of supporter emails and data ---------------------------------------------------------

# Shared page cache (Varnish or a CDN in front; see docs/caching.md) ----------------------
INSTALLED_APPS += ["wagtail.contrib.frontend_cache", "caching"]
# First, so it sets Cache-Control after sessions, CSRF and auth have had their say; the
# CSRF check of the public action forms looks at Origin/Referer instead of a cookie.
MIDDLEWARE = ["caching.middleware.CacheControlMiddleware", "home.links.RequestMemoMiddleware"] + [
    "caching.csrf.OriginCheckingCsrfViewMiddleware"
    if name == "django.middleware.csrf.CsrfViewMiddleware"
    else name
    for name in MIDDLEWARE
]
# Django's W003 looks for CsrfViewMiddleware by its exact path and so misses our subclass;
# caching/checks.py (caching.W001) checks for any CSRF middleware instead.
SILENCED_SYSTEM_CHECKS = ["security.W003"]
HAVEN_CACHE_S_MAXAGE = int(os.environ.get("HAVEN_CACHE_S_MAXAGE", "300"))
HAVEN_CACHE_MAX_AGE = int(os.environ.get("HAVEN_CACHE_MAX_AGE", "0"))
HAVEN_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("HAVEN_CACHE_STALE_WHILE_REVALIDATE", "60"))
HAVEN_CACHE_STALE_IF_ERROR = int(os.environ.get("HAVEN_CACHE_STALE_IF_ERROR", "86400"))
# Never public, whoever asks: the admin, documents (some are in private collections).
HAVEN_CACHE_PRIVATE_PATHS = ["/admin/", "/documents/"]
# Forms posted from cached pages: checked by Origin/Referer, no CSRF cookie (caching/csrf.py).
HAVEN_ORIGIN_CHECKED_PATHS = [
    r"^/[a-z]{2}(-[a-z]+)?/.+/(sign|call|email)/$",
    # The representatives lookup posts the ZIP (no ZIP in URLs or logs) from a cached page.
    r"^/[a-z]{2}(-[a-z]+)?/representatives/$",
]
# Purge on publish: Varnish (or Squid) through PURGE requests to FRONTEND_CACHE_URL, and/or
# Cloudflare or CloudFront from their own variables.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# Each translation has its own slug, so caching/purge.py names every language's URL itself;
# Wagtail's rewriting of /en/ into /es/ would only invent URLs that do not exist.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# End of shared page cache ------------------------------------------------------------------
