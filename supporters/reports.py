"""How many supporters each case update reached: on the story's edit page and as a report.

Counts only (from the outbox's `topic`), never addresses, so every editor may see them.
The hooks that show them are registered in supporters/wagtail_hooks.py.
"""

from django.apps import apps
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from supporters.models import OutboxEmail
from supporters.updates import update_topic


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
    return [
        {
            "update": u,
            "topic": update_topic(u.translation_key),
            **counts[update_topic(u.translation_key)],
        }
        for u in updates
    ]


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
    from supporters.worker import email_health

    return TemplateResponse(
        request,
        "supporters/admin/email_report.html",
        {
            "rows": update_rows(updates),
            "health": email_health(),
            "failed_total": OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).count(),
        },
    )


@require_POST
def send_again(request):
    """Queue failed emails again (all of them, or one update's): counts only, no addresses."""
    from supporters import mail

    failed = OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED)
    topic = request.POST.get("topic", "")
    if topic:
        failed = failed.filter(topic=topic)
    queued = mail.send_again(failed)
    messages.success(
        request,
        ngettext(
            "%(count)s failed email queued to be sent again.",
            "%(count)s failed emails queued to be sent again.",
            queued,
        )
        % {"count": queued},
    )
    return redirect("supporters_update_emails")
