"""The email reports: how many supporters each case update reached (on the story's edit
page and as a report), and the emails that failed for good, with "send again".

Counts, subjects and errors only for every editor; addresses, and sending again, only for
the people allowed to see supporters' personal data. The hooks that show them are
registered in supporters/wagtail_hooks.py.
"""

from django.apps import apps
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from actions.permissions import can_view_personal_data
from supporters.admin_views import forbidden
from supporters.health import email_queue_health
from supporters.mail import send_again
from supporters.models import OutboxEmail
from supporters.updates import update_topic

FAILED_SHOWN = 200


def counts_by_topic(topics):
    """{topic: {"sent": n, "queued": n, "failed": n, "cancelled": n}} in one query."""
    result = {topic: {status: 0 for status in OutboxEmail.Status.values} for topic in topics}
    rows = (
        OutboxEmail.objects.filter(topic__in=list(topics))
        .values("topic", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        result[row["topic"]][row["status"]] = row["n"]
    return result


def update_rows(updates):
    updates = list(updates)
    counts = counts_by_topic({update_topic(u.translation_key) for u in updates})
    return [{"update": u, **counts[update_topic(u.translation_key)]} for u in updates]


def story_panel_html(page, request=None):
    """The story edit page's "Supporter emails" panel: each ticked update's counts."""
    saved = bool(page.pk)
    updates = [u for u in page.updates.all() if u.notify_supporters] if saved else []
    return render_to_string(
        "supporters/admin/email_counts_panel.html",
        {"rows": update_rows(updates), "saved": saved},
        request=request,
    )


def update_emails_report(request):
    # Through the app registry: supporters never imports the stories app.
    CaseUpdate = apps.get_model("stories", "CaseUpdate")
    updates = (
        CaseUpdate.objects.filter(notify_supporters=True, locale=Locale.get_default())
        .select_related("page")
        .order_by("-date", "-pk")
    )
    return TemplateResponse(
        request, "supporters/admin/email_report.html", {"rows": update_rows(updates)}
    )


def failed_emails_report(request):
    """Emails that failed after their last attempt, the queue's health, and "send again"."""
    may_resend = can_view_personal_data(request.user)
    if request.method == "POST":
        if not may_resend:
            return forbidden(request)
        pk = request.POST.get("email", "")
        if not pk.isdigit():
            return redirect("supporters_failed_emails")
        email = get_object_or_404(OutboxEmail, pk=int(pk))
        if send_again(email):
            messages.success(
                request, _("Email #%(id)s is queued to be sent again.") % {"id": email.pk}
            )
        else:
            messages.warning(
                request,
                _("Email #%(id)s is no longer failed; nothing was sent.") % {"id": email.pk},
            )
        return redirect("supporters_failed_emails")
    failed = OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).order_by(
        "-failed_at", "-pk"
    )
    response = TemplateResponse(
        request,
        "supporters/admin/failed_emails.html",
        {
            "health": email_queue_health(),
            "emails": failed[:FAILED_SHOWN],
            "shown": FAILED_SHOWN,
            "may_resend": may_resend,
        },
    )
    # Addresses may be on the page (for those allowed): never kept by a cache.
    response["Cache-Control"] = "private, no-store"
    return response
