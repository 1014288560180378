"""How many supporters each case update reached: on the story's edit page and as a report.

Counts only (from the outbox's `topic`), never addresses, so every editor may see them.
"""

from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale

from actions.models import OutboxEmail


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
    from stories.notifications import update_topic

    updates = list(updates)
    counts = counts_by_topic({update_topic(u.translation_key) for u in updates})
    return [{"update": u, **counts[update_topic(u.translation_key)]} for u in updates]


def update_emails_report(request):
    from stories.models import CaseUpdate

    updates = (
        CaseUpdate.objects.filter(notify_supporters=True, locale=Locale.get_default())
        .select_related("page")
        .order_by("-date", "-pk")
    )
    return TemplateResponse(
        request, "stories/admin/email_report.html", {"rows": update_rows(updates)}
    )


@hooks.register("register_admin_urls")
def register_email_report_url():
    return [path("reports/update-emails/", update_emails_report, name="stories_update_emails")]


@hooks.register("register_reports_menu_item")
def register_email_report_menu_item():
    return MenuItem(
        _("Update emails"), reverse("stories_update_emails"), icon_name="mail", order=60
    )
