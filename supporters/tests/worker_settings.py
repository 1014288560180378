"""Settings for a real email worker started by the tests as a separate process.

The test settings, but with the database queue for email and real SMTP (host, port and
timeout from the environment the test passes), on the test database named by
DATABASE_URL, so the worker and the test see the same rows.
"""

from cms.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
