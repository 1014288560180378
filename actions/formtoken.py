"""Single-use form tokens that keep bots out without costing people a lost form.

A page a shared cache holds cannot carry anything fresh, so the sign form on the cached
action page is shown without a token; a small script (static/js/formtoken.js) fetches one
from a no-store endpoint when the reader first focuses or types in the form. Pages that are
already private (a form shown again with errors, the "confirm your signature" step, the
call and email steps after the ZIP code) carry one issued with the page.

A token is signed, says when it was issued and by which path ("js" or "page"), and is
accepted once: its nonce is recorded as used in the shared cache, so a replayed token is
refused. A missing, too fast, stale or reused token is never an error that loses what was
typed: the view shows the values again with one more button (see actions/views.py).
"""

import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

SALT = "actions.form-token"
USED_KEY = "actions:form-token-used:{}"
KINDS = ("js", "page")

# Why the reader is asked to confirm, by what was wrong with the token.
REASONS = {
    "missing": _(
        "Your browser did not send the form's automatic check, which happens when "
        "JavaScript is turned off."
    ),
    "too_fast": _("The form was sent very quickly, as automated programs do."),
    "reused": _("This form had already been sent once."),
    "expired": _("The form was open for a long time."),
    "invalid": _("The form's automatic check could not be read."),
}


def issue(kind="js"):
    """A fresh token; "js" when fetched by the script, "page" when sent inside a page."""
    assert kind in KINDS
    return signing.TimestampSigner(salt=SALT).sign(f"{kind}.{secrets.token_urlsafe(12)}")


def _max_age():
    return getattr(settings, "ACTIONS_FORM_MAX_AGE", 86400)


def _min_age(kind):
    if kind == "page":
        return getattr(settings, "ACTIONS_CONFIRM_MIN_SECONDS", 1)
    return getattr(settings, "ACTIONS_MIN_FILL_SECONDS", 3)


def check(token):
    """Accept `token` once: "" when good, else the reason ("missing", "too_fast", ...)."""
    if not token:
        return "missing"
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(token, max_age=_max_age())
    except signing.SignatureExpired:
        return "expired"
    except signing.BadSignature:
        return "invalid"
    kind, _sep, nonce = value.partition(".")
    if kind not in KINDS or not nonce:
        return "invalid"
    minimum = _min_age(kind)
    if minimum:
        try:
            signer.unsign(token, max_age=minimum)
        except signing.SignatureExpired:
            pass
        else:
            return "too_fast"
    # `add` is atomic in Redis and in the local cache: two posts racing with one token
    # cannot both win.
    if not cache.add(USED_KEY.format(nonce), 1, _max_age() + 60):
        return "reused"
    return ""
