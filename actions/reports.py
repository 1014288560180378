"""Admin views for organisers: the responses to one action, exports, and delivery packets.

Built on Wagtail's own report machinery (ReportView + SpreadsheetExportMixin) so filters,
pagination and CSV/Excel downloads behave like the rest of the admin. Every view here
shows personal data and so requires the `actions.view_personal_data` permission; every
download is written to the action's history.
"""

import csv
import datetime
import functools
from collections import OrderedDict

import django_filters
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import log

from actions.models import ActionResponse, UrgentActionPage
from actions.permissions import PERSONAL_DATA_REFUSAL, can_view_personal_data
from home.refusals import not_allowed

EXPORT_ACTION = "actions.export_responses"
DELIVER_ACTION = "actions.deliver_letter"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Make a cell safe for spreadsheets: text starting like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# Excel reads a CSV without a byte-order mark as the local code page ("PÃ©rez").
UTF8_BOM = "\ufeff"


def local_time(value):
    """A timestamp as organisers read it: the site's time zone, to the second."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0, tzinfo=None)
    return value


def forbidden(request):
    return not_allowed(request, PERSONAL_DATA_REFUSAL)


def personal_data_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_view_personal_data(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


class ResponseFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ActionResponse.Kind.choices, empty_label=_("Any")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=[("en", "English"), ("es", "Español")],
        empty_label=_("Any"),
    )
    state = django_filters.CharFilter(label=_("State"), lookup_expr="iexact")
    district = django_filters.CharFilter(label=_("District"), lookup_expr="iexact")
    outcome = django_filters.ChoiceFilter(
        label=_("Call outcome"), choices=ActionResponse.Outcome.choices, empty_label=_("Any")
    )
    held_for_review = django_filters.BooleanFilter(label=_("Held for review"))
    official = django_filters.CharFilter(label=_("Official"), lookup_expr="icontains")

    class Meta:
        model = ActionResponse
        fields = [
            "created_at",
            "kind",
            "language",
            "state",
            "district",
            "outcome",
            "held_for_review",
            "official",
        ]


class ActionResponsesReportView(ReportView):
    """The responses to one action (all its translations), filterable and exportable."""

    template_name = "actions/admin/responses_report.html"
    results_template_name = "actions/admin/responses_report_results.html"
    header_icon = "form"
    filterset_class = ResponseFilterSet
    paginate_by = 100
    list_export = [
        "created_at",
        "kind",
        "language",
        "first_name",
        "last_name",
        "email",
        "zip_code",
        "city",
        "title",
        "organisation",
        "phone",
        "state",
        "district",
        "outcome",
        "official",
        "counted",
        "held_for_review",
        "show_publicly",
        "opt_in",
        "consent_text",
        "consent_at",
    ]
    columns = [
        DateColumn("created_at", label=_("Date")),
        Column("get_kind_display", label=_("Kind")),
        Column("language", label=_("Language")),
        Column("full_name", label=_("Name")),
        Column("email", label=_("Email")),
        Column("zip_code", label=_("ZIP code")),
        Column("state", label=_("State")),
        Column("district", label=_("District")),
        Column("organisation", label=_("Organisation")),
        Column("official", label=_("Official")),
        Column("get_outcome_display", label=_("Outcome")),
        BooleanColumn("opt_in", label=_("Wants news")),
        BooleanColumn("held_for_review", label=_("Held for review")),
    ]

    def dispatch(self, request, page_id, *args, **kwargs):
        if not can_view_personal_data(request.user):
            return forbidden(request)
        self.action = get_object_or_404(UrgentActionPage, pk=page_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Responses")

    def get_page_subtitle(self):
        return self.action.title

    def get_index_url(self):
        return reverse("actions_responses", args=[self.action.pk])

    def get_index_results_url(self):
        return reverse("actions_responses_results", args=[self.action.pk])

    def get_queryset(self):
        return ActionResponse.objects.filter(action_key=self.action.translation_key).order_by(
            "-created_at", "-pk"
        )

    def get_filename(self):
        return f"responses-{self.action.slug}-{datetime.date.today():%Y-%m-%d}"

    # Exported as a person reads them, in the exporter's language: "Pledge", "Left a
    # voicemail", "Spanish", "Yes"/"No", not the stored codes and True/False.
    CHOICE_FIELDS = ("kind", "outcome")
    YES_NO_FIELDS = ("counted", "held_for_review", "show_publicly", "opt_in")

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for name in self.CHOICE_FIELDS:
            if name in row and row[name]:
                row[name] = str(getattr(item, f"get_{name}_display")())
        for name in self.YES_NO_FIELDS:
            if name in row:
                row[name] = str(_("Yes") if row[name] else _("No"))
        if row.get("language"):
            try:
                row["language"] = str(get_language_info(row["language"])["name_translated"])
            except KeyError:
                pass
        return OrderedDict((key, neutralise(local_time(value))) for key, value in row.items())

    def stream_csv(self, queryset):
        """The CSV with a UTF-8 byte-order mark first, so Excel opens accents right."""
        yield UTF8_BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log(
            instance=self.action,
            action=EXPORT_ACTION,
            user=self.request.user,
            data={"format": spreadsheet_format, "rows": queryset.count()},
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    @cached_property
    def totals(self):
        return summarise(self.get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        context["totals"] = self.totals
        context["by_official"] = by_official(self.get_queryset())
        context["outcome_choices"] = ActionResponse.Outcome.choices
        context["delivery_url"] = reverse("actions_delivery", args=[self.action.pk])
        context["release_url"] = reverse("actions_release_held", args=[self.action.pk])
        if self.action.block_of_kind("sign") is not None:
            context["deliver_url"] = reverse("actions_deliver", args=[self.action.pk])
        context["allowed_networks_url"] = allowed_networks_url(self.request.user)
        return context


def allowed_networks_url(user):
    """The "Allowed networks" list for someone who may add to it, else None: the place to
    stop an event's Wi-Fi from being held again."""
    if not user.has_perm("actions.add_allowednetwork"):
        return None
    return reverse("wagtailsnippets_actions_allowednetwork:list")


