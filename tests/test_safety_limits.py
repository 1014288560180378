"""Fair limits: a busy shared address never costs a person their signature; floods and bots
are still stopped; organisers release what was held."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from actions.counting import get_count
from actions.models import ActionResponse, AllowedNetwork
from home.roles import CAMPAIGN_MANAGERS
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.50"
START = datetime.datetime(2026, 11, 3, 14, 0, tzinfo=datetime.UTC)


def _sign_as(client, action, n, **extra):
    return client.post(
        action.url + "sign/",
        sign_data(**{"sign-email": f"person{n}@example.org", "sign-first_name": f"Ana{n}"}),
        **extra,
    )


@pytest.fixture
def office_limits(settings):
    settings.ACTIONS_RATE_LIMITS = [(10, 60), (60, 3600)]
    settings.ACTIONS_ALLOWED_NETWORKS = []


def test_hundred_people_behind_one_address_in_three_minutes_are_all_recorded(action, office_limits):
    client = Client(REMOTE_ADDR=OFFICE)
    statuses = set()
    with time_machine.travel(START, tick=False) as clock:
        for n in range(100):
            statuses.add(_sign_as(client, action, n).status_code)
            clock.shift(datetime.timedelta(seconds=1.75))  # 100 people in 175 s
    assert statuses == {303}
    assert ActionResponse.objects.filter(kind="sign").count() == 100
    held = ActionResponse.objects.filter(held_for_review=True).count()
    # 10 a minute are counted at once; the rest wait for an organiser, none is lost.
    assert 0 < held < 100
    assert get_count(action.translation_key) == 100 - held


def test_held_signature_sees_the_same_thank_you_page_and_gets_no_email_yet(
    action, office_limits, settings
):
    settings.ACTIONS_RATE_LIMITS = [(1, 60)]
    client = Client(REMOTE_ADDR=OFFICE)
    first = _sign_as(client, action, 1)
    mail.outbox.clear()
    second = _sign_as(client, action, 2)
    assert first["Location"] == second["Location"] == action.url + "thanks/"
    assert "Thank you for adding your name" in client.get(second["Location"]).content.decode()
    row = ActionResponse.objects.get(email="person2@example.org")
    assert row.held_for_review and not row.counted
    assert mail.outbox == []


def test_burst_of_one_email_is_refused_in_spanish_with_retry_after(action_es, settings):
    settings.ACTIONS_RATE_PER_EMAIL = [(3, 600)]
    statuses = []
    for n in range(5):
        client = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")  # a bot rotating addresses
        response = client.post(action_es.url + "sign/", sign_data())
        statuses.append(response.status_code)
    assert statuses == [303, 303, 303, 429, 429]
    assert "Por favor intente de nuevo en un momento" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert ActionResponse.objects.count() == 1


def test_flood_from_one_address_is_refused_and_nothing_is_stored(action, settings):
    settings.ACTIONS_FLOOD_PER_HOUR = 3
    client = Client(REMOTE_ADDR=OFFICE)
    statuses = [_sign_as(client, action, n).status_code for n in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    assert ActionResponse.objects.count() == 3


def test_honeypot_still_stops_a_bot_from_a_shared_address(action, office_limits):
    client = Client(REMOTE_ADDR=OFFICE)
    response = client.post(action.url + "sign/", sign_data(**{"sign-website": "http://spam"}))
    assert response.status_code == 303
    assert ActionResponse.objects.count() == 0


def test_network_allowed_by_environment_is_never_held(action, settings):
    settings.ACTIONS_RATE_LIMITS = [(1, 60)]
    settings.ACTIONS_ALLOWED_NETWORKS = ["203.0.113.0/24"]
    client = Client(REMOTE_ADDR=OFFICE)
    for n in range(4):
        _sign_as(client, action, n)
    assert ActionResponse.objects.filter(held_for_review=True).count() == 0
    assert get_count(action.translation_key) == 4


def test_network_allowed_in_the_admin_is_never_held_until_it_expires(
    action, office_limits, settings
):
    settings.ACTIONS_RATE_LIMITS = [(1, 60)]
    vigil = AllowedNetwork.objects.create(network="203.0.113.0/24", label="Vigil")
    client = Client(REMOTE_ADDR=OFFICE)
    for n in range(3):
        _sign_as(client, action, n)
    assert ActionResponse.objects.filter(held_for_review=True).count() == 0
    vigil.expires_at = START
    vigil.save()
    _sign_as(client, action, 98)
    _sign_as(client, action, 99)  # the second in a minute, now that the network is ordinary
    assert ActionResponse.objects.get(email="person99@example.org").held_for_review


def test_network_field_refuses_what_is_not_a_network(action):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        AllowedNetwork(network="not a network", label="x").full_clean()


def test_organiser_sees_held_signatures_and_releases_them(
    action, office_limits, settings, django_user_model
):
    settings.ACTIONS_RATE_LIMITS = [(1, 60)]
    client = Client(REMOTE_ADDR=OFFICE)
    for n in range(3):
        _sign_as(client, action, n)
    mail.outbox.clear()
    manager = django_user_model.objects.create_user("manager", "m@example.org", "pw")
    manager.groups.add(Group.objects.get(name=CAMPAIGN_MANAGERS))
    admin = Client()
    admin.force_login(manager)
    report = admin.get(reverse("actions_responses", args=[action.pk])).content.decode()
    assert "2 responses came from a busy shared address" in report
    response = admin.post(reverse("actions_release_held", args=[action.pk]), follow=True)
    assert "2 held responses released and counted." in response.content.decode()
    assert ActionResponse.objects.filter(held_for_review=True).count() == 0
    assert get_count(action.translation_key) == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["person1@example.org", "person2@example.org"]


def test_editor_without_personal_data_permission_cannot_release(action, django_user_model):
    editor = django_user_model.objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    admin = Client()
    admin.force_login(editor)
    assert admin.post(reverse("actions_release_held", args=[action.pk])).status_code == 403
