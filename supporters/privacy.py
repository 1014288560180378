"""Supporters' data: kept only as long as needed, exported and erased on request.

Anonymising keeps what reports need (the row, `counted`, kind, language, state and
district, dates) and blanks who the person was. A signature's `email_canonical` becomes a
unique placeholder, so the one-signature-per-person constraint and the counts stay valid.

When an action closed: the deadline if it has passed; for an action marked closed or won
before its deadline, the last time it was published (the publish that closed it, or a
later one, so data is never removed early). Responses whose action page was deleted are
anonymised that many days after they were made.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task, task_backends

from actions.counting import canonical_email
from actions.models import ActionResponse, UrgentActionPage
from supporters.models import EmailPreference, OutboxEmail, email_digest

logger = logging.getLogger(__name__)

ANON_PREFIX = "anonymised:"
ERASE_ACTION = "haven.supporter_erase"
PERSONAL = Q(first_name__gt="") | Q(last_name__gt="") | Q(email__gt="") | Q(zip_code__gt="")
PERSONAL |= Q(city__gt="") | Q(consent_text__gt="")


def retention_days():
    return int(getattr(settings, "HAVEN_RETENTION_DAYS", 180))


def closed_at(pages):
    """When an action group (its translations) stopped taking responses, or None if open."""
    now = timezone.now()
    moments = []
    for page in pages:
        if page.deadline and page.deadline <= now:
            moments.append(page.deadline)
        elif page.status != UrgentActionPage.Status.OPEN:
            moments.append(page.last_published_at or page.latest_revision_created_at or now)
    return max(moments) if moments else None


def _blank_emails(digests, *, delete_queued=False):
    """Remove addresses and bodies from the emails of these people (counts keep the row)."""
    emails = OutboxEmail.objects.filter(recipient_digest__in=digests)
    removed = 0
    if delete_queued:
        removed, _ = emails.filter(status=OutboxEmail.Status.QUEUED).delete()
    emails.exclude(status=OutboxEmail.Status.QUEUED).update(
        recipient="",
        subject="",
        body_text="",
        body_html="",
        unsubscribe_url="",
        reply_to="",
        attachment="",
    )
    return removed


def anonymise(responses):
    """Anonymise the given responses in place; returns how many changed. Idempotent."""
    changed = 0
    digests = set()
    with transaction.atomic():
        for response in responses.filter(PERSONAL).select_for_update():
            if response.email_canonical and not response.email_canonical.startswith(ANON_PREFIX):
                digests.add(email_digest(response.email_canonical))
            response.first_name = response.last_name = response.email = ""
            response.zip_code = response.city = response.consent_text = ""
            response.show_publicly = False
            response.opt_in = False
            if response.kind == ActionResponse.Kind.SIGN:
                response.email_canonical = f"{ANON_PREFIX}{response.pk}"
            else:
                response.email_canonical = ""
            response.save(
                update_fields=[
                    "first_name",
                    "last_name",
                    "email",
                    "email_canonical",
                    "zip_code",
                    "city",
                    "consent_text",
                    "show_publicly",
                    "opt_in",
                ]
            )
            changed += 1
        if digests:
            _blank_emails(digests)
    return changed


def anonymise_due(now=None):
    """Anonymise every response whose action closed more than the retention period ago."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    keys = set(
        ActionResponse.objects.filter(PERSONAL).values_list("action_key", flat=True).distinct()
    )
    pages_by_key = {}
    for page in UrgentActionPage.objects.filter(translation_key__in=keys):
        pages_by_key.setdefault(page.translation_key, []).append(page)
    due_keys = []
    for key in keys:
        pages = pages_by_key.get(key)
        if not pages:
            continue
        closed = closed_at(pages)
        if closed is not None and closed <= cutoff:
            due_keys.append(key)
    total = anonymise(ActionResponse.objects.filter(action_key__in=due_keys))
    orphans = ActionResponse.objects.exclude(action_key__in=list(pages_by_key)).filter(
        created_at__lte=cutoff
    )
    total += anonymise(orphans)
    # Sent emails are not needed once the retention period has passed either.
    OutboxEmail.objects.exclude(status=OutboxEmail.Status.QUEUED).filter(
        created_at__lte=cutoff
    ).exclude(recipient="").update(
        recipient="",
        subject="",
        body_text="",
        body_html="",
        unsubscribe_url="",
        reply_to="",
        attachment="",
    )
    logger.info("Anonymised %s response(s)", total)
    return total


