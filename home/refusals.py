"""The admin's "Not allowed" page, shared by every app that refuses something."""

from django.template.response import TemplateResponse


def not_allowed(request, message):
    """A plain 403 in the admin saying why, in the reader's language (Wagtail would turn
    PermissionDenied into a redirect to the dashboard, which explains nothing)."""
    return TemplateResponse(request, "admin/not_allowed.html", {"message": message}, status=403)
