"""Rotating SECRET_KEY keeps every unsubscribe, and old unsubscribe links keep working.

Unsubscribes are matched by a keyed hash of the address. Keyed on SECRET_KEY alone, a
rotation would silently re-subscribe everyone who left; HAVEN_EMAIL_HASH_KEY is its own
key, and digests made under an old key (SECRET_KEY before HAVEN_EMAIL_HASH_KEY was set,
or a key now in SECRET_KEY_FALLBACKS) are adopted on first use.
"""

import re

import pytest

from supporters.mail import queue_email
from supporters.models import EmailPreference, OutboxEmail

pytestmark = pytest.mark.django_db

OLD, NEW = "old-secret-key-" + "x" * 40, "new-secret-key-" + "y" * 40


def _update(n, address="luis@example.org"):
    return queue_email(
        dedupe_key=f"update:rot:{n}",
        kind=OutboxEmail.Kind.CASE_UPDATE,
        topic="update:rot",
        recipient=address,
        canonical_email=address,
        language="en",
        subject="Update",
        body_text="News.",
    )


def _unsubscribe_via_link(client, email):
    path = re.sub(r"^https?://[^/]+", "", email.unsubscribe_url)
    assert client.post(path).status_code == 200
    return path


def test_rotating_secret_key_with_its_own_hash_key_keeps_every_unsubscribe(client, home, settings):
    settings.SECRET_KEY, settings.HAVEN_EMAIL_HASH_KEY = OLD, "email-hash-key-" + "z" * 40
    left = [_update(n, f"p{n}@example.org") for n in range(3)]
    for email in left:
        _unsubscribe_via_link(client, email)
    stays = _update(9, "stays@example.org")
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]
    for n in range(3):
        assert _update(10 + n, f"p{n}@example.org") is None  # still unsubscribed
    assert _update(19, "stays@example.org") is not None
    assert stays is not None


def test_install_that_never_set_a_hash_key_keeps_unsubscribes_through_a_rotation(
    client, home, settings
):
    # Before: digests keyed on SECRET_KEY (no HAVEN_EMAIL_HASH_KEY), as older installs did.
    settings.SECRET_KEY, settings.HAVEN_EMAIL_HASH_KEY = OLD, ""
    first = _update(1)
    old_link = _unsubscribe_via_link(client, first)
    # The operator rotates the key, listing the old one as a fallback.
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]
    assert _update(2) is None  # still unsubscribed: the old digest was adopted
    assert EmailPreference.objects.filter(unsubscribed_at__isnull=False).count() == 1
    # The link in an email sent before the rotation still opens the right page.
    page = client.get(old_link)
    assert page.status_code == 200
    assert "You will not receive any more case updates" in page.content.decode()
    # Once the fallback is dropped, the preference is already under the new key.
    settings.SECRET_KEY_FALLBACKS = []
    assert _update(3) is None


def test_without_the_fallback_an_old_link_is_refused_not_misapplied(client, home, settings):
    settings.SECRET_KEY, settings.HAVEN_EMAIL_HASH_KEY = OLD, ""
    old_link = re.sub(r"^https?://[^/]+", "", _update(1).unsubscribe_url)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, []
    assert client.get(old_link).status_code == 400


def test_deploy_check_warns_until_the_hash_key_is_set(settings):
    from supporters.checks import email_hash_key_check

    settings.HAVEN_EMAIL_HASH_KEY = ""
    assert [w.id for w in email_hash_key_check(None)] == ["supporters.W001"]
    settings.HAVEN_EMAIL_HASH_KEY = "a-key-of-its-own"
    assert email_hash_key_check(None) == []
