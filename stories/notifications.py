"""Emailing supporters when a story's update is published.

Connected to Wagtail's `page_published` (StoriesConfig.ready). Each supporter who opted
in on any action linked to the story gets one email per update, in their language when
the update is published in it, otherwise in English with a line in their language
saying why. Queued in one transaction with the "notified" marker, so a crash part-way
emails nobody and a retry emails everyone once.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from actions import counting
from actions.mail import queue_email, unsubscribe_url
from actions.models import ActionResponse, OutboxEmail, email_digest
from stories.models import CaseStoryPage, NotifiedUpdate

logger = logging.getLogger(__name__)


def update_topic(update_key):
    """The outbox topic of an update's emails: what the editor's counts group by."""
    return f"update:{update_key}"


def supporters(action_keys):
    """One (recipient, canonical, language) per person who opted in on any of the actions.

    The newest response decides address and language: it is what they used last.
    """
    rows = (
        ActionResponse.objects.filter(action_key__in=action_keys, opt_in=True)
        .exclude(email="")
        .exclude(email_canonical="")
        .order_by("created_at")
        .values_list("email", "email_canonical", "language")
    )
    people = {}
    for email, canonical, language in rows:
        people[canonical] = (email, canonical, language or settings.LANGUAGE_CODE)
    return list(people.values())


def _live_versions(story):
    """{language code: live story} for every live translation of the story."""
    pages = (
        CaseStoryPage.objects.live()
        .filter(translation_key=story.translation_key)
        .select_related("locale")
        .prefetch_related("updates")
    )
    return {page.locale.language_code: page for page in pages}


def _content(version, update, language, fallback_language=None):
    """Subject and bodies for one update in one language (rendered once, reused per person)."""
    with translation.override(language):
        body_html = expand_db_html(update.body or "")
        context = {
            "story_title": version.title,
            "story_url": f"{version.get_full_url()}#{update.anchor}",
            "headline": update.headline,
            "update_date": date_format(update.date, "DATE_FORMAT"),
            "body_html": body_html,
            "body_text": strip_tags(body_html.replace("</p>", "</p>\n\n")).strip(),
        }
        subject = _("Case update: %(headline)s") % {"headline": update.headline}
    if fallback_language:
        with translation.override(fallback_language):
            context["fallback_note"] = _(
                "This update has not been translated into your language yet; here it is in "
                "English so that you do not have to wait."
            )
            context["fallback_language"] = fallback_language
    return subject, context


def notify_story(story):
    """Queue the emails for every ticked, not yet notified update of the live story."""
    story = story.specific
    if not isinstance(story, CaseStoryPage) or not story.live:
        return 0
    updates = [u for u in story.updates.all() if u.notify_supporters]
    if not updates:
        return 0
    done = set(
        NotifiedUpdate.objects.filter(
            update_key__in=[u.translation_key for u in updates]
        ).values_list("update_key", flat=True)
    )
    updates = [u for u in updates if u.translation_key not in done]
    if not updates:
        return 0
    action_keys = {
        link.action.translation_key
        for link in story.linked_actions.select_related("action")
        if link.action_id
    }
    people = supporters(action_keys)
    versions = _live_versions(story)
    default = settings.LANGUAGE_CODE
    acted = sum(counting.count_from_db(list(action_keys)).values()) if action_keys else 0
    queued = 0
    with transaction.atomic():
        for update in updates:
            key = update.translation_key
            by_language = {}
            for code, version in versions.items():
                match = next((u for u in version.updates.all() if u.translation_key == key), None)
                if match is not None:
                    by_language[code] = (version, match)
            fallback = by_language.get(default) or (story, update)
            for recipient, canonical, language in people:
                if language in by_language:
                    version, localized = by_language[language]
                    subject, context = _content(version, localized, language)
                    used = language
                else:
                    version, localized = fallback
                    used = version.locale.language_code
                    subject, context = _content(version, localized, used, language)
                context["acted_count"] = acted
                context["unsubscribe_url"] = unsubscribe_url(canonical, used)
                with translation.override(used):
                    context["LANGUAGE_CODE"] = used
                    body_text = render_to_string("emails/case_update.txt", context)
                    body_html = render_to_string("emails/case_update.html", context)
                email = queue_email(
                    dedupe_key=f"update:{key}:{email_digest(canonical)}",
                    kind=OutboxEmail.Kind.CASE_UPDATE,
                    recipient=recipient,
                    canonical_email=canonical,
                    language=used,
                    subject=subject,
                    body_text=body_text,
                    body_html=body_html,
                    topic=update_topic(key),
                )
                queued += email is not None
            NotifiedUpdate.objects.get_or_create(
                update_key=key, defaults={"recipients": len(people)}
            )
    # Counts only: never an address in the logs.
    logger.info("Queued %s case-update email(s) for story #%s", queued, story.pk)
    return queued


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, Page) and isinstance(instance.specific_deferred, CaseStoryPage):
        notify_story(instance)


def build_demo(ctx):
    """Demo: fictional example.org signers ask for news and the first featured story's
    newest update notifies them, so the worker prints the emails (idempotent: the marker
    and dedupe keys stop repeats)."""
    from django.utils import timezone

    from translation.builders import translate

    featured = ctx.extra.get("demo_stories") or []
    if not featured:
        return
    story = CaseStoryPage.objects.get(pk=featured[0].pk)
    keys = [link.action.translation_key for link in story.linked_actions.select_related("action")]
    ActionResponse.objects.filter(
        action_key__in=keys,
        kind=ActionResponse.Kind.SIGN,
        email__endswith="@example.org",
        opt_in=False,
    ).update(opt_in=True, consent_text="Send me news about this case", consent_at=timezone.now())
    updates = list(story.updates.all())
    if not updates:
        return
    newest = max(updates, key=lambda u: (u.date, u.sort_order or 0))
    if newest.notify_supporters:
        return
    newest.notify_supporters = True
    story.updates = updates
    story.save_revision().publish()  # page_published queues the emails
    translate(story, ctx.spanish, ctx.glossary)
