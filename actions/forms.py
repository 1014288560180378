"""The reader-facing forms of an urgent action, and the checks that keep them honest.

Text is normalised (NFC) and stripped of control and bidirectional-override characters
before it is stored; everything is escaped when shown. Bots meet a honeypot field and,
on the forms that record something, a single-use token that must be a few seconds old
(actions/formtoken.py).
"""

import ipaddress
import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from actions import formtoken
from actions.models import ActionResponse
from officials.forms import SeatFieldsMixin, ZipField

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


def started_token(kind="js"):
    """A fresh form token (what static/js/formtoken.js fetches); see actions/formtoken.py."""
    return formtoken.issue(kind)


UNDELIVERABLE_DOMAINS = {"localhost", "localdomain"}
UNDELIVERABLE_SUFFIXES = (".localhost", ".local", ".localdomain", ".invalid", ".internal")


def validate_deliverable_email(value):
    """Refuse addresses no public mail server delivers to: a bare host, `localhost`, an IP
    literal (`a@[127.0.0.1]`, `a@10.0.0.1`) or a reserved local name. Django's own
    validator accepts all of these, and a confirmation sent there is mail to ourselves."""
    domain = (value or "").rpartition("@")[2].strip().lower().rstrip(".")
    bare = domain.strip("[]")
    try:
        ipaddress.ip_address(bare.removeprefix("ipv6:"))
        is_ip = True
    except ValueError:
        is_ip = False
    if (
        is_ip
        or domain.startswith("[")
        or "." not in domain
        or domain in UNDELIVERABLE_DOMAINS
        or domain.endswith(UNDELIVERABLE_SUFFIXES)
    ):
        raise forms.ValidationError(
            _("Enter an email address we can deliver to, like name@example.org."),
            code="undeliverable",
        )


class DeliverableEmailField(forms.EmailField):
    """The one e-mail field every public form uses."""

    default_validators = [*forms.EmailField.default_validators, validate_deliverable_email]

    def run_validators(self, value):
        """One message, the first that applies, rather than two saying the same thing."""
        if value in self.empty_values:
            return
        for validator in self.validators:
            try:
                validator(value)
            except forms.ValidationError as error:
                if hasattr(error, "code") and error.code in self.error_messages:
                    error.message = self.error_messages[error.code]
                raise


class CleanCharField(forms.CharField):
    def to_python(self, value):
        return clean_text(super().to_python(value))


class HoneypotMixin(forms.Form):
    """A field people never see: a form that fills it is a bot's, answered as if it worked."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    is_bot = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.is_bot = True
        return cleaned


class BotCheckMixin(HoneypotMixin):
    """The honeypot, and a single-use form token that must be a few seconds old.

    The token is checked by the view once the form is otherwise valid (`token_problem`),
    so a reader correcting a typo does not burn it; a bad token leads to a confirmation
    step that keeps everything typed, never to an error (actions/formtoken.py).
    """

    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def token_problem(self):
        """ "" when the token is good (and now used), else why it is not."""
        return formtoken.check(self.data.get(self.add_prefix("started"), ""))

    def fresh_started(self):
        """Carry a new token issued with the page, for a form shown again privately."""
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix("started")] = formtoken.issue("page")
            self.data = data


REQUIRED_LABELS = {
    "city": _("City"),
    "title": _("Your title or role"),
    "organisation": _("Organisation"),
}


class OrganisationFieldsMixin(forms.Form):
    """Optional title and organisation, for people acting on behalf of a group ("I am
    [TITLE] of [ORGANIZATION]"): placeholders in letters and scripts, never shown publicly."""

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


class SignForm(OrganisationFieldsMixin, BotCheckMixin):
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
    email = DeliverableEmailField(
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


class ZipStepForm(SeatFieldsMixin, OrganisationFieldsMixin, HoneypotMixin):
    """First step of calling or writing: the ZIP code, and optionally a first name and
    city to fill the script. Never timed: it stores nothing, and a fast reader must not be
    sent back (the honeypot and the rate limits still apply). Unprefixed names (`zip`,
    `state`, `district`) match the lookup's own form, so its choice radios post
    straight back here."""

    zip = ZipField()

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
