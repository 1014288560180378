"""Admin registrations for urgent actions and their responses."""

from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from actions.models import AllowedNetwork
from actions.ratelimit import client_ip

# --- Responses, exports and delivery (personal data: campaign managers only) -----------------


@hooks.register("register_admin_urls")
def register_response_urls():
    from actions import reports

    return [
        path("actions/responses/", reports.responses_overview, name="actions_overview"),
        path(
            "actions/<int:page_id>/responses/",
            reports.ActionResponsesReportView.as_view(),
            name="actions_responses",
        ),
        path(
            "actions/<int:page_id>/responses/results/",
            reports.ActionResponsesReportView.as_view(results_only=True),
            name="actions_responses_results",
        ),
        path(
            "actions/<int:page_id>/responses/release/",
            reports.release_held,
            name="actions_release_held",
        ),
        path(
            "actions/<int:page_id>/delivery/",
            reports.delivery_packet,
            name="actions_delivery",
        ),
        path("actions/<int:page_id>/deliver/", reports.deliver_now, name="actions_deliver"),
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        from actions.permissions import can_view_personal_data

        return can_view_personal_data(request.user)


@hooks.register("register_reports_menu_item")
def register_responses_menu_item():
    return PersonalDataMenuItem(
        _("Action responses"), reverse("actions_overview"), icon_name="form", order=50
    )


def _response_buttons(page, user, priority):
    from actions.models import UrgentActionPage
    from actions.permissions import can_view_personal_data

    if not isinstance(page.specific_deferred, UrgentActionPage) or not can_view_personal_data(user):
        return
    yield Button(
        _("Responses"),
        reverse("actions_responses", args=[page.pk]),
        icon_name="form",
        priority=priority,
    )
    yield Button(
        _("Delivery packet"),
        reverse("actions_delivery", args=[page.pk]),
        icon_name="doc-full",
        priority=priority + 1,
    )
    if page.specific_deferred.block_of_kind("sign") is not None:
        yield Button(
            _("Deliver now"),
            reverse("actions_deliver", args=[page.pk]),
            icon_name="mail",
            priority=priority + 2,
        )


class ResponsesDashboardPanel(Component):
    """The campaign managers' first screen: open actions and any with responses held for
    review, one tap from their responses, so a phone is enough on the day of an event."""

    name = "action_responses"
    order = 50
    template_name = "actions/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        from actions.reports import overview_rows

        rows = [a for a in overview_rows() if a.is_open or a.held_count]
        return {"actions": rows, "overview_url": reverse("actions_overview")}


@hooks.register("construct_homepage_panels")
def add_responses_panel(request, panels):
    from actions.permissions import can_view_personal_data

    if can_view_personal_data(request.user):
        panels.append(ResponsesDashboardPanel())


@hooks.register("register_page_header_buttons")
def response_header_buttons(page, user, view_name=None, next_url=None):
    yield from _response_buttons(page, user, 70)


@hooks.register("register_page_listing_more_buttons")
def response_listing_buttons(page, user, next_url=None):
    yield from _response_buttons(page, user, 70)


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    from actions.reports import EXPORT_ACTION

    actions.register_action(
        EXPORT_ACTION, _("Export responses"), _("Responses exported (personal data)")
    )
    actions.register_action(
        "actions.release_held", _("Release held responses"), _("Held responses released")
    )
    from actions.reports import DELIVER_ACTION

    actions.register_action(DELIVER_ACTION, _("Deliver letter"), _("Letter delivered to offices"))


class _ShowsYourAddress:
    """The organiser standing at the event, on its Wi-Fi, needs that network's address:
    the form says what address Haven sees for them right now (as the rate limits do)."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        field = form.fields.get("network")
        address = client_ip(self.request)
        if field is not None and address:
            field.help_text = format_lazy(
                "{} {}",
                field.help_text,
                _("Your address right now: %(address)s.") % {"address": address},
            )
        return form


class AllowedNetworkCreateView(_ShowsYourAddress, CreateView):
    pass


class AllowedNetworkEditView(_ShowsYourAddress, EditView):
    pass


class AllowedNetworkViewSet(SnippetViewSet):
    """Networks whose many signers are never held for review (an event's Wi-Fi)."""

    model = AllowedNetwork
    add_view_class = AllowedNetworkCreateView
    edit_view_class = AllowedNetworkEditView
    icon = "globe"
    menu_label = _("Allowed networks")
    add_to_settings_menu = True
    list_display = ["label", "network", "expires_at"]
    search_backend_name = None
    search_fields = ["label", "network"]


register_snippet(AllowedNetworkViewSet)
