"""Emailing supporters when a story's update is published.

`stories` announces a published story's ticked updates (stories.signals.update_published);
the receiver queues one `notify_story_updates` task and the editor's publish returns.
The worker then emails each supporter who opted in on any action linked to the story,
once per update, in their language when the update is published in it, otherwise in
English with a line in their language saying why. People are handled in batches with a
fixed number of queries per batch (preferences, outbox rows, one send task), inside one
transaction with the "notified" marker: a crash part-way emails nobody and a retry
emails everyone once (the per-person dedupe key is the second guard).
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.rich_text import expand_db_html

from actions import counting
from actions.models import ActionResponse
from home.links import absolutise_html, html_to_text, page_url
from supporters.mail import (
    opted_out_of_case,
    preferences_for,
    queue_batch,
    site_root,
    unsubscribe_link,
)
from supporters.models import NotifiedUpdate, OutboxEmail, email_digest

logger = logging.getLogger(__name__)


def batch_size():
    return int(getattr(settings, "HAVEN_EMAIL_BATCH_SIZE", 200))


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


def _story_model():
    # Through the app registry: supporters never imports the stories app.
    return apps.get_model("stories", "CaseStoryPage")


def _live_versions(story):
    """{language code: live story} for every live translation of the story."""
    pages = (
        _story_model()
        .objects.live()
        .filter(translation_key=story.translation_key)
        .select_related("locale")
        .prefetch_related("updates")
    )
    return {page.locale.language_code: page for page in pages}


def _content(version, update, language, fallback_language=None):
    """Subject and bodies for one update in one language (rendered once, reused per person)."""
    with translation.override(language):
        # Mail clients have no site to resolve "/en/actions/…" against: every link absolute,
        # and spelled out in the text part so none is lost.
        body_html = absolutise_html(expand_db_html(update.body or ""))
        subject = _("Case update: %(headline)s") % {"headline": update.headline}
        context = {
            "subject": subject,
            "story_title": version.title,
            "story_url": f"{page_url(version)}#{update.anchor}",
            "headline": update.headline,
            "update_date": date_format(update.date, "DATE_FORMAT"),
            "body_html": body_html,
            "body_text": html_to_text(body_html),
        }
    if fallback_language:
        with translation.override(fallback_language):
            context["fallback_note"] = _(
                "This update has not been translated into your language yet; here it is in "
                "English so that you do not have to wait."
            )
            context["fallback_language"] = fallback_language
    return subject, context


@task(backend="email")
def notify_story_updates(page_id):
    """The worker's fan-out for one published story (queued by the publish)."""
    story = _story_model().objects.filter(pk=page_id).first()
    return notify_story(story) if story is not None else 0


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def notify_story(story, size=None):
    """Queue the emails for every ticked, not yet notified update of the live story."""
    story = story.specific
    if not isinstance(story, _story_model()) or not story.live:
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
    root = site_root()
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
            contents = {}  # rendered once per language, not per person

            def content_for(language, by_language=by_language, fallback=fallback, cache=contents):
                if language not in cache:
                    if language in by_language:
                        version, localized = by_language[language]
                        subject, context = _content(version, localized, language)
                        used = language
                    else:
                        version, localized = fallback
                        used = version.locale.language_code
                        subject, context = _content(version, localized, used, language)
                    context["acted_count"] = acted
                    context["language"] = used  # <html lang> and Content-Language
                    cache[language] = (used, subject, context)
                return cache[language]

            for batch in _chunks(people, size or batch_size()):
                queued += _queue_update_batch(key, batch, content_for, root, story.translation_key)
            NotifiedUpdate.objects.get_or_create(
                update_key=key, defaults={"recipients": len(people)}
            )
    # Counts only: never an address in the logs.
    logger.info("Queued %s case-update email(s) for story #%s", queued, story.pk)
    return queued


def _queue_update_batch(key, batch, content_for, root, case_key):
    """One batch of people: a fixed number of queries, whatever the batch holds.

    People who stopped all emails, or emails about this case, are left out.
    """
    digests = {canonical: email_digest(canonical) for _email, canonical, _lang in batch}
    preferences = preferences_for(digests.values())
    left_case = opted_out_of_case([pk for pk, _u in preferences.values()], case_key)
    emails = []
    for recipient, canonical, language in batch:
        digest = digests[canonical]
        preference_pk, unsubscribed = preferences[digest]
        if unsubscribed or preference_pk in left_case:
            continue
        used, subject, base = content_for(language)
        # The List-Unsubscribe link (and "Stop emails about this case") names this case;
        # "Stop all emails" is the second link in the footer.
        link = unsubscribe_link(preference_pk, used, root, [case_key])
        context = {
            **base,
            "unsubscribe_url": link,
            "unsubscribe_all_url": unsubscribe_link(preference_pk, used, root),
        }
        with translation.override(used):
            body_text = render_to_string("emails/case_update.txt", context)
            body_html = render_to_string("emails/case_update.html", context)
        emails.append(
            OutboxEmail(
                dedupe_key=f"update:{key}:{digest}",
                kind=OutboxEmail.Kind.CASE_UPDATE,
                topic=update_topic(key),
                recipient=recipient,
                recipient_digest=digest,
                language=used,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                unsubscribe_url=link,
            )
        )
    return len(queue_batch(emails))
