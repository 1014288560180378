"""Organisers' views: responses, totals, exports and delivery packets, and who may see them."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageLogEntry

from home.roles import CAMPAIGN_MANAGERS, ensure_roles
from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.factories_actions import ActionResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user("manager", "manager@example.org", "pw")
    user.groups.add(Group.objects.get(name=CAMPAIGN_MANAGERS))
    return user


@pytest.fixture
def responses(action):
    key = action.translation_key
    return [
        ActionResponseFactory(
            action_key=key,
            first_name='=HYPERLINK("http://evil")',
            last_name="Ortiz",
            email="o@example.org",
            state="TX",
            district="16",
            language="es",
        ),
        ActionResponseFactory(
            action_key=key, first_name="Bea", last_name="+1 Smith", state="NY", district="10"
        ),
        ActionResponseFactory(
            action_key=key, kind="call", outcome="busy", counted=False, email="", first_name=""
        ),
    ]


def test_campaign_managers_group_is_created_idempotently():
    ensure_roles()
    ensure_roles()
    group = Group.objects.get(name=CAMPAIGN_MANAGERS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_personal_data", "access_admin"} <= codenames


@pytest.mark.parametrize(
    "url",
    [
        "/admin/actions/{pk}/responses/",
        "/admin/actions/{pk}/responses/?export=csv",
        "/admin/actions/{pk}/responses/?export=xlsx",
        "/admin/actions/{pk}/delivery/",
        "/admin/actions/{pk}/delivery/?format=csv",
        "/admin/actions/responses/",
    ],
)
def test_editor_without_the_group_gets_403_on_personal_data(client, editor, action, url):
    client.force_login(editor)
    assert client.get(url.format(pk=action.pk)).status_code == 403


def test_editor_can_still_edit_the_action(client, editor, action):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{action.pk}/edit/")
    assert response.status_code == 200
    assert "/responses/" not in response.content.decode()


def test_campaign_manager_sees_responses_and_totals(client, manager, action, responses):
    client.force_login(manager)
    html = client.get(f"/admin/actions/{action.pk}/responses/").content.decode()
    assert "o@example.org" in html
    assert "3 responses, 2 counted." in html
    assert "Line busy or unavailable: 1" in html


def test_responses_filter_by_state_and_language(client, manager, action, responses):
    client.force_login(manager)
    html = client.get(f"/admin/actions/{action.pk}/responses/?state=tx").content.decode()
    assert "o@example.org" in html and "Bea" not in html
    html = client.get(
        f"/admin/actions/{action.pk}/responses/?language=en&kind=sign"
    ).content.decode()
    assert "Bea" in html and "o@example.org" not in html


def test_csv_export_contents_neutralise_formulas_and_are_logged(client, manager, action, responses):
    client.force_login(manager)
    response = client.get(f"/admin/actions/{action.pk}/responses/?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3
    by_last = {row["Last name"]: row for row in rows}
    assert by_last["Ortiz"]["First name"] == '\'=HYPERLINK("http://evil")'
    assert by_last["Ortiz"]["Email"] == "o@example.org"
    assert by_last["Ortiz"]["State"] == "TX"
    # As a person reads them, not the stored codes.
    assert by_last["Ortiz"]["Kind"] in {"Signature", "Call", "Email", "Pledge"}
    assert {row["Wants news of this case"] for row in rows} <= {"Yes", "No"}
    assert {row["Language"] for row in rows} <= {"English", "Spanish"}
    assert "'+1 Smith" in by_last
    entry = PageLogEntry.objects.get(action="actions.export_responses")
    assert entry.user == manager and entry.page_id == action.pk


def test_xlsx_export_parses_back_with_text_cells(client, manager, action, responses):
    client.force_login(manager)
    response = client.get(f"/admin/actions/{action.pk}/responses/?export=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert "Email" in header and len(body) == 3
    first_names = {row[header.index("First name")] for row in body}
    assert '\'=HYPERLINK("http://evil")' in first_names


def test_delivery_packet_groups_signers_by_state_and_district(client, manager, action, responses):
    client.force_login(manager)
    html = client.get(f"/admin/actions/{action.pk}/delivery/").content.decode()
    assert "Restore access to counsel." in html
    assert html.index("NY, district 10") < html.index("TX, district 16")
    assert "o@example.org" not in html  # e-mail addresses are not delivered to officials


def test_delivery_packet_per_target_holds_only_their_constituents(
    client, manager, action, responses
):
    from tests.factories_officials import TargetFactory

    action.recipients = "zip"
    action.save_revision().publish()
    senator = TargetFactory(senator=True, state="TX", full_name="Tex Senator", last_name="Senator")
    rep = TargetFactory(state="TX", district=16, full_name="Tex Rep", last_name="Rep")
    TargetFactory(state="TX", district=15, full_name="Other Rep")  # no signers there
    client.force_login(manager)
    html = client.get(f"/admin/actions/{action.pk}/delivery/").content.decode()
    assert f"?target={senator.pk}" in html and f"?target={rep.pk}" in html
    assert "Other Rep" not in html
    response = client.get(f"/admin/actions/{action.pk}/delivery/?format=csv&target={rep.pk}")
    # A UTF-8 byte-order mark first, so Excel reads accents right; "utf-8-sig" drops it.
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Representative Tex Rep"]
    assert [r[:2] for r in rows[2:]] == [["TX", "16"]]


def test_hostile_names_are_escaped_in_delivery_packet(client, manager, action):
    ActionResponseFactory(action_key=action.translation_key, first_name="<b>x</b>")
    client.force_login(manager)
    html = client.get(f"/admin/actions/{action.pk}/delivery/").content.decode()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_overview_lists_each_action_once_with_shared_count(
    client, manager, action_es, action, responses
):
    client.force_login(manager)
    html = client.get("/admin/actions/responses/").content.decode()
    assert html.count(f"/admin/actions/{action.pk}/responses/") == 1
    assert action_es.pk != action.pk


# What organisers need to find: every column, held responses, delivery, allowed networks --


def test_responses_table_scrolls_sideways_so_held_for_review_stays_in_reach(
    client, manager, action, responses
):
    """Thirteen columns overflow the admin's content area, which clips (never scrolls):
    "Held for review" was cut off at 1280 px and on phones."""
    client.force_login(manager)
    html = client.get(f"/admin/actions/{action.pk}/responses/").content.decode()
    wrapper = html.index('class="w-overflow-x-auto responses-table"')
    assert wrapper < html.index("<table", wrapper) < html.index("Held for review", wrapper)


def test_call_outcomes_are_listed_only_when_someone_called(client, manager, action):
    ActionResponseFactory(action_key=action.translation_key)
    client.force_login(manager)
    url = f"/admin/actions/{action.pk}/responses/"
    assert "Call outcomes:" not in client.get(url).content.decode()
    ActionResponseFactory(action_key=action.translation_key, kind="call", outcome="talked")
    assert "Call outcomes:" in client.get(url).content.decode()


def test_overview_shows_held_responses_and_how_to_deliver_the_letter(
    client, manager, action, action_index
):
    from tests.factories_actions import CALL, UrgentActionPageFactory

    ActionResponseFactory(action_key=action.translation_key, held_for_review=True)
    calls_only = UrgentActionPageFactory(
        parent=action_index, slug="call-only", ways_to_act=[("call", CALL)]
    )
    client.force_login(manager)
    html = client.get("/admin/actions/responses/").content.decode()
    assert f"/admin/actions/{action.pk}/responses/?held_for_review=true" in html
    assert "1 to release" in html
    assert f"/admin/actions/{action.pk}/deliver/" in html
    # An action without a letter has nothing to deliver.
    assert f"/admin/actions/{calls_only.pk}/deliver/" not in html


def test_held_filter_link_lists_only_held_responses(client, manager, action):
    ActionResponseFactory(
        action_key=action.translation_key, first_name="Held", held_for_review=True
    )
    ActionResponseFactory(action_key=action.translation_key, first_name="Counted")
    client.force_login(manager)
    html = client.get(
        f"/admin/actions/{action.pk}/responses/results/?held_for_review=true"
    ).content.decode()
    assert "Held Signer" in html and "Counted Signer" not in html


def test_responses_report_links_to_deliver_now(client, manager, action):
    client.force_login(manager)
    html = client.get(f"/admin/actions/{action.pk}/responses/").content.decode()
    assert f'href="/admin/actions/{action.pk}/deliver/"' in html
    packet = client.get(f"/admin/actions/{action.pk}/delivery/").content.decode()
    assert f'href="/admin/actions/{action.pk}/deliver/"' in packet


def test_campaign_manager_adds_an_allowed_network_from_the_held_notice(client, manager, action):
    from actions.models import AllowedNetwork

    ActionResponseFactory(action_key=action.translation_key, held_for_review=True)
    client.force_login(manager)
    html = client.get(f"/admin/actions/{action.pk}/responses/").content.decode()
    assert 'href="/admin/snippets/actions/allowednetwork/">allowed networks</a>' in html
    form = client.get(
        "/admin/snippets/actions/allowednetwork/add/", REMOTE_ADDR="203.0.113.7"
    ).content.decode()
    assert "Your address right now: 203.0.113.7." in form
    response = client.post(
        "/admin/snippets/actions/allowednetwork/add/",
        {"network": "198.51.100.0/24", "label": "Vigil at city hall", "expires_at": ""},
    )
    assert response.status_code == 302
    assert AllowedNetwork.objects.get().label == "Vigil at city hall"


def test_campaign_manager_dashboard_lists_open_actions_and_held_responses(
    client, manager, editor, action
):
    """On a phone the dashboard is the first screen: what needs the organiser is there."""
    ActionResponseFactory(action_key=action.translation_key, held_for_review=True)
    client.force_login(manager)
    html = client.get("/admin/").content.decode()
    assert "Action responses" in html and action.title in html
    assert "1 held for review" in html
    assert f"/admin/actions/{action.pk}/deliver/" in html
    # Editors see no personal data, so no panel either.
    client.force_login(editor)
    assert f"/admin/actions/{action.pk}/responses/" not in client.get("/admin/").content.decode()
