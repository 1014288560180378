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
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task, task_backends

from home.links import site_root_url
from supporters.models import (
    CaseOptOut,
    EmailPreference,
    OutboxEmail,
    adopt_legacy_digests,
    email_digest,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "haven.unsubscribe"
MAX_ATTEMPTS = getattr(settings, "HAVEN_EMAIL_MAX_ATTEMPTS", 5)
RETRY_DELAYS = [60, 300, 900, 3600]  # seconds: 1 min, 5 min, 15 min, then hourly


def is_unsubscribed(digest):
    return EmailPreference.objects.filter(digest=digest, unsubscribed_at__isnull=False).exists()


def site_root():
    """The scheme and host every link in an email starts with: the site's one root for
    absolute links (home/links.py), the same as hreflang, feeds and share links."""
    return site_root_url()


def unsubscribe_link(preference_pk, language, root, case_keys=()):
    """The signed unsubscribe link of one preference row (no query: for batches).

    With `case_keys` (stories' translation keys) the link stops emails about those cases
    only; without, it stops every case update. The token carries no address.
    """
    payload = (
        {"p": preference_pk, "c": sorted(str(k) for k in case_keys)}
        if case_keys
        else (preference_pk)
    )
    token = signing.dumps(payload, salt=UNSUBSCRIBE_SALT)
    with translation.override(language):
        path = reverse("unsubscribe", args=[token])
    return f"{root}{path}"


def unsubscribe_url(canonical_email, language, case_keys=()):
    """An absolute, signed link that stops further email (about these cases, or all)."""
    preference, _ = EmailPreference.objects.get_or_create(digest=email_digest(canonical_email))
    return unsubscribe_link(preference.pk, language, site_root(), case_keys)


def token_scope(token):
    """(preference, case keys) a token names; no case keys means every email. Returns
    (None, ()) for a forged or damaged token."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None, ()
    if isinstance(payload, dict):
        pk, keys = payload.get("p"), tuple(payload.get("c") or ())
    else:
        pk, keys = payload, ()
    return EmailPreference.objects.filter(pk=pk).first(), keys


def opted_out_of_case(preference_ids, case_key):
    """The preference ids (of these) that asked for no more emails about this case."""
    return set(
        CaseOptOut.objects.filter(
            preference_id__in=list(preference_ids), case_key=case_key
        ).values_list("preference_id", flat=True)
    )


def sender():
    """(From, Reply-To list) of supporter emails: the address from DEFAULT_FROM_EMAIL (the
    mail server must be allowed to send for it), the name and reply-to address from Haven
    settings when an editor set them, else HAVEN_EMAIL_REPLY_TO."""
    from email.utils import formataddr, parseaddr

    from home.links import default_site
    from home.models import HavenSettings

    from_email = settings.DEFAULT_FROM_EMAIL
    reply_to = getattr(settings, "HAVEN_EMAIL_REPLY_TO", "")
    site = default_site()
    if site is not None:
        haven = HavenSettings.for_site(site)
        if haven.email_from_name:
            from_email = formataddr((haven.email_from_name, parseaddr(from_email)[1]))
        reply_to = haven.email_reply_to or reply_to
    return from_email, [reply_to] if reply_to else []


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
    return token_scope(token)[0]


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
    case_keys=(),
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
                # The List-Unsubscribe address: this case only when the email is about one.
                "unsubscribe_url": unsubscribe_url(canonical_email, language, case_keys),
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


def _message(email, connection=None):
    # Content-Language lets mail clients offer translation and pick fonts and hyphenation.
    headers = {"Content-Language": email.language or settings.LANGUAGE_CODE}
    if email.unsubscribe_url:
        # RFC 8058 one-click: a POST to this URL unsubscribes from the scope it names
        # (this case for update and confirmation emails about a case).
        headers["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    from_email, reply_to = sender()
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=from_email,
        to=[email.recipient],
        # A reader's own message (delivery to an official) answers to the reader.
        reply_to=[email.reply_to] if email.reply_to else reply_to,
        headers=headers,
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.attachment_name:
        message.attach(email.attachment_name, email.attachment, "text/csv")
    return message


def queue_to_office(
    *,
    dedupe_key,
    kind,
    recipient,
    person_email,
    language,
    subject,
    body_text,
    reply_to="",
    attachment_name="",
    attachment="",
    topic="",
):
    """Queue an email to an official's office: a delivered letter, or a reader's message.

    `person_email` is whose data this is (the reader, for a message; the office, for a
    letter): erasure and export find the email by it. No unsubscribe link: the office did
    not subscribe to anything. Returns the outbox row (the first one for a repeated key).
    """
    from actions.counting import canonical_email

    with transaction.atomic():
        email, created = OutboxEmail.objects.get_or_create(
            dedupe_key=dedupe_key,
            defaults={
                "kind": kind,
                "topic": topic,
                "recipient": recipient,
                "recipient_digest": email_digest(canonical_email(person_email)),
                "language": language,
                "subject": subject[:255],
                "body_text": body_text,
                "reply_to": reply_to,
                "attachment_name": attachment_name,
                "attachment": attachment,
            },
        )
        if created:
            send_outbox_email.enqueue(email.pk)
    return email


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


def _opted_out_since_queued(email):
    """True when the reader left this email's case after it was queued: the case is the
    one its own unsubscribe link names."""
    token = (email.unsubscribe_url or "").rstrip("/").rsplit("/", 1)[-1]
    preference, keys = token_scope(token) if token else (None, ())
    return bool(
        preference
        and keys
        and CaseOptOut.objects.filter(preference=preference, case_key__in=keys).exists()
    )


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

    At least once, duplicated never in practice: the row is leased before sending (a
    second sender backs off and looks again when the lease ends), and `accepted_at` is
    written the moment the SMTP server accepts the message, before the connection is even
    closed. A worker killed after that leaves `accepted_at`, which the next attempt turns
    into "sent" without sending; one killed before it leaves a lease that runs out, and
    the email is taken up again (supporters/worker.py reaps the task).
    """
    accepted = OutboxEmail.objects.filter(
        pk=email_id, status=OutboxEmail.Status.QUEUED, accepted_at__isnull=False
    ).first()
    if accepted is not None:
        _mark_sent(accepted)  # accepted before a crash: recording it is all that was left
        return
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
    if email.kind == OutboxEmail.Kind.CASE_UPDATE and (
        is_unsubscribed(email.recipient_digest) or _opted_out_since_queued(email)
    ):
        email.status = OutboxEmail.Status.CANCELLED
        email.lease_until = None
        email.save(update_fields=["status", "lease_until"])
        return
    # One connection opened here and closed only after acceptance is recorded: left to
    # itself, Django closes it (SMTP QUIT, which can hang or be killed too) before
    # send() returns, and an email accepted by then would be sent again.
    connection = get_connection()
    try:
        connection.open()
        _message(email, connection).send()
    except Exception as exc:
        _close_quietly(connection)
        _record_failure(email, exc)
        return
    # Accepted: written at once, in its own statement (the worker runs in autocommit), so
    # nothing that happens from here on can make this email go out twice.
    OutboxEmail.objects.filter(pk=email.pk).update(accepted_at=timezone.now())
    _close_quietly(connection)
    _mark_sent(email)


def _close_quietly(connection):
    try:
        connection.close()
    except Exception:  # noqa: S110 - the message is accepted or already failed; QUIT is moot
        pass


def _mark_sent(email):
    now = timezone.now()
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENT,
        sent_at=now,
        last_error="",
        lease_until=None,
    )
    if email.kind == OutboxEmail.Kind.LETTER:
        _mark_letter_sent(email, now)


def _mark_letter_sent(email, when):
    """The office's copy of a sign-on letter is delivered once its server accepted it.

    Found by the letter's action and the office's address (the topic is the action's
    `letter:<translation key>`): the outbox may send before the delivery row learns its
    outbox id, in the same transaction.
    """
    from actions.models import LetterDelivery

    prefix, _, key = email.topic.partition(":")
    if prefix != "letter" or not key:
        return
    LetterDelivery.objects.filter(
        action_key=key, recipient_email=email.recipient.lower(), sent_at__isnull=True
    ).update(sent_at=when)


def _record_failure(email, exc):
    # The class name and SMTP code only: the message may quote the address.
    email.last_error = f"{type(exc).__name__} {getattr(exc, 'smtp_code', '')}".strip()
    email.lease_until = None
    if _is_temporary(exc) and email.attempts < MAX_ATTEMPTS:
        email.save(update_fields=["last_error", "lease_until"])
        logger.warning("Email #%s failed temporarily (%s); retrying", email.pk, email.last_error)
        _retry_later(email)
        return
    email.status = OutboxEmail.Status.FAILED
    email.save(update_fields=["last_error", "lease_until", "status"])
    logger.error("Email #%s failed permanently (%s)", email.pk, email.last_error)


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
