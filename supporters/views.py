"""The unsubscribe page behind every supporter email's links and List-Unsubscribe header.

Two scopes, both one click: a link about a case (in an update or a confirmation) stops
emails about that case only; "stop all emails" stops every case update. The page behind
either link offers both. A mail client's one-click POST (RFC 8058, the List-Unsubscribe
header) applies the scope its link names.
"""

from django.apps import apps
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from supporters.mail import token_scope
from supporters.models import CaseOptOut

SCOPE_CASE, SCOPE_ALL = "case", "all"


def _case_titles(keys):
    """Titles of the cases a link names, in the reader's language when translated."""
    if not keys:
        return []
    # Through the app registry: supporters never imports the stories app.
    Story = apps.get_model("stories", "CaseStoryPage")
    pages = Story.objects.filter(translation_key__in=keys).select_related("locale")
    active = Locale.get_active().pk
    best = {}
    for page in pages:
        if page.translation_key not in best or page.locale_id == active:
            best[page.translation_key] = page
    return [page.title for page in best.values()]


# Mail clients' one-click POST (RFC 8058) carries no CSRF token; the signed token authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (link scanners must not unsubscribe people); POST does it."""
    preference, case_keys = token_scope(token)
    if preference is None:
        return render(request, "supporters/unsubscribe.html", {"invalid": True}, status=400)
    done = None
    if request.method == "POST":
        # A button names its scope; a mail client's one-click POST takes the link's own.
        scope = request.POST.get("scope") or (SCOPE_CASE if case_keys else SCOPE_ALL)
        if scope == SCOPE_CASE and case_keys:
            with transaction.atomic():
                for key in case_keys:
                    CaseOptOut.objects.get_or_create(preference=preference, case_key=key)
            done = SCOPE_CASE
        else:
            if not preference.is_unsubscribed:
                preference.unsubscribed_at = timezone.now()
                preference.save(update_fields=["unsubscribed_at"])
            done = SCOPE_ALL
    elif preference.is_unsubscribed:
        done = SCOPE_ALL
    elif case_keys and not set(case_keys) - {
        str(k)
        for k in CaseOptOut.objects.filter(preference=preference).values_list("case_key", flat=True)
    }:
        done = SCOPE_CASE
    context = {
        "done": done,
        "token": token,
        "case_titles": _case_titles(case_keys),
        "all_stopped": preference.is_unsubscribed,
    }
    response = render(request, "supporters/unsubscribe.html", context)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
