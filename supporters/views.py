"""The unsubscribe page behind every supporter email's link and List-Unsubscribe header."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from supporters.mail import preference_for_token


# Mail clients' one-click POST (RFC 8058) carries no CSRF token; the signed token authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (link scanners must not unsubscribe people); POST does it."""
    preference = preference_for_token(token)
    if preference is None:
        return render(request, "supporters/unsubscribe.html", {"invalid": True}, status=400)
    done = preference.is_unsubscribed
    if request.method == "POST" and not done:
        preference.unsubscribed_at = timezone.now()
        preference.save(update_fields=["unsubscribed_at"])
        done = True
    response = render(request, "supporters/unsubscribe.html", {"done": done, "token": token})
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
