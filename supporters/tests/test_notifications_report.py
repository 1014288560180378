"""Editors see how many supporters each update reached, on the story and in a report,
without any personal data."""

import smtplib
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from supporters.tests.notifications_helpers import *  # noqa: F403  (fixtures)
from supporters.tests.notifications_helpers import _publish, _supporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.net", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _send_with_one_permanent_failure(case):
    real_send = mail.EmailMultiAlternatives.send

    def send(self, *args, **kwargs):
        if self.to == ["bounce@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"bounce@example.org": (550, b"no such user")})
        return real_send(self, *args, **kwargs)

    _supporter(case["actions"][0], "ana@example.org")
    _supporter(case["actions"][1], "luis@example.org")
    _supporter(case["actions"][1], "bounce@example.org")
    with mock.patch.object(mail.EmailMultiAlternatives, "send", send):
        _publish(case["story"])


def test_story_edit_page_shows_reached_and_failed_counts(client, editor, case):
    _send_with_one_permanent_failure(case)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{case['story'].pk}/edit/").content.decode()
    assert "Supporter emails" in html
    row = html.split("Released on parole</td>")[-1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:3]] == ["2", "0", "1"]
    assert "ana@example.org" not in html


def test_update_emails_report_lists_counts_only(client, editor, case):
    _send_with_one_permanent_failure(case)
    client.force_login(editor)
    response = client.get("/admin/reports/update-emails/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Released on parole" in html
    assert "<td>2</td><td>0</td><td>1</td>" in html
    for address in ("ana@example.org", "luis@example.org", "bounce@example.org"):
        assert address not in html
