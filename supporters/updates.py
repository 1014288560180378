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
from datetime import timedelta
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task, task_backends
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
from supporters.models import NotifiedUpdate, OutboxEmail, adopt_legacy_digests, email_digest

logger = logging.getLogger(__name__)


def batch_size():
    return int(getattr(settings, "HAVEN_EMAIL_BATCH_SIZE", 200))


def update_topic(update_key):
    """The outbox topic of an update's emails: what the editor's counts group by."""
    return f"update:{update_key}"


def supporters(action_keys):
    """One Supporter per person who opted in on any of the actions.

    The newest response decides address, language and the action the email names: it is
    what they used last.
    """
    rows = (
        ActionResponse.objects.filter(action_key__in=action_keys, opt_in=True)
        .exclude(email="")
        .exclude(email_canonical="")
        .order_by("created_at", "pk")
        .values_list("email", "email_canonical", "language", "action_key", "kind")
    )
    people = {}
    for email, canonical, language, action_key, kind in rows:
        people[canonical] = Supporter(email, canonical, site_language(language), action_key, kind)
    return list(people.values())


class Supporter(NamedTuple):
    email: str
    canonical: str
    language: str
    action_key: object
    kind: str


def site_language(code):
    """A response's language as one of the site's languages ("es-mx" → "es")."""
    codes = {c for c, _name in settings.LANGUAGES}
    code = (code or "").lower()
    if code in codes:
        return code
    base = code.split("-")[0]
    return base if base in codes else settings.LANGUAGE_CODE


def grace_period():
    return timedelta(hours=float(getattr(settings, "HAVEN_TRANSLATION_GRACE_HOURS", 48)))


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
                "English so that you do not miss it."
            )
            context["fallback_language"] = fallback_language
    return subject, context


@task(backend="email")
def notify_story_updates(page_id, send_now=()):
    """The worker's fan-out for one story: queued by a publish in any language, scheduled
    for the end of the grace period, or by an editor's "Send now" (`send_now`: update keys
    whose waiting supporters get the published version at once)."""
    story = _story_model().objects.filter(pk=page_id).first()
    return notify_story(story, send_now=send_now) if story is not None else 0


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _acted_on_titles(action_keys):
    """{(action key, language): title} of the live actions, to name what a person did."""
    Page = apps.get_model("wagtailcore", "Page")
    titles = {}
    for key, code, title in (
        Page.objects.live()
        .filter(translation_key__in=action_keys)
        .values_list("translation_key", "locale__language_code", "title")
    ):
        titles[(key, code)] = title
        titles.setdefault((key, None), title)
    return titles


def notify_story(story, size=None, send_now=()):
    """Queue the emails for every ticked update of the live story not yet sent to everyone.

    Each supporter gets an update once (outbox dedupe key), in their language when a live
    version of the story carries the update in it. Otherwise they wait: when that version
    is published, its publish runs this again; when the grace period ends (a task is
    scheduled for then) or an editor sends now, they get the published version with a note
    in their language.
    """
    story = story.specific
    if not isinstance(story, _story_model()) or not story.live:
        return 0
    updates = [u for u in story.updates.all() if u.notify_supporters]
    if not updates:
        return 0
    markers = {
        m.update_key: m
        for m in NotifiedUpdate.objects.filter(update_key__in=[u.translation_key for u in updates])
    }
    updates = [
        u
        for u in updates
        if u.translation_key not in markers or markers[u.translation_key].waiting_languages
    ]
    if not updates:
        return 0
    send_now = {str(key) for key in send_now}
    action_keys = {
        link.action.translation_key
        for link in story.linked_actions.select_related("action")
        if link.action_id
    }
    people = supporters(action_keys)
    titles = _acted_on_titles(action_keys)
    versions = _live_versions(story)
    default = settings.LANGUAGE_CODE
    acted = sum(counting.count_from_db(list(action_keys)).values()) if action_keys else 0
    root = site_root()
    now = timezone.now()
    queued = 0
    schedule = None
    with transaction.atomic():
        for update in updates:
            key = update.translation_key
            marker = markers.get(key)
            grace_until = (
                marker.grace_until if marker and marker.grace_until else now + grace_period()
            )
            expired = str(key) in send_now or now >= grace_until
            by_language = {}
            for code, version in versions.items():
                match = next((u for u in version.updates.all() if u.translation_key == key), None)
                if match is not None:
                    by_language[code] = (version, match)
            fallback = by_language.get(default) or (story, update)
            fallback_language = fallback[0].locale.language_code
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

            in_scope = people
            if marker is not None:
                in_scope = [p for p in people if p.language in marker.waiting_languages]
            ready, waiting = [], set()
            for person in in_scope:
                if person.language in by_language or person.language == fallback_language:
                    ready.append(person)
                elif expired:
                    ready.append(person)
                else:
                    waiting.add(person.language)
            for batch in _chunks(ready, size or batch_size()):
                queued += _queue_update_batch(
                    key, batch, content_for, root, titles, story.translation_key
                )
            if marker is None:
                NotifiedUpdate.objects.create(
                    update_key=key,
                    recipients=len(ready),
                    waiting_languages=sorted(waiting),
                    grace_until=grace_until,
                )
                if waiting:
                    schedule = min(schedule or grace_until, grace_until)
            else:
                marker.recipients += len(ready)
                marker.waiting_languages = sorted(waiting)
                marker.save(update_fields=["recipients", "waiting_languages"])
        if schedule is not None:
            _schedule_end_of_grace(story.pk, schedule)
    # Counts only: never an address in the logs.
    logger.info("Queued %s case-update email(s) for story #%s", queued, story.pk)
    return queued


