"""A second sign-in factor for the admin: TOTP (an authenticator app) through django-otp.

Required (`HAVEN_REQUIRE_2FA`, on by default; off in `cms.settings.dev` with a notice on
the dashboard) for superusers and for anyone who can see or export supporters' personal
data (the "Campaign managers" group); offered to every editor from their account page.
Wagtail 8 has no built-in second factor and wagtail-2fa does not declare Wagtail 8, so
this is django-otp's own device model with a small middleware in front of the admin:

- signed in, has a confirmed device, not yet verified this session → the token page;
- signed in, required, no device → the set-up page (QR code, then one token to confirm);
- every other admin URL stays out of reach until then (exports included).
"""

import base64
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions.permissions import PERSONAL_DATA_PERM

DEVICE_NAME = "Authenticator app"
NO_MATCH = _("That code did not match. Check the time on your phone.")
TOO_MANY = _("Too many wrong codes. Wait a few seconds and try again.")


def two_factor_required(user):
    """Who must use a second factor: those who can reach every supporter's address."""
    if not getattr(settings, "HAVEN_REQUIRE_2FA", True):
        return False
    return bool(user.is_superuser or user.has_perm(PERSONAL_DATA_PERM))


def _exempt_paths():
    return (
        reverse("accounts_2fa_setup"),
        reverse("accounts_2fa_verify"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_login"),
        "/admin/password_reset/",
        "/admin/jsi18n/",
    )


class AdminTwoFactorMiddleware:
    """After AuthenticationMiddleware and django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        if (
            user is not None
            and user.is_authenticated
            and path.startswith("/admin/")
            and not user.is_verified()
            and not path.startswith(_exempt_paths())
        ):
            query = urlencode({"next": request.get_full_path()})
            if user_has_device(user, confirmed=True):
                return HttpResponseRedirect(f"{reverse('accounts_2fa_verify')}?{query}")
            if two_factor_required(user):
                return HttpResponseRedirect(f"{reverse('accounts_2fa_setup')}?{query}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(ch for ch in self.cleaned_data["token"] if ch.isdigit())


def _next_url(request):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return reverse("wagtailadmin_home")


def _qr_svg(uri):
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def setup(request):
    """Show a QR code for a new authenticator, then confirm it with one code."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", TOO_MANY)
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            form.add_error("token", NO_MATCH)
    secret = base64.b32encode(device.bin_key).decode()
    return TemplateResponse(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": _qr_svg(device.config_url),
            "secret": secret,
            "next": _next_url(request),
            "required": two_factor_required(user),
            "has_device": user_has_device(user, confirmed=True),
        },
    )


def verify(request):
    """Ask for the current code from a confirmed device."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = list(devices_for_user(request.user, confirmed=True))
        allowed = [device for device in devices if device.verify_is_allowed()[0]]
        for device in allowed:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        # django-otp slows guessing down: each wrong code doubles the wait before the next.
        form.add_error("token", NO_MATCH if allowed else TOO_MANY)
    return TemplateResponse(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: a localised 429 with Retry-After."""
    from django.shortcuts import render

    cooloff = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cooloff.total_seconds() // 60)) if cooloff else 15
    response = render(request, "accounts/lockout.html", {"cooloff_minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
