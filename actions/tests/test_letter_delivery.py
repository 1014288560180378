"""A sign-on letter delivered by e-mail to each office, with only its constituents' names,
each office's own letter version, recorded and shown on both language pages."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from actions.delivery import deliver, due_for_delivery
from actions.models import LetterDelivery, LetterVersion, UrgentActionPage
from actions.tests.smtp import smtp_server
from tests.factories_actions import (
    LETTER,
    ActionIndexPageFactory,
    ActionResponseFactory,
    UrgentActionPageFactory,
)
from tests.factories_officials import TargetFactory
from tests.factories_stories import ACTIONS_ES, translate_page

pytestmark = pytest.mark.django_db

ACTION_ES = {
    "Join voices with families at the border": "Una su voz a la de las familias en la frontera",
    "join-voices": "una-su-voz",
}


@pytest.fixture
def offices(db):
    return {
        "az7": TargetFactory(
            state="AZ",
            district=7,
            first_name="Ana",
            last_name="Grijalva",
            full_name="Ana Grijalva",
            email="az07@house.example",
        ),
        "tx29": TargetFactory(
            state="TX",
            district=29,
            first_name="Sylvia",
            last_name="Garcia",
            full_name="Sylvia Garcia",
            email="tx29@house.example",
        ),
        # Senators take web forms only: no e-mail, so no delivery, never a silent one.
        "az_senator": TargetFactory(senator=True, state="AZ", full_name="Mark Kelly", email=""),
    }


@pytest.fixture
def action(home, offices):
    index = ActionIndexPageFactory(parent=home)
    page = UrgentActionPageFactory(
        parent=index,
        title="Join voices with families at the border",
        slug="join-voices",
        recipients="zip",
        ways_to_act=[("sign", {**LETTER, "letter": "<p>Dear President-Elect,</p><p>Act.</p>"})],
    )
    page.letter_versions.add(
        LetterVersion(
            audience=LetterVersion.Audience.CONGRESS,
            greeting="Dear {official},",
            body="<p>Please urge the new administration to act on its first day.</p>",
            include_demands=True,
            locale=page.locale,
        )
    )
    page.save_revision().publish()
    return UrgentActionPage.objects.get(pk=page.pk)


def _sign(action, first, last, state, district, **extra):
    return ActionResponseFactory(
        action_key=action.translation_key,
        first_name=first,
        last_name=last,
        state=state,
        district=district,
        email=f"{first.lower()}@example.org",
        email_canonical=f"{first.lower()}@example.org",
        **extra,
    )


@pytest.fixture
def signers(action):
    return [
        _sign(action, "Rosa", "Lopez", "AZ", "7", organisation="Tucson Faith Network"),
        _sign(action, "Marta", "Ruiz", "AZ", "7"),
        _sign(action, "Luis", "Perez", "TX", "29"),
    ]


def _csv(message):
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/csv"
    return list(csv.reader(io.StringIO(attachment.get_content())))


def test_each_office_receives_its_letter_and_only_its_constituents(
    settings, action, signers, offices, admin_user
):
    with smtp_server(settings) as inbox:
        sent = deliver(action, user=admin_user)

    assert {d.recipient_email for d in sent} == {"az07@house.example", "tx29@house.example"}
    [az] = inbox.to("az07@house.example")
    [tx] = inbox.to("tx29@house.example")
    assert len(inbox.envelopes) == 2  # the senator has no address: nothing sent, nothing faked

    body = az.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Dear Representative Ana Grijalva,")
    assert "President-Elect" not in body
    assert "urge the new administration" in body
    az_rows = _csv(az)
    names = {(row[0], row[1]) for row in az_rows[1:]}
    assert names == {("Rosa", "Lopez"), ("Marta", "Ruiz")}
    assert ["Rosa", "Lopez", "", "AZ", "7", "", "Tucson Faith Network"] in az_rows
    # Signers' e-mail addresses never leave with the letter.
    assert "@example.org" not in az.as_string()
    assert {(row[0], row[1]) for row in _csv(tx)[1:]} == {("Luis", "Perez")}
    assert "2" in az["Subject"] and "1" in tx["Subject"]

    records = {d.recipient_email: d for d in LetterDelivery.objects.all()}
    assert records["az07@house.example"].signatures == 2
    assert records["tx29@house.example"].signatures == 1
    assert records["az07@house.example"].delivered_by == admin_user


def test_delivering_again_sends_nothing_twice(settings, action, signers):
    with smtp_server(settings) as inbox:
        deliver(action)
        assert deliver(action) == []
    assert len(inbox.envelopes) == 2
    assert LetterDelivery.objects.count() == 2


def test_delivery_is_shown_on_the_english_and_spanish_pages(
    client, settings, home_es, spanish, action, signers, django_capture_on_commit_callbacks
):
    translate_page(action.get_parent(), spanish, ACTIONS_ES, django_capture_on_commit_callbacks)
    strings = {
        **ACTION_ES,
        "Dear {official},": "Estimado/a {official}:",
        "Please urge the new administration to act on its first day.": (
            "Pida a la nueva administración que actúe desde el primer día."
        ),
    }
    action_es = translate_page(action, spanish, strings, django_capture_on_commit_callbacks)
    with smtp_server(settings):
        deliver(action)
    english = client.get("/en/actions/join-voices/").content.decode()
    assert "Delivered to 2 offices on" in english
    spanish_html = client.get(action_es.url).content.decode()
    assert "Entregada a 2 oficinas el" in spanish_html
    # The Spanish page shows the Spanish version of the letter for members of Congress.
    assert "Pida a la nueva administración" in spanish_html


def test_organiser_delivers_with_one_button_and_the_action_history_records_it(
    client, settings, action, signers, admin_user
):
    client.force_login(admin_user)
    page = client.get(f"/admin/actions/{action.pk}/deliver/").content.decode()
    assert "Deliver now to 2 offices" in page
    assert "No address: web form only" in page
    with smtp_server(settings) as inbox:
        response = client.post(f"/admin/actions/{action.pk}/deliver/")
    assert response.status_code == 302
    assert len(inbox.envelopes) == 2
    after = client.get(f"/admin/actions/{action.pk}/deliver/").content.decode()
    assert "Every office with an address has received the letter." in after


def test_deliver_now_does_not_claim_offices_without_an_address_received_the_letter(
    client, action, offices, admin_user
):
    """Only the senator (web form only) has constituents here: nothing went anywhere, and
    the page says so instead of "Every office with an address has received the letter"."""
    offices["az7"].delete()
    offices["tx29"].delete()
    _sign(action, "Rosa", "Lopez", "AZ", "7")
    client.force_login(admin_user)
    page = client.get(f"/admin/actions/{action.pk}/deliver/").content.decode()
    assert "No address: web form only" in page
    assert "Every office with an address has received the letter." not in page
    assert "Nothing can be sent by e-mail" in page
    assert "Deliver now to" not in page


def test_letters_due_at_the_deadline_are_delivered_by_the_scheduled_command(
    settings, action, signers
):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    action.deadline = timezone.now() - datetime.timedelta(minutes=1)
    action.deliver_at_deadline = True
    action.save_revision().publish()
    assert [p.pk for p in due_for_delivery()] == [action.pk]
    with smtp_server(settings) as inbox:
        call_command("deliver_letters")
    assert len(inbox.envelopes) == 2
    assert set(LetterDelivery.objects.values_list("trigger", flat=True)) == {"deadline"}


def test_delivery_packet_lists_signers_organisations(client, action, signers, admin_user):
    client.force_login(admin_user)
    html = client.get(f"/admin/actions/{action.pk}/delivery/").content.decode()
    assert "Rosa Lopez (Tucson Faith Network)" in html


def test_sign_form_asks_for_title_and_organisation_when_the_editor_wants_it(client, action):
    assert 'name="sign-organisation"' not in client.get(action.url).content.decode()
    block = action.ways_to_act[0]
    action.ways_to_act = [("sign", {**dict(block.value), "ask_organisation": True})]
    action.save_revision().publish()
    html = client.get(action.url).content.decode()
    assert 'name="sign-organisation"' in html and 'name="sign-title"' in html


def test_a_misspelt_placeholder_in_a_letter_version_is_refused_naming_the_right_one(action):
    version = LetterVersion(
        page=action,
        locale=action.locale,
        audience=LetterVersion.Audience.CHOSEN,
        greeting="Dear {officail},",
        body="<p>We write about {first_name}'s family.</p>",
    )
    with pytest.raises(ValidationError) as refused:
        version.full_clean()
    errors = refused.value.message_dict
    assert "Did you mean {official}?" in errors["greeting"][0]
    # One letter carries every signer's name: a reader's placeholder has no value there.
    assert "{first_name} is not a placeholder" in errors["body"][0]
    version.greeting, version.body = "Dear {official},", "<p>Please ask {the_official}.</p>"
    version.full_clean()


def test_readers_see_a_version_greeting_without_a_raw_placeholder(client, action):
    """Each member of Congress receives their own name; the page cannot show one, so it
    shows what goes there instead of "{official}"."""
    html = client.get(action.url).content.decode()
    assert "The version your senators and representative receive" in html
    assert "<p>Dear [the office&#x27;s title and name],</p>" in html
    assert "{official}" not in html


def test_a_letter_is_delivered_only_once_the_offices_mail_server_accepts_it(
    client, settings, action, signers, admin_user
):
    """Queued is not delivered: no page says so until the server took the letter."""
    from supporters.mail import send_outbox_email
    from supporters.models import OutboxEmail

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "email": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},  # a worker that waits
    }
    deliver(action)
    assert LetterDelivery.objects.count() == 2
    assert "Delivered to" not in client.get(action.url).content.decode()
    client.force_login(admin_user)
    admin = client.get(f"/admin/actions/{action.pk}/deliver/").content.decode()
    assert admin.count("waiting for the mail server") == 2
    assert "Delivered on" not in admin

    with smtp_server(settings) as inbox:
        for email in OutboxEmail.objects.filter(kind=OutboxEmail.Kind.LETTER):
            send_outbox_email.call(email.pk)
    assert len(inbox.messages) == 2
    assert "Delivered to 2 offices on" in client.get(action.url).content.decode()
    admin = client.get(f"/admin/actions/{action.pk}/deliver/").content.decode()
    assert admin.count("Delivered on") == 2 and "waiting for the mail server" not in admin
