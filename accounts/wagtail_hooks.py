"""Admin hooks for two-step sign-in: its pages, the account menu entry, and a notice when
this server does not require it (development)."""

from django.conf import settings
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from accounts import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-step/setup/", two_factor.setup, name="accounts_2fa_setup"),
        path("two-step/verify/", two_factor.verify, name="accounts_2fa_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_2fa_setup"),
        "label": _("Two-step sign-in"),
        "help_text": _("Ask for a code from an authenticator app each time you sign in."),
    }


class TwoFactorOffPanel(Component):
    name = "two_factor_off"
    order = 10

    def render_html(self, parent_context=None):
        return format_html(
            '<div class="help-block help-warning" role="status"><p>{}</p></div>',
            _(
                "Two-step sign-in is not required on this server (HAVEN_REQUIRE_2FA is off). "
                "Production servers require it for administrators and campaign managers."
            ),
        )


@hooks.register("construct_homepage_panels")
def warn_when_two_factor_is_off(request, panels):
    if not getattr(settings, "HAVEN_REQUIRE_2FA", True):
        panels.insert(0, TwoFactorOffPanel())
