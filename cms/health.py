"""`/healthz`: is this process able to serve? For load balancers and uptime monitors.

Answers 200 when the database answers a trivial query and 503 when it does not, with no
personal data and `Cache-Control: no-store` (a cached "ok" would hide an outage). The
supporter-email queue has its own check, `manage.py email_health`, run beside the worker.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
