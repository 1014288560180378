"""The ZIP code form of the representative lookup (used by the call and email steps and
the standalone "Find your representatives" page)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from officials.lookup import lookup_zip, normalise_zip

__all__ = ["ZipLookupForm"]

ZIP_ERROR = _("Enter a 5-digit ZIP code, like 20500.")


class ZipLookupForm(forms.Form):
    """A ZIP code, plus the state or district the reader picked when the ZIP is shared."""

    zip = forms.CharField(
        label=_("Your ZIP code"),
        max_length=10,
        error_messages={"required": ZIP_ERROR, "max_length": ZIP_ERROR},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "postal-code",
                "size": "10",
                "maxlength": "10",
            }
        ),
    )
    state = forms.CharField(required=False, widget=forms.HiddenInput)
    # Choices come from radios the page itself offered; a tampered or stale value is
    # dropped (the lookup then asks again) rather than shown as an error on a hidden field.
    district = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_zip(self):
        zip_code = normalise_zip(self.cleaned_data["zip"])
        if zip_code is None:
            raise forms.ValidationError(ZIP_ERROR, code="invalid")
        return zip_code

    def clean_state(self):
        return (self.cleaned_data.get("state") or "").strip().upper()[:2]

    def clean_district(self):
        value = (self.cleaned_data.get("district") or "").strip()[:3]
        return int(value) if value.isdigit() and int(value) < 100 else None

    def lookup(self):
        """The LookupResult for valid data (call `is_valid()` first)."""
        data = self.cleaned_data
        return lookup_zip(data["zip"], data.get("state") or None, data.get("district"))