# The daily task ----------------------------------------------------------------------------

TASK_PATH = "supporters.privacy.anonymise_daily"


def _pending_runs():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY")


def schedule_daily(run_after=None):
    """Queue the next daily run unless one is already waiting (idempotent)."""
    backend = task_backends[anonymise_daily.backend]
    if not backend.supports_defer:
        return None
    try:
        if _pending_runs().exists():
            return None
    except Exception:  # the database backend's table is not there: nothing to schedule on
        return None
    when = run_after or timezone.now() + timedelta(days=1)
    return anonymise_daily.using(run_after=when).enqueue()


@task(backend="email")
def anonymise_daily():
    """Run the retention rule, then queue tomorrow's run (cron is the alternative)."""
    anonymise_due()
    schedule_daily()


# One address: export and erase -----------------------------------------------------------


def _responses_for(address):
    canonical = canonical_email(address)
    return ActionResponse.objects.filter(
        Q(email_canonical=canonical) | Q(email__iexact=address.strip())
    ).exclude(email="")


def collect(address):
    """Everything held about one address, as plain data (for the admin page and JSON)."""
    canonical = canonical_email(address)
    digest = email_digest(canonical)
    responses = list(_responses_for(address).order_by("created_at"))
    titles = {
        page.translation_key: page.title
        for page in UrgentActionPage.objects.filter(
            translation_key__in=[r.action_key for r in responses],
            locale__language_code=settings.LANGUAGE_CODE,
        )
    }
    preference = EmailPreference.objects.filter(digest=digest).first()
    return {
        "address": address.strip(),
        "responses": [
            {
                "action": titles.get(r.action_key, str(r.action_key)),
                "kind": r.kind,
                "date": r.created_at,
                "language": r.language,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "email": r.email,
                "zip_code": r.zip_code,
                "city": r.city,
                "state": r.state,
                "district": r.district,
                "name_shown_publicly": r.show_publicly,
                "wants_news": r.opt_in,
                "consent_text": r.consent_text,
                "consent_at": r.consent_at,
            }
            for r in responses
        ],
        "emails": [
            {
                "kind": e.kind,
                "status": e.status,
                "date": e.created_at,
                "sent_at": e.sent_at,
                "language": e.language,
                "subject": e.subject,
                "body": e.body_text,
            }
            for e in OutboxEmail.objects.filter(recipient_digest=digest).order_by("created_at")
        ],
        "unsubscribed_at": preference.unsubscribed_at if preference else None,
    }


def export_json(address):
    return json.dumps(collect(address), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def erase(address, user=None):
    """Erase one address: anonymise its responses (counts stay), delete its emails (queued
    ones too, so the worker sends nothing) and its preference. Logged without the address."""
    from wagtail.models import ModelLogEntry

    digest = email_digest(canonical_email(address))
    with transaction.atomic():
        responses = _responses_for(address)
        first = responses.order_by("pk").first()
        count = anonymise(responses)
        emails, _ = OutboxEmail.objects.filter(recipient_digest=digest).delete()
        EmailPreference.objects.filter(digest=digest).delete()
        ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(ActionResponse),
            object_id=str(first.pk) if first else "0",
            label="Supporter data erased",
            action=ERASE_ACTION,
            data={"responses": count, "emails": emails},
            timestamp=timezone.now(),
            user=user,
        )
    return {"responses": count, "emails": emails}
