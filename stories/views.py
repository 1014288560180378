"""Admin views for case stories: taking a story down in every language at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.locks import ScheduledForPublishLock
from wagtail.log_actions import log

from stories.models import CaseStoryPage, ConsentRecord

TAKE_DOWN_ACTION = "stories.take_down"


def can_take_down(page, user):
    """Can `user` unpublish `page`? As Wagtail's rule, except that a scheduled publication
    does not block it: taking down cancels the schedule (it would bring the story back)."""
    tester = page.permissions_for_user(user)
    if tester.can_unpublish():
        return True
    if not (user.is_active and page.live):
        return False
    if not isinstance(page.get_lock(), ScheduledForPublishLock):
        return False
    return user.is_superuser or "publish" in tester.permissions


def live_translations(page):
    return list(
        page.get_translations(inclusive=True).live().select_related("locale").order_by("locale")
    )


def take_down(request, page_id):
    """Unpublish every language version of a story, when the person asks.

    A confirmation step first; then all or nothing: if the editor cannot unpublish one of
    the translations, none is touched and the page says which language blocks it.
    """
    page = get_object_or_404(CaseStoryPage, pk=page_id)
    translations = live_translations(page)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    blocked = [p for p in translations if not can_take_down(p, request.user)]
    if request.method == "POST":
        if blocked or not translations:
            raise PermissionDenied
        withdraw = bool(request.POST.get("withdraw_consent"))
        with transaction.atomic():
            # A scheduled publication would bring the story back: cancel them all first
            # (they also lock the page against unpublishing).
            for version in page.get_translations(inclusive=True):
                version.revisions.filter(approved_go_live_at__isnull=False).update(
                    approved_go_live_at=None
                )
            for translation in translations:
                CaseStoryPage.objects.get(pk=translation.pk).unpublish(user=request.user)
            withdrawn = 0
            if withdraw:
                withdrawn = (
                    ConsentRecord.objects.for_key(page.translation_key)
                    .filter(withdrawn_on__isnull=True)
                    .update(withdrawn_on=timezone.localdate())
                )
            log(
                instance=page,
                action=TAKE_DOWN_ACTION,
                user=request.user,
                data={
                    "languages": [p.locale.language_code for p in translations],
                    "consent_withdrawn": withdrawn,
                },
            )
        messages.success(
            request,
            _("“%(title)s” has been taken down in every language (%(count)s pages).")
            % {"title": page.get_admin_display_title(), "count": len(translations)},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "stories/admin/take_down.html",
        {
            "page": page,
            "page_title": _("Take down “%(title)s”") % {"title": page.get_admin_display_title()},
            "header_icon": "warning",
            "translations": translations,
            "blocked": blocked,
        },
    )