def summarise(queryset):
    """Totals for organisers: counted, by kind and by call outcome, by language."""
    agg = queryset.aggregate(
        total=Count("id"),
        counted=Count("id", filter=Q(counted=True)),
        held=Count("id", filter=Q(held_for_review=True)),
        sign=Count("id", filter=Q(kind="sign")),
        pledge=Count("id", filter=Q(kind="pledge")),
        call=Count("id", filter=Q(kind="call")),
        email=Count("id", filter=Q(kind="email")),
        en=Count("id", filter=Q(language="en")),
        es=Count("id", filter=Q(language="es")),
        **{
            f"outcome_{value}": Count("id", filter=Q(kind="call", outcome=value))
            for value in ActionResponse.Outcome.values
        },
    )
    agg["outcomes"] = [
        (label, agg[f"outcome_{value}"]) for value, label in ActionResponse.Outcome.choices
    ]
    return agg


@personal_data_required
@require_POST
def release_held(request, page_id):
    """Count (and confirm) every response to this action held for review."""
    from actions import review

    action = get_object_or_404(UrgentActionPage, pk=page_id)
    responses = ActionResponse.objects.filter(action_key=action.translation_key)
    released = review.release(responses, action)
    if released:
        log(
            instance=action,
            action="actions.release_held",
            user=request.user,
            data={"released": released},
        )
    messages.success(
        request,
        ngettext(
            "%(count)s held response released and counted.",
            "%(count)s held responses released and counted.",
            released,
        )
        % {"count": released},
    )
    return redirect("actions_responses", action.pk)


def by_official(queryset):
    """Calls per official, by outcome: which offices answer, which never do.

    "Made" counts the calls that reached someone (talked or voicemail); busy/unavailable
    and skipped ones are listed but not counted as calls made.
    """
    rows = (
        queryset.filter(kind="call")
        .exclude(official="")
        .values("official")
        .annotate(
            made=Count("id", filter=Q(counted=True)),
            **{
                value: Count("id", filter=Q(outcome=value))
                for value in ActionResponse.Outcome.values
            },
        )
        .order_by("-made", "official")
    )
    return [
        {
            "official": row["official"],
            "made": row["made"],
            "outcomes": [row[value] for value in ActionResponse.Outcome.values],
        }
        for row in rows
    ]


# Delivery packet --------------------------------------------------------------------------


def _letter_text(action):
    block = action.block_of_kind("sign")
    if block is None:
        return None
    return block.value


def _signers(action, state="", district=""):
    signers = ActionResponse.objects.filter(action_key=action.translation_key, kind="sign")
    if state:
        signers = signers.filter(state__iexact=state)
    if district:
        signers = signers.filter(district__iexact=district)
    return signers.order_by("state", "district", "last_name", "first_name", "pk")


def _grouped(signers):
    groups = OrderedDict()
    for signer in signers:
        groups.setdefault((signer.state, signer.district), []).append(signer)
    return [
        {"state": state, "district": district, "signers": people}
        for (state, district), people in groups.items()
    ]


def packet_targets(action):
    """Who receives this letter: the chosen officials, then the members of Congress for
    every seat that has signers (senators by state, representatives by district)."""
    from officials.models import Target

    seats = set(
        ActionResponse.objects.filter(action_key=action.translation_key, kind="sign")
        .exclude(state="")
        .values_list("state", "district")
    )
    targets = list(action.get_chosen_targets()) if action.recipients != "zip" else []
    if action.recipients in ("zip", "both") and seats:
        states = {state for state, _ in seats}
        query = Q(chamber=Target.Chamber.SENATE, state__in=states)
        for state, district in seats:
            if district.isdigit():
                query |= Q(chamber=Target.Chamber.HOUSE, state=state, district=int(district))
        congress = (
            Target.objects.current()
            .members_of_congress()
            .filter(query)
            .order_by("state", "chamber", "district", "last_name")
        )
        targets += [t for t in congress if t not in targets]
    return targets


