"""Every admin hook of the supporters app, registered here and nowhere else."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from actions.permissions import can_view_personal_data
from supporters import admin_views, reports
from supporters.privacy import ERASE_ACTION


class PersonalDataMenuItem(MenuItem):
    """Shown only to people allowed to see supporters' personal data."""

    def is_shown(self, request):
        return can_view_personal_data(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("supporters/data/", admin_views.supporter_data, name="supporters_supporter_data"),
        path(
            "reports/update-emails/",
            reports.update_emails_report,
            name="supporters_update_emails",
        ),
        path(
            "reports/update-emails/send-again/",
            reports.send_again,
            name="supporters_send_again",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_supporter_data_menu_item():
    return PersonalDataMenuItem(
        _("Supporter data"), reverse("supporters_supporter_data"), icon_name="user", order=51
    )


@hooks.register("register_reports_menu_item")
def register_update_emails_menu_item():
    return MenuItem(
        _("Update emails"), reverse("supporters_update_emails"), icon_name="mail", order=60
    )


@hooks.register("register_log_actions")
def register_erase_log_action(actions):
    actions.register_action(
        ERASE_ACTION, _("Erase supporter data"), _("Supporter data erased (address not kept)")
    )


# The story edit page's "Supporter emails" panel asks for this (stories.panels).
@hooks.register("story_supporter_emails_panel")
def story_supporter_emails_panel(page, request):
    return reports.story_panel_html(page, request)
