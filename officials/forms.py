"""Form pieces of the representative lookup: the ZIP field, the hidden seat choice, and the
standalone "Find your representatives" form. Urgent actions' forms reuse the first two, so
every form reads a ZIP code and a seat the same way (officials/normalise.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from officials.lookup import lookup_zip
from officials.normalise import normalise_district, normalise_state, normalise_zip

__all__ = ["SeatFieldsMixin", "ZipField", "ZipLookupForm"]

ZIP_ERROR = _("Enter a 5-digit ZIP code, like 20500.")


class ZipField(forms.CharField):
    """A ZIP code, cleaned to "20001" or "20001-1234" (see `normalise_zip`)."""

    default_error_messages = {
        "invalid": _("Enter a 5-digit ZIP code, like 20001 or 20001-1234."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("label", _("ZIP code"))
        super().__init__(**kwargs)
        if self.widget.is_hidden:
            return  # typing hints are invalid HTML on a hidden input (a ZIP carried along)
        # No `pattern`: the browser's own message is not localised and its \d refuses the
        # fullwidth digits the server accepts; the server's message is clear in both languages.
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        zip_code = normalise_zip(value)
        if zip_code is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return zip_code


class SeatFieldsMixin(forms.Form):
    """The state or district a reader picked when their ZIP code is shared between seats.

    Hidden, and only ever offered by the page itself: a tampered or stale value is dropped
    (the lookup then asks again) rather than shown as an error on a field nobody can see.
    """

    state = forms.CharField(required=False, widget=forms.HiddenInput)
    district = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_state(self):
        return normalise_state(self.cleaned_data.get("state"))

    def clean_district(self):
        return normalise_district(self.cleaned_data.get("district"))


class ZipLookupForm(SeatFieldsMixin):
    """A ZIP code, plus the state or district the reader picked when the ZIP is shared."""

    zip = ZipField(
        label=_("Your ZIP code"),
        error_messages={"required": ZIP_ERROR, "max_length": ZIP_ERROR, "invalid": ZIP_ERROR},
        widget=forms.TextInput(attrs={"size": "10", "maxlength": "10"}),
    )

    def lookup(self):
        """The LookupResult for valid data (call `is_valid()` first)."""
        data = self.cleaned_data
        return lookup_zip(data["zip"], data.get("state") or None, data.get("district"))
