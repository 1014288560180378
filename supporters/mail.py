"""Supporter email: written to the outbox inside the caller's transaction, sent by a task.

Why this shape: the outbox row and the queued task commit together with the event that
caused them (a signature, a published update), so a crash loses nothing and a rollback
sends nothing; the unique dedupe key makes a second email for the same event impossible.
"""

import logging
import smtplib
import socket
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task, task_backends
from wagtail.models import Site

from supporters.models import EmailPreference, OutboxEmail, adopt_legacy_digests, email_digest

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "haven.unsubscribe"
MAX_ATTEMPTS = getattr(settings, "HAVEN_EMAIL_MAX_ATTEMPTS", 5)
RETRY_DELAYS = [60, 300, 900, 3600]  # seconds: 1 min, 5 min, 15 min, then hourly


def is_unsubscribed(digest):
    return EmailPreference.objects.filter(digest=digest, unsubscribed_at__isnull=False).exists()


def site_root():
    """The scheme and host every link in an email starts with."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL


def unsubscribe_link(preference_pk, language, root):
    """The signed unsubscribe link of one preference row (no query: for batches)."""
    token = signing.dumps(preference_pk, salt=UNSUBSCRIBE_SALT)
    with translation.override(language):
        path = reverse("unsubscribe", args=[token])
    return f"{root}{path}"


def unsubscribe_url(canonical_email, language):
    """An absolute, signed link that stops further email; it carries no address."""
    preference, _ = EmailPreference.objects.get_or_create(digest=email_digest(canonical_email))
    return unsubscribe_link(preference.pk, language, site_root())


def preferences_for(digests):
    """{digest: (preference pk, unsubscribed?)} for these digests, creating missing rows.

    A fixed number of queries whatever the number of digests (the fan-out's batches).
    """
    digests = set(digests)
    found = {
        digest: (pk, unsubscribed_at is not None)
        for digest, pk, unsubscribed_at in EmailPreference.objects.filter(
            digest__in=digests
        ).values_list("digest", "pk", "unsubscribed_at")
    }
    missing = digests - set(found)
    if missing:
        EmailPreference.objects.bulk_create(
            [EmailPreference(digest=digest) for digest in missing], ignore_conflicts=True
        )
        for digest, pk in EmailPreference.objects.filter(digest__in=missing).values_list(
            "digest", "pk"
        ):
            found[digest] = (pk, False)
    return found


def preference_for_token(token):
    """The preference a token names, or None when the token is forged or damaged."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return EmailPreference.objects.filter(pk=pk).first()


def queue_email(
    *,
    dedupe_key,
    kind,
    recipient,
    canonical_email,
    language,
    subject,
    body_text,
    body_html="",
    topic="",
):
    """Write one email to the outbox and queue its sending, atomically with the caller.

    Returns the outbox row, or None when the address has unsubscribed from case updates.
    A second call with the same dedupe key returns the first row and queues nothing.
    """
    adopt_legacy_digests([canonical_email])
    digest = email_digest(canonical_email)
    if kind == OutboxEmail.Kind.CASE_UPDATE and is_unsubscribed(digest):
        return None
    with transaction.atomic():
        email, created = OutboxEmail.objects.get_or_create(
            dedupe_key=dedupe_key,
            defaults={
                "kind": kind,
                "topic": topic,
                "recipient": recipient,
                "recipient_digest": digest,
                "language": language,
                "subject": subject[:255],
                "body_text": body_text,
                "body_html": body_html,
                "unsubscribe_url": unsubscribe_url(canonical_email, language),
            },
        )
        if created:
            send_outbox_email.enqueue(email.pk)
    return email


def queue_batch(emails):
    """Write many emails to the outbox and queue ONE task that sends them.

    `emails` are unsaved OutboxEmail rows; those whose dedupe key already exists are
    skipped (one email per event per person). Returns the ids queued. A fixed number of
    queries per call, however many emails: the update fan-out relies on it.
    """
    keys = [email.dedupe_key for email in emails]
    existing = set(
        OutboxEmail.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    fresh, seen = [], set()
    for email in emails:
        if email.dedupe_key in existing or email.dedupe_key in seen:
            continue
        seen.add(email.dedupe_key)
        email.subject = email.subject[:255]
        fresh.append(email)
    if not fresh:
        return []
    with transaction.atomic():
        OutboxEmail.objects.bulk_create(fresh)
        # Re-read the ids: not every database returns them from a bulk insert.
        ids = list(
            OutboxEmail.objects.filter(dedupe_key__in=[e.dedupe_key for e in fresh])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        send_outbox_batch.enqueue(ids)
    return ids


def _is_temporary(exc):
    """SMTP 4xx replies and network trouble are worth retrying; 5xx replies are final."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(
        exc,
        smtplib.SMTPServerDisconnected
        | smtplib.SMTPConnectError
        | ConnectionError
        | TimeoutError
        | socket.timeout,
    )


def _message(email):
    headers = {}
    if email.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.recipient],
        headers=headers,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def _retry_later(email):
    delay = RETRY_DELAYS[min(email.attempts - 1, len(RETRY_DELAYS) - 1)]
    backend = task_backends[send_outbox_email.backend]
    if backend.supports_defer:
        send_outbox_email.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            email.pk
        )
    else:
        # Immediate backends (tests, some demos) cannot wait: try again at once.
        send_outbox_email.enqueue(email.pk)


@task(backend="email")
def send_outbox_batch(email_ids):
    """Send a batch of outbox emails (one task per batch, not per person)."""
    for email_id in email_ids:
        send_outbox_email.call(email_id)


def _lease():
    return timedelta(seconds=getattr(settings, "HAVEN_EMAIL_LEASE_SECONDS", 120))


def _claim(email_id):
    """Take the row for one send attempt: only a queued, never-accepted row whose lease is
    free or expired. One UPDATE, so two workers can never both hold it."""
    now = timezone.now()
    return (
        OutboxEmail.objects.filter(
            pk=email_id, status=OutboxEmail.Status.QUEUED, accepted_at__isnull=True
        )
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lte=now))
        .update(lease_until=now + _lease(), attempts=F("attempts") + 1)
    )


def _come_back_when_the_lease_ends(email):
    """Another sender holds the row (or held it and died): look again when its lease ends,
    so an abandoned row is never left behind."""
    backend = task_backends[send_outbox_email.backend]
    if backend.supports_defer and email.lease_until:
        run_after = email.lease_until + timedelta(seconds=1)
        send_outbox_email.using(run_after=run_after).enqueue(email.pk)


@task(backend="email")
def send_outbox_email(email_id):
    """Send one outbox email; retry temporary failures, record permanent ones.

    At least once, duplicated never in practice: the row is leased before sending, marked
    accepted the moment SMTP accepts it, and a row whose lease ran out (its worker was
    killed) is taken up again by the next attempt.
    """
    if not _claim(email_id):
        email = OutboxEmail.objects.filter(pk=email_id).first()
        if (
            email is not None
            and email.status == OutboxEmail.Status.QUEUED
            and email.accepted_at is None
        ):
            _come_back_when_the_lease_ends(email)
        return  # erased, cancelled, already sent, or being sent right now
    email = OutboxEmail.objects.get(pk=email_id)
    if email.kind == OutboxEmail.Kind.CASE_UPDATE and is_unsubscribed(email.recipient_digest):
        email.status = OutboxEmail.Status.CANCELLED
        email.lease_until = None
        email.save(update_fields=["status", "lease_until"])
        return
    try:
        _message(email).send()
    except Exception as exc:
        # The class name and SMTP code only: the message may quote the address.
        email.last_error = f"{type(exc).__name__} {getattr(exc, 'smtp_code', '')}".strip()
        email.lease_until = None
        if _is_temporary(exc) and email.attempts < MAX_ATTEMPTS:
            email.save(update_fields=["last_error", "lease_until"])
            logger.warning(
                "Email #%s failed temporarily (%s); retrying", email.pk, email.last_error
            )
            _retry_later(email)
            return
        email.status = OutboxEmail.Status.FAILED
        email.save(update_fields=["last_error", "status", "lease_until"])
        logger.error("Email #%s failed permanently (%s)", email.pk, email.last_error)
        return
    # First thing after the server said yes, before the task itself is marked done.
    now = timezone.now()
    OutboxEmail.objects.filter(pk=email.pk).update(
        accepted_at=now,
        sent_at=now,
        status=OutboxEmail.Status.SENT,
        last_error="",
        lease_until=None,
    )


def send_again(emails):
    """An editor's "send again" for failed emails: a fresh set of attempts each."""
    ids = list(
        emails.filter(status=OutboxEmail.Status.FAILED, accepted_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        OutboxEmail.objects.filter(pk__in=ids).update(
            status=OutboxEmail.Status.QUEUED, attempts=0, last_error="", lease_until=None
        )
        for email_id in ids:
            send_outbox_email.enqueue(email_id)
    return len(ids)