def _signers_for(action, target):
    """A target's constituents: a senator's state, a representative's district; everyone
    for an official chosen by the editor."""
    from officials.models import Target

    if target is None or target.chamber == Target.Chamber.OTHER or not target.state:
        return _signers(action)
    if target.chamber == Target.Chamber.SENATE:
        return _signers(action, target.state)
    return _signers(action, target.state, "" if target.district is None else str(target.district))


@personal_data_required
def delivery_packet(request, page_id):
    """The letter followed by its signers grouped by state and district, to print or as CSV,
    for everyone or for one target (`?target=<id>`: only that official's constituents)."""
    action = get_object_or_404(UrgentActionPage, pk=page_id)
    targets = packet_targets(action)
    target = None
    wanted = request.GET.get("target", "")
    if wanted.isdigit():
        target = next((t for t in targets if t.pk == int(wanted)), None)
    signers = _signers_for(action, target)
    fmt = request.GET.get("format")
    log(
        instance=action,
        action=EXPORT_ACTION,
        user=request.user,
        data={"format": f"delivery-{fmt or 'print'}", "target": target.pk if target else None},
    )
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        slug = f"{target.last_name or target.pk}".lower() if target else "all"
        response["Content-Disposition"] = (
            f'attachment; filename="delivery-{action.slug}-{slugify(slug)}.csv"'
        )
        response.write(UTF8_BOM)
        writer = csv.writer(response)
        if target is not None:
            writer.writerow([neutralise(f"{target.display_title} {target.full_name}")])
        writer.writerow(
            [
                "State",
                "District",
                "First name",
                "Last name",
                "ZIP code",
                "City",
                "Title",
                "Organisation",
            ]
        )
        for signer in signers:
            writer.writerow(
                [
                    neutralise(value)
                    for value in (
                        signer.state,
                        signer.district,
                        signer.first_name,
                        signer.last_name,
                        signer.zip_code,
                        signer.city,
                        signer.title,
                        signer.organisation,
                    )
                ]
            )
        return response
    return TemplateResponse(
        request,
        "actions/admin/delivery_packet.html",
        {
            "action": action,
            "letter": _letter_text(action),
            "groups": _grouped(signers),
            "total": signers.count(),
            # A call- or email-only action has no signers: say what it did count instead.
            "totals": summarise(ActionResponse.objects.filter(action_key=action.translation_key)),
            "targets": targets,
            "target": target,
        },
    )


def overview_rows():
    """Every action once (its default-language page), newest first, with its count, its
    responses held for review and whether it has a letter to deliver."""
    from wagtail.models import Locale

    default_locale_id = Locale.get_default().pk
    by_group = OrderedDict()
    # One row per translation group, preferring the default language's page.
    for page in UrgentActionPage.objects.order_by("-first_published_at", "pk"):
        current = by_group.get(page.translation_key)
        if current is None or (
            page.locale_id == default_locale_id and current.locale_id != default_locale_id
        ):
            by_group[page.translation_key] = page
    actions = list(by_group.values())
    UrgentActionPage.attach_counts(actions)
    held = dict(
        ActionResponse.objects.filter(held_for_review=True)
        .values_list("action_key")
        .annotate(n=Count("id"))
        .order_by()
    )
    for action in actions:
        # What waits for the organiser: held responses to release, a letter to deliver.
        action.held_count = held.get(action.translation_key, 0)
        action.has_letter = action.block_of_kind("sign") is not None
    return actions


@personal_data_required
def responses_overview(request):
    """Every action with its totals, newest first: the organisers' way in."""
    return TemplateResponse(request, "actions/admin/overview.html", {"actions": overview_rows()})


# Deliver now ---------------------------------------------------------------------------------


@personal_data_required
def deliver_now(request, page_id):
    """Show which offices will receive the letter (by e-mail, with their constituents' names)
    and which cannot (no address: the printable packet is for them); deliver on POST."""
    from actions.delivery import NoOutbox, deliver
    from actions.models import LetterDelivery

    action = get_object_or_404(UrgentActionPage, pk=page_id).specific
    done = {
        d.recipient_email: d
        for d in LetterDelivery.objects.filter(action_key=action.translation_key)
    }
    error = None
    if request.method == "POST":
        try:
            sent = deliver(action, user=request.user)
        except NoOutbox:
            error = _("E-mail sending is not set up, so nothing was delivered.")
        else:
            log(
                instance=action,
                action=DELIVER_ACTION,
                user=request.user,
                data={"offices": len(sent), "names": sum(d.signatures for d in sent)},
            )
            messages.success(
                request,
                ngettext(
                    "The letter was sent to %(count)s office.",
                    "The letter was sent to %(count)s offices.",
                    len(sent),
                )
                % {"count": len(sent)},
            )
            return redirect("actions_deliver", page_id)
    rows = []
    for target in packet_targets(action):
        address = (target.email or "").strip().lower()
        rows.append(
            {
                "target": target,
                "email": address,
                "names": _signers_for(action, target).count(),
                "delivery": done.get(address),
            }
        )
    return TemplateResponse(
        request,
        "actions/admin/deliver_now.html",
        {
            "action": action,
            "rows": rows,
            "pending": [r for r in rows if r["email"] and not r["delivery"] and r["names"]],
            "deliveries": list(done.values()),
            "error": error,
        },
    )
