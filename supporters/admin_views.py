"""The campaign managers' "Supporter data" page: see, export or erase one address.

The address only ever travels in a POST body (never a URL or log), and every response
is `private, no-store`. Registered in supporters/wagtail_hooks.py.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from actions.permissions import can_view_personal_data
from supporters.privacy import collect, erase, export_json


def forbidden(request):
    """A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""
    return TemplateResponse(request, "actions/admin/forbidden.html", status=403)


class SupporterLookupForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    confirm = forms.BooleanField(
        label=_("I understand that erasing cannot be undone"), required=False
    )


def supporter_data(request):
    if not can_view_personal_data(request.user):
        return forbidden(request)
    held = None
    form = SupporterLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        operation = request.POST.get("operation", "show")
        if operation == "export":
            response = HttpResponse(export_json(address), content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="supporter-data.json"'
            response["Cache-Control"] = "private, no-store"
            return response
        if operation == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Tick the box to confirm the erasure."))
            else:
                result = erase(address, user=request.user)
                messages.success(
                    request,
                    _("Erased: %(responses)s response(s) anonymised, %(emails)s email(s) deleted.")
                    % result,
                )
                form = SupporterLookupForm()
        if form.is_bound:
            held = collect(address)
    response = TemplateResponse(
        request, "supporters/admin/supporter_data.html", {"form": form, "held": held}
    )
    response["Cache-Control"] = "private, no-store"
    return response
