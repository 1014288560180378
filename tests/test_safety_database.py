"""Safe failure: with PostgreSQL down or hung, a reader gets a 503 with Retry-After in their
language, with what they typed kept, and a hung database fails in seconds."""

import socket
import threading

import pytest
from django.db import connection
from django.test import Client

from tests.actions_helpers import *  # noqa: F403  (fixtures)
from tests.actions_helpers import sign_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLOSED_PORT = 8391  # nothing listens here (this test's own port range)
HUNG_PORT = 8392


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


class database_at:
    """Point this thread's connection somewhere else for the duration, then come back."""

    def __init__(self, port, connect_timeout=None):
        self.port, self.connect_timeout = port, connect_timeout

    def __enter__(self):
        self.saved = dict(connection.settings_dict)
        self.saved_options = dict(connection.settings_dict.get("OPTIONS", {}))
        connection.close()
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = str(self.port)
        if self.connect_timeout:
            connection.settings_dict["OPTIONS"]["connect_timeout"] = self.connect_timeout

    def __exit__(self, *exc):
        connection.close()
        connection.settings_dict.update(self.saved)
        connection.settings_dict["OPTIONS"] = self.saved_options


TYPED = {
    "sign-first_name": "Ana <b>",
    "sign-last_name": "Pérez",
    "sign-email": "ana.perez@example.org",
    "sign-zip_code": "20001",
}


def _post_sign(page):
    return Client(raise_request_exception=False).post(page.url + "sign/", sign_data(**TYPED))


def test_database_down_gives_spanish_503_with_the_form_kept(action_es):
    url = action_es.url
    with database_at(CLOSED_PORT):
        response = Client(raise_request_exception=False).post(url + "sign/", sign_data(**TYPED))
    html = response.content.decode()
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert '<html lang="es">' in html
    assert "No pudimos guardar esto en este momento" in html
    assert 'value="Ana &lt;b&gt;"' in html  # kept, and escaped
    assert 'value="Pérez"' in html and 'value="ana.perez@example.org"' in html
    assert 'value="20001"' in html
    assert f'action="{url}sign/"' in html  # sending again goes to the same place


def test_database_down_gives_english_503_and_plain_pages_too(action):
    url = action.url
    with database_at(CLOSED_PORT):
        signed = Client(raise_request_exception=False).post(url + "sign/", sign_data(**TYPED))
        page = Client(raise_request_exception=False).get(url)
    assert signed.status_code == 503 and page.status_code == 503
    assert "We could not save this just now" in signed.content.decode()
    assert 'value="Ana &lt;b&gt;"' in signed.content.decode()
    assert "This page is not available just now" in page.content.decode()
    assert page["Retry-After"]


def test_hung_database_fails_within_the_connect_timeout(action):
    """A server that accepts the connection and never answers (the 46-second hang)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", HUNG_PORT))
    listener.listen(8)
    held = []

    def accept_and_say_nothing():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept_and_say_nothing, daemon=True).start()
    url = action.url
    try:
        # Without a connect timeout this request would never return.
        with database_at(HUNG_PORT, connect_timeout=2):
            response = _post_sign(action)
    finally:
        listener.close()
        for sock in held:
            sock.close()
    assert response.status_code == 503
    assert "We could not save this just now" in response.content.decode()
    assert f'action="{url}sign/"' in response.content.decode()


def test_statement_timeout_is_set_on_every_connection():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "15s"
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 5
