"""Local development: debug on, mail printed to the console, a throwaway secret key."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")  # noqa: F405
EMAIL_BACKEND = os.environ.get(  # noqa: F405
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
ALLOWED_HOSTS = ["*"]

# Two-step sign-in is off for local development so `make demo` logins work at once; the
# admin dashboard says so. Production (base.py) requires it.
HAVEN_REQUIRE_2FA = env_bool("HAVEN_REQUIRE_2FA", False)

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