def _schedule_end_of_grace(page_id, when):
    """Run the fan-out again when the grace period ends, for whoever is still waiting.

    Backends that cannot defer (the immediate one in tests) skip this: the tests run the
    task themselves with the clock moved on.
    """
    backend = task_backends[notify_story_updates.backend]
    if backend.supports_defer:
        notify_story_updates.using(run_after=when).enqueue(page_id)


def waiting_counts(story, updates):
    """{update key: {language: number of people waiting}} for the story's panel."""
    keys = [u.translation_key for u in updates]
    markers = {
        m.update_key: m
        for m in NotifiedUpdate.objects.filter(update_key__in=keys)
        if m.waiting_languages
    }
    if not markers:
        return {}
    action_keys = {
        link.action.translation_key
        for link in story.linked_actions.select_related("action")
        if link.action_id
    }
    people = supporters(action_keys)
    result = {}
    for key, marker in markers.items():
        counts = {}
        for person in people:
            if person.language in marker.waiting_languages:
                counts[person.language] = counts.get(person.language, 0) + 1
        result[key] = counts
    return result


def _queue_update_batch(key, batch, content_for, root, titles, case_key):
    """One batch of people: a fixed number of queries, whatever the batch holds.

    People who stopped all emails, or emails about this case, are left out.
    """
    adopt_legacy_digests(person.canonical for person in batch)
    digests = {person.canonical: email_digest(person.canonical) for person in batch}
    preferences = preferences_for(digests.values())
    left_case = opted_out_of_case([pk for pk, _u in preferences.values()], case_key)
    emails = []
    for person in batch:
        digest = digests[person.canonical]
        preference_pk, unsubscribed = preferences[digest]
        if unsubscribed or preference_pk in left_case:
            continue
        used, subject, base = content_for(person.language)
        # The List-Unsubscribe link (and "Stop emails about this case") names this case;
        # "Stop all emails" is the second link in the footer.
        link = unsubscribe_link(preference_pk, used, root, [case_key])
        action_title = titles.get((person.action_key, used)) or titles.get(
            (person.action_key, None)
        )
        context = {
            **base,
            "unsubscribe_url": link,
            "unsubscribe_all_url": unsubscribe_link(preference_pk, used, root),
            # The action this person took, named in their language where it is live.
            "action_title": action_title or "",
            "action_kind": person.kind,
        }
        with translation.override(used):
            body_text = render_to_string("emails/case_update.txt", context)
            body_html = render_to_string("emails/case_update.html", context)
        emails.append(
            OutboxEmail(
                dedupe_key=f"update:{key}:{digest}",
                kind=OutboxEmail.Kind.CASE_UPDATE,
                topic=update_topic(key),
                recipient=person.email,
                recipient_digest=digest,
                language=used,
                subject=subject,
                body_text=body_text,
                body_html=body_html,
                unsubscribe_url=link,
            )
        )
    return len(queue_batch(emails))
