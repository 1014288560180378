"""The request never waits for supporters: signing and publishing queue one task each, and
the worker's fan-out costs a fixed number of queries per batch, not per person."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import task_backends

from actions.models import ActionResponse
from supporters.confirmation import build_confirmation
from supporters.mail import send_outbox_batch
from supporters.models import EmailPreference, NotifiedUpdate, OutboxEmail
from supporters.tests.notifications_helpers import *  # noqa: F403  (fixtures)
from supporters.tests.notifications_helpers import _publish, _supporter
from supporters.updates import notify_story, notify_story_updates
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data

pytestmark = pytest.mark.django_db

# The "email" queue records what is enqueued and runs nothing: what the request itself does.
DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
}


def _queued(task=None):
    results = task_backends["email"].results
    if task is None:
        return results
    return [r for r in results if r.task.module_path == task.module_path]


def test_signing_queues_one_task_and_builds_no_email_in_the_request(client, action, settings):
    settings.TASKS = DUMMY_TASKS
    response = client.post(action.url + "sign/", sign_data(**{"sign-opt_in": "on"}))
    assert response.status_code == 303
    assert ActionResponse.objects.filter(kind="sign").count() == 1
    assert [r.task.module_path for r in _queued()] == [build_confirmation.module_path]
    assert OutboxEmail.objects.count() == 0  # the letter is not built by the request

    # The worker builds the letter, demands and links, then queues the sending.
    build_confirmation.call(*_queued()[0].args)
    email = OutboxEmail.objects.get()
    assert email.kind == OutboxEmail.Kind.CONFIRMATION
    assert "We ask you to act." in email.body_text
    assert email.recipient == "ana.perez@example.org"


def test_repeat_signature_queues_nothing(client, action, settings):
    settings.TASKS = DUMMY_TASKS
    client.post(action.url + "sign/", sign_data())
    client.post(action.url + "sign/", sign_data(**{"sign-email": "Ana.Perez+x@example.org"}))
    assert len(_queued(build_confirmation)) == 1


def _publish_queries(story):
    with CaptureQueriesContext(connection) as ctx:
        _publish(story)
    return len(ctx.captured_queries)


def test_publishing_costs_the_same_queries_for_no_supporters_and_ten_thousand(case, settings):
    settings.TASKS = DUMMY_TASKS
    story, action = case["story"], case["actions"][0]
    _publish(story)  # warm up: first-publish work (revisions, caches) is not what we compare
    task_backends["email"].clear()

    none = _publish_queries(story)
    assert len(_queued(notify_story_updates)) == 1

    # Ten thousand opted-in supporters, as a viral case gathers them (stored in bulk: the
    # rows are what matters here, not how they were made).
    model = _supporter(action, "reader0@example.org")
    ActionResponse.objects.bulk_create(
        [
            ActionResponse(
                action_key=action.translation_key,
                page_id=model.page_id,
                kind=model.kind,
                first_name="Reader",
                last_name=str(n),
                email=f"reader{n}@example.org",
                email_canonical=f"reader{n}@example.org",
                zip_code="20001",
                language="es" if n % 3 else "en",
                opt_in=True,
                consent_at=model.consent_at,
            )
            for n in range(1, 10_000)
        ],
        batch_size=2_000,
    )
    assert ActionResponse.objects.filter(opt_in=True).count() == 10_000
    ten_thousand = _publish_queries(story)

    assert ten_thousand == none
    assert len(_queued(notify_story_updates)) == 2
    assert OutboxEmail.objects.count() == 0 and mail.outbox == []


def _fan_out(story, size):
    """Run the worker's fan-out once from a clean slate; returns its query count."""
    OutboxEmail.objects.all().delete()
    NotifiedUpdate.objects.all().delete()
    EmailPreference.objects.all().delete()
    task_backends["email"].clear()
    with CaptureQueriesContext(connection) as ctx:
        notify_story(story, size=size)
    return len(ctx.captured_queries)


def test_fan_out_queries_grow_by_batch_not_by_person(case, settings):
    settings.TASKS = DUMMY_TASKS
    # Spanish supporters would wait for the Spanish update; with no grace period everyone
    # is emailed in this run, which is what the query count is about.
    settings.HAVEN_TRANSLATION_GRACE_HOURS = 0
    story, action = case["story"], case["actions"][0]
    _publish(story)
    counts = {}
    for total in (20, 40, 60):
        while ActionResponse.objects.filter(opt_in=True).count() < total:
            n = ActionResponse.objects.count()
            _supporter(action, f"reader{n}@example.org", language="es" if n % 3 else "en")
        counts[total] = _fan_out(story, size=20)
        # Exactly one email per supporter, and one send task per batch of 20.
        assert OutboxEmail.objects.count() == total
        assert OutboxEmail.objects.values("recipient").distinct().count() == total
        assert len(_queued(send_outbox_batch)) == total // 20
    per_batch = counts[40] - counts[20]
    assert counts[60] - counts[40] == per_batch
    assert per_batch < 20  # far fewer than one query per person of the batch


def test_fan_out_task_sends_every_email_once(case):
    """With the immediate queue (as in development), the task's batches really send."""
    for n in range(5):
        _supporter(case["actions"][0], f"reader{n}@example.org")
    _publish(case["story"])
    _publish(case["story"])
    assert sorted(m.to[0] for m in mail.outbox) == [f"reader{n}@example.org" for n in range(5)]
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}
