"""Admin security: two-step sign-in for the people who can export supporters, sign-in
throttling with a cool-off, and the security headers on public and admin pages."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.roles import CAMPAIGN_MANAGERS
from tests.actions_helpers import *  # noqa: F403  (fixtures)

pytestmark = pytest.mark.django_db


def code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def require_2fa(settings):
    settings.HAVEN_REQUIRE_2FA = True


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def _export_url(action):
    return reverse("actions_responses", args=[action.pk]) + "?export=csv"


# Security headers ---------------------------------------------------------------------


def test_public_pages_have_a_strict_csp_and_permissions_policy(client, action, home_es):
    for url in ("/en/", "/es/", action.url, "/en/search/?q=x"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert script_src.strip() == "script-src 'self'", url
        assert "object-src 'none'" in csp and "frame-ancestors 'self'" in csp
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"):
            assert feature in policy, url


def test_public_templates_carry_no_inline_script(client, action):
    html = client.get(action.url).content.decode()
    assert "<script>" not in html
    assert all("src=" in tag for tag in html.split("<script")[1:])


def test_admin_pages_have_their_own_csp_and_permissions_policy(client, superuser):
    login = client.get(reverse("wagtailadmin_login"))
    assert "Content-Security-Policy" in login
    assert "camera=()" in login["Permissions-Policy"]
    client.force_login(superuser)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    csp = home["Content-Security-Policy"]
    assert "object-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert "'unsafe-eval'" not in csp


# Sign-in throttling -------------------------------------------------------------------


def test_admin_sign_in_locks_after_repeated_failures_with_a_spanish_cool_off(settings, superuser):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    client = Client(HTTP_ACCEPT_LANGUAGE="es", REMOTE_ADDR="198.51.100.66")
    url = reverse("wagtailadmin_login")
    statuses = [
        client.post(url, {"username": "boss", "password": f"wrong{n}"}).status_code
        for n in range(6)
    ]
    assert statuses[:4] == [200, 200, 200, 200]
    assert statuses[-1] == 429
    # Even the right password waits out the cool-off.
    locked = client.post(url, {"username": "boss", "password": "pw"})
    assert locked.status_code == 429
    assert "Demasiados intentos de inicio de sesión" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.67")
    assert other.post(url, {"username": "boss", "password": "pw"}).status_code == 302


# Two-step sign-in ---------------------------------------------------------------------


def test_superuser_without_a_device_is_sent_to_set_up_and_cannot_export(
    require_2fa, superuser, action
):
    client = Client()
    client.force_login(superuser)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("accounts_2fa_setup"))
    export = client.get(_export_url(action))
    assert export.status_code == 302
    assert export["Location"].startswith(reverse("accounts_2fa_setup"))
    setup = client.get(home["Location"])
    html = setup.content.decode()
    assert setup.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html
    assert "needs a second step at sign-in" in html


def test_campaign_manager_sets_up_a_device_and_then_reaches_the_export(
    require_2fa, django_user_model, action
):
    manager = django_user_model.objects.create_user("manager", "m@example.org", "pw")
    manager.groups.add(Group.objects.get(name=CAMPAIGN_MANAGERS))
    client = Client()
    client.force_login(manager)
    setup_url = reverse("accounts_2fa_setup")
    client.get(setup_url)
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    wrong = client.post(setup_url, {"token": "000000" if code(device) != "000000" else "111111"})
    assert "That code did not match" in wrong.content.decode()
    # Straight after a wrong code even the right one waits (django-otp's throttling).
    throttled = client.post(setup_url, {"token": code(device)})
    assert "Too many wrong codes" in throttled.content.decode()
    with time_machine.travel(datetime.timedelta(seconds=5)):
        done = client.post(setup_url, {"token": code(device), "next": _export_url(action)})
    assert done.status_code == 302 and done["Location"] == _export_url(action)
    export = client.get(_export_url(action))
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")


def test_user_with_a_device_must_enter_a_valid_code_after_signing_in(require_2fa, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    client = Client()
    client.force_login(superuser)
    home = client.get(reverse("wagtailadmin_home"))
    assert home["Location"].startswith(reverse("accounts_2fa_verify"))
    bad = client.post(reverse("accounts_2fa_verify"), {"token": "12345"})
    assert bad.status_code == 200 and "That code did not match" in bad.content.decode()
    with time_machine.travel(datetime.timedelta(seconds=5)):
        good = client.post(reverse("accounts_2fa_verify"), {"token": code(device)})
    assert good.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_editors_are_offered_two_step_sign_in_but_not_forced(require_2fa, django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("accounts_2fa_setup") in account


def test_dashboard_says_when_two_step_sign_in_is_off(client, superuser, settings):
    settings.HAVEN_REQUIRE_2FA = False
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Two-step sign-in is not required on this server" in html
