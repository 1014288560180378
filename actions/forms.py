"""The reader-facing forms of an urgent action, and the checks that keep them honest.

Text is normalised (NFC) and stripped of control and bidirectional-override characters
before it is stored; everything is escaped when shown. Bots meet a honeypot field and a
signed "form shown at" timestamp that must be a few seconds old.
"""

import re
import secrets
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from actions.models import ActionResponse
from officials.forms import SeatFieldsMixin, ZipField

FILL_SALT = "actions.form-started"
# Our own catalogue gives the Spanish wording the organisation uses ("obligatorio").
REQUIRED = _("This field is required.")


def clean_text(value):
    """Normalise text and drop invisible control and direction-override characters."""
    value = unicodedata.normalize("NFC", value or "")
    kept = []
    for char in value:
        category = unicodedata.category(char)
        if category in {"Cc", "Cf", "Cs", "Co", "Cn"} and char not in "\n\t":
            continue
        kept.append(char)
    return "".join(kept).strip()


def started_token():
    return signing.TimestampSigner(salt=FILL_SALT).sign(secrets.token_urlsafe(8))


class CleanCharField(forms.CharField):
    def to_python(self, value):
        return clean_text(super().to_python(value))


class BotCheckMixin(forms.Form):
    """A honeypot field people never see, and a minimum time between showing and sending."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    is_bot = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED

    def clean_started(self):
        token = self.cleaned_data.get("started") or ""
        minimum = getattr(settings, "ACTIONS_MIN_FILL_SECONDS", 3)
        signer = signing.TimestampSigner(salt=FILL_SALT)
        try:
            signer.unsign(token, max_age=getattr(settings, "ACTIONS_FORM_MAX_AGE", 86400))
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("This form was open for too long. Please check your details and send again."),
                code="expired",
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("Something went wrong with this form. Please check your details and send again."),
                code="invalid",
            ) from None
        if minimum:
            try:
                signer.unsign(token, max_age=minimum)
            except signing.SignatureExpired:
                return token
            raise forms.ValidationError(
                _("That was very fast. Please check your details and send again."),
                code="too_fast",
            )
        return token

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.is_bot = True
        return cleaned

    def fresh_started(self):
        """Rebind a new timestamp so a form shown again with errors can be resent."""
        if self.is_bound:
            data = self.data.copy()
            data["started"] = started_token()
            self.data = data


REQUIRED_LABELS = {
    "city": _("City"),
    "title": _("Your title or role"),
    "organisation": _("Organisation"),
}


class SignForm(BotCheckMixin):
    first_name = CleanCharField(
        label=_("First name"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = CleanCharField(
        label=_("Last name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    zip_code = ZipField()
    city = CleanCharField(
        label=_("City (optional)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    title = CleanCharField(
        label=_("Your title or role (optional)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = CleanCharField(
        label=_("Organisation (optional)"),
        max_length=160,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    phone = CleanCharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    show_publicly = forms.BooleanField(
        label=_("Show my first name and city publicly"), required=False
    )
    opt_in = forms.BooleanField(label=_("Send me news about this case"), required=False)

    field_order = [
        "first_name",
        "last_name",
        "email",
        "zip_code",
        "city",
        "title",
        "organisation",
        "phone",
        "show_publicly",
        "opt_in",
    ]

    # Fields an editor may add to the form; the others are always there.
    OPTIONAL_FIELDS = ("city", "title", "organisation", "phone")

    def __init__(self, *args, ask=("city",), require=(), **kwargs):
        """`ask`: which of OPTIONAL_FIELDS this action asks for; `require`: which of those
        the reader must fill in (never the phone: no one is turned away for lacking one)."""
        super().__init__(*args, **kwargs)
        for name in self.OPTIONAL_FIELDS:
            if name not in ask:
                del self.fields[name]
            elif name in require and name != "phone":
                field = self.fields[name]
                field.required = True
                field.label = REQUIRED_LABELS[name]
                field.error_messages["required"] = REQUIRED

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        if value and not re.fullmatch(r"[\d\s()+.\-]{7,30}", value):
            raise forms.ValidationError(
                _("Enter a phone number using digits, like 202-555-0100."), code="phone"
            )
        return value

    def clean_first_name(self):
        return self._name("first_name")

    def clean_last_name(self):
        return self._name("last_name")

    def _name(self, field):
        value = self.cleaned_data.get(field, "")
        if not any(char.isalpha() for char in value):
            raise forms.ValidationError(_("Please enter a name using letters."), code="letters")
        return value

    def clean_email(self):
        return clean_text(self.cleaned_data.get("email", "")).lower()


class PledgeForm(SignForm):
    """A pledge or sign-up: a signature's fields, plus the ones the editor picked."""


class ZipStepForm(SeatFieldsMixin, BotCheckMixin):
    """First step of calling or writing: the ZIP code, and optionally a first name and
    city to fill the script. Unprefixed names (`zip`, `state`, `district`) match the
    lookup's own form, so its choice radios post straight back here."""

    zip = ZipField()
    # For people writing on behalf of a group ("I am [TITLE] of [ORGANIZATION]").
    title = CleanCharField(
        label=_("Your title or role (optional)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = CleanCharField(
        label=_("Organisation (optional)"),
        max_length=160,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def __init__(self, *args, zip_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        # Calling or writing to officials the editor chose needs no ZIP code.
        self.fields["zip"].required = zip_required
        if not zip_required:
            self.fields["zip"].label = _("ZIP code (optional)")

    first_name = CleanCharField(
        label=_("First name (optional)"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    city = CleanCharField(
        label=_("City (optional)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )


class CallLogForm(SeatFieldsMixin, BotCheckMixin):
    outcome = forms.ChoiceField(
        label=_("How did the call go?"),
        choices=ActionResponse.Outcome.choices,
        widget=forms.RadioSelect,
    )
    official = CleanCharField(required=False, max_length=160, widget=forms.HiddenInput)
    zip = ZipField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)

    def response_fields(self):
        """What the logged call keeps besides the seat."""
        return {
            "outcome": self.cleaned_data["outcome"],
            "official": self.cleaned_data.get("official", ""),
        }

    @property
    def counts(self):
        """Only a call that reached someone (or their voicemail) counts toward the total."""
        return self.cleaned_data["outcome"] in ActionResponse.COUNTED_OUTCOMES


class EmailSentForm(SeatFieldsMixin, BotCheckMixin):
    subject = CleanCharField(label=_("Subject"), max_length=200)
    body = CleanCharField(label=_("Message"), max_length=5000, widget=forms.Textarea)
    zip = ZipField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)
    # Only to send through the site: the offices reply to the reader, not to us.
    sender_name = CleanCharField(
        label=_("Your name"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    sender_email = forms.EmailField(
        label=_("Your email (the offices reply to it)"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = CleanCharField(required=False, max_length=60, widget=forms.HiddenInput)
    city = CleanCharField(required=False, max_length=80, widget=forms.HiddenInput)

    def require_sender(self):
        """Sending through the site needs a name and an address to reply to."""
        for name in ("sender_name", "sender_email"):
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, forms.ValidationError(REQUIRED, code="required"))
        return not self.errors

    # The message itself is the reader's own and is not kept: only that they sent it.
    counts = True

    def response_fields(self):
        return {}
